import type { HlcTimestamp } from '../../clock/HybridLogicalClock';
import type { CrdtDocument, JsonValue } from '../../crdt/DocumentPort';
import { type ItemId, type MemberId, newItemId } from '../../ids';
import { err, ok, type Result } from '../../result';
import { derived } from '../derived';
import { type DomainError, DomainErrorReason, domainError } from '../errors';
import { createRecord, editRecord, foldedRecords, hasRecord, type RecordFields } from '../records';
import { LIMITS, validInstant, validText } from '../validation';
import { actingMember } from './access';
import type { ChangeContext } from './context';
import { CommunityRoot, ITEM_ROOTS, ItemRecords } from './schema';

export const ItemKind = { offer: 'offer', request: 'request', lend: 'lend' } as const;
export type ItemKind = (typeof ItemKind)[keyof typeof ItemKind];

export const ItemState = {
  open: 'open',
  reserved: 'reserved',
  handedOver: 'handed-over',
  returned: 'returned',
  closed: 'closed',
} as const;
export type ItemState = (typeof ItemState)[keyof typeof ItemState];

export interface ItemFields {
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
}
export interface PostItem extends ItemFields {
  readonly type: 'postItem';
  readonly id?: ItemId;
  readonly kind: ItemKind;
}
export interface UpdateItem extends Partial<ItemFields> {
  readonly type: 'updateItem';
  readonly itemId: ItemId;
}
export interface ClaimItem {
  readonly type: 'claimItem';
  readonly itemId: ItemId;
}
export interface WithdrawClaim {
  readonly type: 'withdrawClaim';
  readonly itemId: ItemId;
}
export interface HandOverItem {
  readonly type: 'handOverItem';
  readonly itemId: ItemId;
  readonly to: MemberId;
  /** For loans: when it should come back (UTC ISO). */
  readonly dueAt?: string;
}
export interface ReturnItem {
  readonly type: 'returnItem';
  readonly itemId: ItemId;
}
export interface CloseItem {
  readonly type: 'closeItem';
  readonly itemId: ItemId;
  readonly closed: boolean;
}
export type ItemChange =
  | PostItem
  | UpdateItem
  | ClaimItem
  | WithdrawClaim
  | HandOverItem
  | ReturnItem
  | CloseItem;
export type ItemOutcome = { readonly type: 'item'; readonly itemId: ItemId };

export interface HoldingPeriod {
  readonly member: MemberId;
  readonly from: HlcTimestamp;
  readonly until: HlcTimestamp | null;
  readonly dueAt: string | null;
}

export interface SharedItem extends ItemFields {
  readonly id: ItemId;
  readonly kind: ItemKind;
  readonly owner: MemberId;
  readonly createdAt: HlcTimestamp;
  readonly state: ItemState;
  /** At most one holder at a time ([ITM2]). */
  readonly holder: MemberId | null;
  /** Members waiting, in (claim time, member id) order; the first is who it is reserved for. */
  readonly queue: readonly MemberId[];
  readonly history: readonly HoldingPeriod[];
}

interface LogEntry {
  readonly type: 'handover' | 'return';
  readonly member: MemberId;
  readonly at: HlcTimestamp;
  readonly dueAt: string | null;
}

const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface ItemActivity {
  readonly log: LogEntry[];
  readonly claims: { member: MemberId; at: string }[];
}

/** One pass over the claims and the log groups them by item (memoised until the next change). */
function itemActivity(doc: CrdtDocument): Map<string, ItemActivity> {
  return derived(doc, 'itemActivity', [CommunityRoot.itemLog, CommunityRoot.itemClaims], () => {
    const index = new Map<string, ItemActivity>();
    const recordsFor = (itemId: string) => {
      let records = index.get(itemId);
      if (!records) {
        records = { log: [], claims: [] };
        index.set(itemId, records);
      }
      return records;
    };
    const log = doc.map(CommunityRoot.itemLog);
    for (const key of log.keys()) {
      const cut = key.indexOf('|');
      const value = log.getValue(key) as Partial<Record<string, unknown>> | undefined;
      if (cut < 0 || !value || (value.type !== 'handover' && value.type !== 'return')) continue;
      recordsFor(key.slice(0, cut)).log.push({
        type: value.type,
        member: String(value.member) as MemberId,
        at: key.slice(cut + 1) as HlcTimestamp,
        dueAt: typeof value.dueAt === 'string' ? value.dueAt : null,
      });
    }
    const claims = doc.map(CommunityRoot.itemClaims);
    for (const key of claims.keys()) {
      const cut = key.indexOf('|');
      const at = claims.getValue(key);
      if (cut < 0 || typeof at !== 'string') continue;
      recordsFor(key.slice(0, cut)).claims.push({ member: key.slice(cut + 1) as MemberId, at });
    }
    for (const records of index.values()) records.log.sort((a, b) => compareStrings(a.at, b.at));
    return index;
  });
}

/**
 * [ITM1-3] The item's state is derived from its claims and its owner's log,
 * identically on every replica: log entries apply in HLC order; a handover
 * while someone holds the item is void (so there is never more than one
 * holder), a return with no holder is void; claims older than the claimant's
 * last valid handover are used up.
 */
export function readItem(doc: CrdtDocument, id: ItemId): SharedItem | undefined {
  const record = foldedRecords(doc, ItemRecords).get(id);
  if (!record || !str(record.fields, 'title')) return undefined;
  return deriveItem(doc, id, record.fields);
}

const str = (fields: RecordFields, key: string): string => {
  const value = fields[key];
  return typeof value === 'string' ? value : '';
};

function deriveItem(doc: CrdtDocument, id: ItemId, fields: RecordFields): SharedItem {
  const history: HoldingPeriod[] = [];
  let holder: { member: MemberId; from: HlcTimestamp; dueAt: string | null } | null = null;
  const lastHandover = new Map<MemberId, HlcTimestamp>();
  let lastReturn = false;
  const records = itemActivity(doc).get(id);
  for (const entry of records?.log ?? []) {
    if (entry.type === 'handover' && holder === null) {
      holder = { member: entry.member, from: entry.at, dueAt: entry.dueAt };
      lastHandover.set(entry.member, entry.at);
      lastReturn = false;
    } else if (entry.type === 'return' && holder !== null) {
      history.push({
        member: holder.member,
        from: holder.from,
        until: entry.at,
        dueAt: holder.dueAt,
      });
      holder = null;
      lastReturn = true;
    }
  }
  if (holder)
    history.push({ member: holder.member, from: holder.from, until: null, dueAt: holder.dueAt });
  const waiting: { member: MemberId; at: string }[] = [];
  for (const { member, at } of records?.claims ?? []) {
    if (member === holder?.member) continue;
    const served = lastHandover.get(member);
    if (served !== undefined && served >= at) continue;
    waiting.push({ member, at });
  }
  waiting.sort((a, b) => compareStrings(a.at, b.at) || compareStrings(a.member, b.member));
  const queue = waiting.map((w) => w.member);
  const kind = str(fields, 'kind') as ItemKind;
  const closed = fields.closed === true;
  const state: ItemState = closed
    ? ItemState.closed
    : holder
      ? ItemState.handedOver
      : queue.length > 0
        ? ItemState.reserved
        : lastReturn
          ? ItemState.returned
          : ItemState.open;
  const tags = fields.tags;
  return {
    id,
    kind,
    title: str(fields, 'title'),
    description: str(fields, 'description'),
    tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [],
    owner: str(fields, 'owner') as MemberId,
    createdAt: str(fields, 'createdAt') as HlcTimestamp,
    state,
    holder: holder?.member ?? null,
    queue,
    history,
  };
}

export function listItems(doc: CrdtDocument): readonly SharedItem[] {
  return derived(doc, 'items', ITEM_ROOTS, () => deriveItems(doc));
}

function deriveItems(doc: CrdtDocument): SharedItem[] {
  const out: SharedItem[] = [];
  for (const id of foldedRecords(doc, ItemRecords).keys()) {
    const item = readItem(doc, id as ItemId);
    if (item) out.push(item);
  }
  return out.sort((a, b) => compareStrings(b.createdAt, a.createdAt) || compareStrings(a.id, b.id));
}

const normalise = (value: string) =>
  value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase('fr');

/** [ITM4] Every word of the query appears in the title, description or tags (accents and case ignored). */
export function searchItems(items: readonly SharedItem[], query: string): SharedItem[] {
  const words = normalise(query).split(/\s+/).filter(Boolean);
  return items.filter((item) => {
    const haystack = normalise(`${item.title} ${item.description} ${item.tags.join(' ')}`);
    return words.every((word) => haystack.includes(word));
  });
}

function validItemFields(fields: Partial<ItemFields>): Result<Partial<ItemFields>, DomainError> {
  const out: { -readonly [K in keyof ItemFields]?: ItemFields[K] } = {};
  if (fields.title !== undefined) {
    const title = validText('title', fields.title, LIMITS.itemTitle, true);
    if (!title.ok) return title;
    out.title = title.value;
  }
  if (fields.description !== undefined) {
    const description = validText('description', fields.description, LIMITS.description, false);
    if (!description.ok) return description;
    out.description = description.value;
  }
  if (fields.tags !== undefined) {
    if (fields.tags.length > LIMITS.tags)
      return err(domainError(DomainErrorReason.tooLong, 'tags', LIMITS.tags));
    const tags: string[] = [];
    for (const tag of fields.tags) {
      const valid = validText('tags', tag, LIMITS.tag, true);
      if (!valid.ok) return valid;
      if (!tags.includes(valid.value)) tags.push(valid.value);
    }
    out.tags = tags;
  }
  return ok(out);
}

export function applyItemChange(
  doc: CrdtDocument,
  change: ItemChange,
  context: ChangeContext,
): Result<ItemOutcome, DomainError> {
  const actor = actingMember(doc, context, null);
  if (!actor.ok) return actor;
  if (change.type === 'postItem') {
    if (!Object.values(ItemKind).includes(change.kind))
      return err(domainError(DomainErrorReason.required, 'kind'));
    const fields = validItemFields(change);
    if (!fields.ok) return fields;
    const id = change.id ?? newItemId();
    if (hasRecord(doc, ItemRecords, id)) {
      return err(domainError(DomainErrorReason.alreadyExists, 'id'));
    }
    const record = {
      kind: change.kind,
      title: fields.value.title ?? '',
      description: fields.value.description ?? '',
      tags: [...(fields.value.tags ?? [])],
      owner: actor.value,
      createdAt: context.clock.now(),
    };
    doc.transact(() => createRecord(doc, ItemRecords, id, record));
    return ok({ type: 'item', itemId: id });
  }
  const item = readItem(doc, change.itemId);
  if (!item) return err(domainError(DomainErrorReason.unknownItem, 'itemId'));
  const outcome = ok({ type: 'item' as const, itemId: item.id });
  // What follows (a claim, a handover, a return) comes after what the device has seen of the item.
  context.clock.observe(item.createdAt);
  for (const period of item.history) context.clock.observe(period.until ?? period.from);
  const lastEdit = foldedRecords(doc, ItemRecords).get(item.id)?.lastEdit;
  if (lastEdit) context.clock.observe(lastEdit);
  const edit = (patch: RecordFields) => {
    const stamp = context.clock.now();
    doc.transact(() => editRecord(doc, ItemRecords, item.id, stamp, patch));
    return outcome;
  };
  const isOwner = item.owner === actor.value;
  const ownerOnly = () => err(domainError(DomainErrorReason.notAllowed, 'actor'));
  switch (change.type) {
    case 'updateItem': {
      if (!isOwner) return ownerOnly();
      const fields = validItemFields(change);
      if (!fields.ok) return fields;
      const patch: Record<string, JsonValue> = {};
      if (fields.value.title !== undefined) patch.title = fields.value.title;
      if (fields.value.description !== undefined) patch.description = fields.value.description;
      if (fields.value.tags !== undefined) patch.tags = [...fields.value.tags];
      return edit(patch);
    }
    case 'claimItem': {
      if (isOwner || item.state === ItemState.closed)
        return err(domainError(DomainErrorReason.invalidState));
      if (item.queue.includes(actor.value) || item.holder === actor.value) return outcome;
      const claims = doc.map(CommunityRoot.itemClaims);
      doc.transact(() => claims.set(`${item.id}|${actor.value}`, context.clock.now()));
      return outcome;
    }
    case 'withdrawClaim': {
      const claims = doc.map(CommunityRoot.itemClaims);
      doc.transact(() => claims.delete(`${item.id}|${actor.value}`));
      return outcome;
    }
    case 'handOverItem': {
      if (!isOwner) return ownerOnly();
      if (item.holder !== null || item.state === ItemState.closed)
        return err(domainError(DomainErrorReason.invalidState));
      if (!item.queue.includes(change.to))
        return err(domainError(DomainErrorReason.unknownMember, 'to'));
      let dueAt: string | null = null;
      if (change.dueAt !== undefined) {
        const due = validInstant('dueAt', change.dueAt);
        if (!due.ok) return due;
        dueAt = due.value;
      }
      const log = doc.map(CommunityRoot.itemLog);
      doc.transact(() =>
        log.set(`${item.id}|${context.clock.now()}`, {
          type: 'handover',
          member: change.to,
          dueAt,
        }),
      );
      return outcome;
    }
    case 'returnItem': {
      if (!isOwner) return ownerOnly();
      if (item.holder === null) return err(domainError(DomainErrorReason.invalidState));
      const log = doc.map(CommunityRoot.itemLog);
      doc.transact(() =>
        log.set(`${item.id}|${context.clock.now()}`, {
          type: 'return',
          member: item.holder ?? '',
          dueAt: null,
        }),
      );
      return outcome;
    }
    case 'closeItem':
      if (!isOwner) return ownerOnly();
      return edit({ closed: change.closed });
    default:
      return assertNever(change);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled item change: ${JSON.stringify(value)}`);
}
