import {
  type Capability,
  type CommunityId,
  type EventId,
  isCapability,
  isWellFormedId,
  parseCommunityId,
} from '@ensemble/shared';

export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'newCommunity' }
  | { readonly name: 'community'; readonly id: CommunityId }
  | { readonly name: 'addEvent'; readonly id: CommunityId }
  /** An event's page; `occurrence` is the chosen occurrence's key ('' for the next one). */
  | {
      readonly name: 'event';
      readonly id: CommunityId;
      readonly eventId: EventId;
      readonly occurrence: string;
    }
  /** An invite link: the capability rides in the fragment, which browsers never send. */
  | { readonly name: 'join'; readonly id: CommunityId; readonly capability: Capability }
  | { readonly name: 'notFound' };

/** Reads a location hash: `#/`, `#/new`, `#/c/<id>`, `#/c/<id>/events/new`, `#/join/<id>/<capability>`. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  if (path === '/' || path === '') return { name: 'home' };
  if (path === '/new') return { name: 'newCommunity' };
  const join = /^\/join\/([^/]+)\/([^/]+)$/.exec(path);
  if (join) {
    const id = parseCommunityId(decodeURIComponent(join[1] ?? ''));
    const capability = decodeURIComponent(join[2] ?? '');
    return id && isCapability(capability) ? { name: 'join', id, capability } : { name: 'notFound' };
  }
  const event = /^\/c\/([^/]+)\/e\/([^/]+)(?:\/o\/(\d{4}-\d{2}-\d{2}))?$/.exec(path);
  if (event) {
    const id = parseCommunityId(decodeURIComponent(event[1] ?? ''));
    const eventId = decodeURIComponent(event[2] ?? '');
    if (!id || !isWellFormedId(eventId)) return { name: 'notFound' };
    return { name: 'event', id, eventId: eventId as EventId, occurrence: event[3] ?? '' };
  }
  const match = /^\/c\/([^/]+)(\/events\/new)?$/.exec(path);
  const id = match?.[1] ? parseCommunityId(decodeURIComponent(match[1])) : undefined;
  if (!match || !id) return { name: 'notFound' };
  return match[2] ? { name: 'addEvent', id } : { name: 'community', id };
}

export const paths = {
  home: () => '#/',
  newCommunity: () => '#/new',
  community: (id: CommunityId) => `#/c/${id}`,
  addEvent: (id: CommunityId) => `#/c/${id}/events/new`,
  event: (id: CommunityId, eventId: EventId, occurrence = '') =>
    occurrence ? `#/c/${id}/e/${eventId}/o/${occurrence}` : `#/c/${id}/e/${eventId}`,
};

/**
 * The link to give to others: it carries the community's capability in the
 * fragment, which browsers never send to a server (so no server log holds it).
 */
export function shareUrl(origin: string, id: CommunityId, capability: Capability): string {
  return `${origin}/#/join/${id}/${capability}`;
}
