import {
  type Capability,
  type CommunityId,
  type EventId,
  type InviteId,
  isCapability,
  isWellFormedId,
  parseCommunityId,
} from '@ensemble/shared';
import type { InviteSecret } from '../storage/AccessStore';

/** The tabs of a community's page; `events` is its home. */
export const CommunityTab = {
  events: 'events',
  items: 'items',
  projects: 'projects',
  discussions: 'discussions',
  members: 'members',
} as const;
export type CommunityTab = (typeof CommunityTab)[keyof typeof CommunityTab];
export const COMMUNITY_TABS: readonly CommunityTab[] = Object.values(CommunityTab);

/** Ids taken from the address (item, project, thread): well formed, else "not found". */
type PageId = string & { readonly __brand: 'PageId' };

export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'newCommunity' }
  | { readonly name: 'settings' }
  | { readonly name: 'community'; readonly id: CommunityId; readonly tab: CommunityTab }
  | { readonly name: 'addEvent'; readonly id: CommunityId }
  /** An event's page; `occurrence` is the chosen occurrence's key ('' for the next one). */
  | {
      readonly name: 'event';
      readonly id: CommunityId;
      readonly eventId: EventId;
      readonly occurrence: string;
    }
  | { readonly name: 'newItem'; readonly id: CommunityId }
  | { readonly name: 'item'; readonly id: CommunityId; readonly itemId: PageId }
  | { readonly name: 'project'; readonly id: CommunityId; readonly projectId: PageId }
  | { readonly name: 'thread'; readonly id: CommunityId; readonly threadId: PageId }
  /** Pairing with a nearby device (WebRTC offer and answer by QR code or text). */
  | { readonly name: 'pair'; readonly id: CommunityId }
  /**
   * An invite link: the relay capability, and the membership invite with its secret, ride
   * in the fragment, which browsers never send to a server.
   */
  | {
      readonly name: 'join';
      readonly id: CommunityId;
      readonly capability: Capability;
      readonly invite: InviteSecret | undefined;
    }
  | { readonly name: 'notFound' };

const notFound: Route = { name: 'notFound' };

/**
 * Reads a location hash: `#/`, `#/new`, `#/settings`, `#/c/<id>[/<tab>]`,
 * `#/c/<id>/events/new`, `#/c/<id>/e/<event>[/o/<date>]`, `#/c/<id>/items/new`,
 * `#/c/<id>/i/<item>`, `#/c/<id>/p/<project>`, `#/c/<id>/d/<thread>`, `#/c/<id>/pair`,
 * `#/join/<id>/<capability>`.
 */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  if (path === '/' || path === '') return { name: 'home' };
  if (path === '/new') return { name: 'newCommunity' };
  if (path === '/settings') return { name: 'settings' };
  const join = /^\/join\/([^/]+)\/([^/]+)(?:\/([^/]+)\/([^/]+))?$/.exec(path);
  if (join) {
    const id = parseCommunityId(decodeURIComponent(join[1] ?? ''));
    const capability = decodeURIComponent(join[2] ?? '');
    if (!id || !isCapability(capability)) return notFound;
    if (join[3] === undefined) return { name: 'join', id, capability, invite: undefined };
    const inviteId = decodeURIComponent(join[3]);
    const secret = decodeURIComponent(join[4] ?? '');
    if (!isWellFormedId(inviteId) || !isCapability(secret)) return notFound;
    return { name: 'join', id, capability, invite: { id: inviteId as InviteId, secret } };
  }
  const community = /^\/c\/([^/]+)(?:\/(.*))?$/.exec(path);
  if (!community) return notFound;
  const id = parseCommunityId(decodeURIComponent(community[1] ?? ''));
  if (!id) return notFound;
  return communityPage(id, community[2] ?? '');
}

function communityPage(id: CommunityId, rest: string): Route {
  if (rest === '') return { name: 'community', id, tab: CommunityTab.events };
  if ((COMMUNITY_TABS as readonly string[]).includes(rest)) {
    return { name: 'community', id, tab: rest as CommunityTab };
  }
  if (rest === 'events/new') return { name: 'addEvent', id };
  if (rest === 'items/new') return { name: 'newItem', id };
  if (rest === 'pair') return { name: 'pair', id };
  const event = /^e\/([^/]+)(?:\/o\/(\d{4}-\d{2}-\d{2}))?$/.exec(rest);
  if (event) {
    const eventId = pageId(event[1]);
    return eventId
      ? { name: 'event', id, eventId: eventId as string as EventId, occurrence: event[2] ?? '' }
      : notFound;
  }
  const page = /^([ipd])\/([^/]+)$/.exec(rest);
  const pageKey = pageId(page?.[2]);
  if (!page || !pageKey) return notFound;
  if (page[1] === 'i') return { name: 'item', id, itemId: pageKey };
  if (page[1] === 'p') return { name: 'project', id, projectId: pageKey };
  return { name: 'thread', id, threadId: pageKey };
}

function pageId(raw: string | undefined): PageId | undefined {
  const decoded = decodeURIComponent(raw ?? '');
  return isWellFormedId(decoded) ? (decoded as PageId) : undefined;
}

export const paths = {
  home: () => '#/',
  newCommunity: () => '#/new',
  settings: () => '#/settings',
  community: (id: CommunityId, tab: CommunityTab = CommunityTab.events) =>
    tab === CommunityTab.events ? `#/c/${id}` : `#/c/${id}/${tab}`,
  addEvent: (id: CommunityId) => `#/c/${id}/events/new`,
  event: (id: CommunityId, eventId: EventId, occurrence = '') =>
    occurrence ? `#/c/${id}/e/${eventId}/o/${occurrence}` : `#/c/${id}/e/${eventId}`,
  newItem: (id: CommunityId) => `#/c/${id}/items/new`,
  item: (id: CommunityId, itemId: string) => `#/c/${id}/i/${itemId}`,
  project: (id: CommunityId, projectId: string) => `#/c/${id}/p/${projectId}`,
  thread: (id: CommunityId, threadId: string) => `#/c/${id}/d/${threadId}`,
  pair: (id: CommunityId) => `#/c/${id}/pair`,
};

/**
 * The link to give to others: it carries the community's capability (and, for a
 * newcomer to become a member, an invite and its secret) in the fragment, which
 * browsers never send to a server (so no server log holds it).
 */
export function shareUrl(
  origin: string,
  id: CommunityId,
  capability: Capability,
  invite?: InviteSecret,
): string {
  const base = `${origin}/#/join/${id}/${capability}`;
  return invite ? `${base}/${invite.id}/${invite.secret}` : base;
}
