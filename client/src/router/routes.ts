import { type CommunityId, parseCommunityId } from '@ensemble/shared';

export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'newCommunity' }
  | { readonly name: 'community'; readonly id: CommunityId }
  | { readonly name: 'addEvent'; readonly id: CommunityId }
  | { readonly name: 'notFound' };

/** Reads a location hash: `#/`, `#/new`, `#/c/<id>`, `#/c/<id>/events/new`. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  if (path === '/' || path === '') return { name: 'home' };
  if (path === '/new') return { name: 'newCommunity' };
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
};

/** The link to give to others (the fragment stays out of server logs). */
export function shareUrl(origin: string, id: CommunityId): string {
  return `${origin}/${paths.community(id)}`;
}
