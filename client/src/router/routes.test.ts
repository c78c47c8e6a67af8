import { type CommunityId, newCommunityId } from '@ensemble/shared';
import { describe, expect, it } from 'vitest';
import { parseRoute, paths, shareUrl } from './routes';

describe('parseRoute', () => {
  const id = newCommunityId();

  it('reads every screen', () => {
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#/')).toEqual({ name: 'home' });
    expect(parseRoute('#/new')).toEqual({ name: 'newCommunity' });
    expect(parseRoute(`#/c/${id}`)).toEqual({ name: 'community', id });
    expect(parseRoute(`#/c/${id}/`)).toEqual({ name: 'community', id });
    expect(parseRoute(`#/c/${id}/events/new`)).toEqual({ name: 'addEvent', id });
  });

  it('round-trips its own paths', () => {
    expect(parseRoute(paths.community(id))).toEqual({ name: 'community', id });
    expect(parseRoute(paths.addEvent(id))).toEqual({ name: 'addEvent', id });
  });

  it('refuses malformed ids and unknown pages', () => {
    expect(parseRoute('#/c/short')).toEqual({ name: 'notFound' });
    expect(parseRoute('#/c/<script>aaaaaaaaaaaaaaaa')).toEqual({ name: 'notFound' });
    expect(parseRoute('#/elsewhere')).toEqual({ name: 'notFound' });
  });

  it('builds the share link from the origin', () => {
    const fixed = 'AbCdEfGhIjKlMnOpQrStUv' as CommunityId;
    expect(shareUrl('https://ensemble.example', fixed)).toBe(
      'https://ensemble.example/#/c/AbCdEfGhIjKlMnOpQrStUv',
    );
  });
});
