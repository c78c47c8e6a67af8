import { type CommunityId, newCapability, newCommunityId } from '@ensemble/shared';
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

  it('builds the share link with the capability in the fragment, and reads it back', () => {
    const fixed = 'AbCdEfGhIjKlMnOpQrStUv' as CommunityId;
    const capability = newCapability();
    const link = shareUrl('https://ensemble.example', fixed, capability);
    expect(link).toBe(`https://ensemble.example/#/join/AbCdEfGhIjKlMnOpQrStUv/${capability}`);
    // Nothing before the fragment names the secret: servers and their logs never see it.
    expect(new URL(link).pathname + new URL(link).search).toBe('/');
    expect(parseRoute(new URL(link).hash)).toEqual({ name: 'join', id: fixed, capability });
  });

  it('refuses an invite link with a malformed capability', () => {
    expect(parseRoute(`#/join/${id}/short`)).toEqual({ name: 'notFound' });
    expect(parseRoute(`#/join/${id}/${'a'.repeat(22)}!`)).toEqual({ name: 'notFound' });
  });
});
