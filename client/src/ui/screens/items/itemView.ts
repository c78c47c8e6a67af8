import {
  type CommunityId,
  decodeHlc,
  type ItemId,
  ItemKind,
  ItemState,
  type MemberId,
  type SharedItem,
  searchItems,
} from '@ensemble/shared';

/** The list's filters: which kinds, only what is still open, only what concerns me. */
export interface ItemFilter {
  /** Empty: every kind. */
  readonly kinds: readonly ItemKind[];
  readonly openOnly: boolean;
  readonly mine: boolean;
  readonly query: string;
}

export const NO_FILTER: ItemFilter = { kinds: [], openOnly: false, mine: false, query: '' };

/** Mine: I posted it, I hold it, or I am in its queue. */
export function concernsMe(item: SharedItem, me: MemberId): boolean {
  return item.owner === me || item.holder === me || item.queue.includes(me);
}

/** [ITM4] The list as filtered: kinds, open (not closed), mine, then the accent-insensitive search. */
export function filterItems(
  items: readonly SharedItem[],
  filter: ItemFilter,
  me: MemberId,
): readonly SharedItem[] {
  const kept = items.filter(
    (item) =>
      (filter.kinds.length === 0 || filter.kinds.includes(item.kind)) &&
      (!filter.openOnly || item.state !== ItemState.closed) &&
      (!filter.mine || concernsMe(item, me)),
  );
  return filter.query.trim() ? searchItems(kept, filter.query) : kept;
}

/** What a card and the item page say of an item's state. */
export type ItemStatus =
  | { readonly kind: 'available' }
  | { readonly kind: 'reserved'; readonly queueLength: number }
  | { readonly kind: 'held'; readonly holder: MemberId; readonly dueAt: string | null }
  | { readonly kind: 'closed' };

export function itemStatus(item: SharedItem): ItemStatus {
  switch (item.state) {
    case ItemState.open:
    case ItemState.returned:
      return { kind: 'available' };
    case ItemState.reserved:
      return { kind: 'reserved', queueLength: item.queue.length };
    case ItemState.handedOver: {
      const current = item.history.at(-1);
      return {
        kind: 'held',
        holder: item.holder ?? ('' as MemberId),
        dueAt: current?.until === null ? current.dueAt : null,
      };
    }
    case ItemState.closed:
      return { kind: 'closed' };
    default:
      return assertNever(item.state);
  }
}

/** Where I stand with an item, which decides the actions offered to me. */
export type ItemRole =
  | { readonly kind: 'owner' }
  | { readonly kind: 'holder' }
  | { readonly kind: 'queued'; readonly position: number }
  | { readonly kind: 'other' };

export function itemRole(item: SharedItem, me: MemberId): ItemRole {
  if (item.owner === me) return { kind: 'owner' };
  if (item.holder === me) return { kind: 'holder' };
  const index = item.queue.indexOf(me);
  if (index >= 0) return { kind: 'queued', position: index + 1 };
  return { kind: 'other' };
}

/** A loan whose due date has passed while still held. */
export function isOverdue(status: ItemStatus, now: Date): boolean {
  return (
    status.kind === 'held' && status.dueAt !== null && Date.parse(status.dueAt) < now.getTime()
  );
}

/** The wall time of a logical stamp (what the device's clock said), for display. */
export function stampTime(stamp: string): Date | undefined {
  const parts = decodeHlc(stamp);
  return parts ? new Date(parts.wallMs) : undefined;
}

/** Only loans are given back; an offer handed over is given away, a request has helpers. */
export function isReturnable(item: SharedItem): boolean {
  return item.kind === ItemKind.lend;
}

/** Tags typed as "outils, #bricolage; jardin" → ["outils", "bricolage", "jardin"]. */
export function parseTags(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((tag) => tag.trim().replace(/^#/, ''))
    .filter(Boolean);
}

/** The due-date field's value (a local date) as a local time: the end of that day. */
export function dueDateInput(date: string): string {
  return `${date}T23:59`;
}

/**
 * "Offer an item in answer to this request": the request travels from its page to the
 * new-item form in this tab's session storage (the address stays the plain form's).
 */
const key = (id: CommunityId) => `ensemble.answerTo.${id}`;

export function setAnswerTo(id: CommunityId, requestId: ItemId): void {
  try {
    sessionStorage.setItem(key(id), requestId);
  } catch {
    // Storage refused (private mode, quota): the form simply opens without the link.
  }
}

export function answerTo(id: CommunityId): ItemId | undefined {
  try {
    return (sessionStorage.getItem(key(id)) as ItemId | null) ?? undefined;
  } catch {
    return undefined;
  }
}

export function clearAnswerTo(id: CommunityId): void {
  try {
    sessionStorage.removeItem(key(id));
  } catch {
    // Nothing to clear.
  }
}

function assertNever(value: never): never {
  throw new Error(`Unknown item state ${String(value)}`);
}
