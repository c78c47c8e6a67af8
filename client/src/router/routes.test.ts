import { type CommunityId, type InviteId, newCapability, newCommunityId } from '@ensemble/shared';
import { describe, expect, it } from 'vitest';
import { COMMUNITY_TABS, parseRoute, paths, shareUrl } from './routes';

describe('parseRoute', () => {
  const id = newCommunityId();

  it('reads every screen', () => {
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#/')).toEqual({ name: 'home' });
    expect(parseRoute('#/new')).toEqual({ name: 'newCommunity' });
    expect(parseRoute('#/settings')).toEqual({ name: 'settings' });
    expect(parseRoute(`#/c/${id}`)).toEqual({ name: 'community', id, tab: 'events' });
    expect(parseRoute(`#/c/${id}/`)).toEqual({ name: 'community', id, tab: 'events' });
    expect(parseRoute(`#/c/${id}/items`)).toEqual({ name: 'community', id, tab: 'items' });
    expect(parseRoute(`#/c/${id}/members`)).toEqual({ name: 'community', id, tab: 'members' });
    expect(parseRoute(`#/c/${id}/events/new`)).toEqual({ name: 'addEvent', id });
    expect(parseRoute(`#/c/${id}/items/new`)).toEqual({ name: 'newItem', id });
    expect(parseRoute(`#/c/${id}/pair`)).toEqual({ name: 'pair', id });
    const other = newCommunityId();
    expect(parseRoute(`#/c/${id}/i/${other}`)).toEqual({ name: 'item', id, itemId: other });
    expect(parseRoute(`#/c/${id}/p/${other}`)).toEqual({ name: 'project', id, projectId: other });
    expect(parseRoute(`#/c/${id}/d/${other}`)).toEqual({ name: 'thread', id, threadId: other });
  });

  it('round-trips its own paths', () => {
    expect(parseRoute(paths.community(id))).toEqual({ name: 'community', id, tab: 'events' });
    for (const tab of COMMUNITY_TABS) {
      expect(parseRoute(paths.community(id, tab))).toEqual({ name: 'community', id, tab });
    }
    expect(parseRoute(paths.addEvent(id))).toEqual({ name: 'addEvent', id });
    expect(parseRoute(paths.settings())).toEqual({ name: 'settings' });
  });

  it('refuses malformed ids and unknown pages', () => {
    expect(parseRoute('#/c/short')).toEqual({ name: 'notFound' });
    expect(parseRoute('#/c/<script>aaaaaaaaaaaaaaaa')).toEqual({ name: 'notFound' });
    expect(parseRoute('#/elsewhere')).toEqual({ name: 'notFound' });
    expect(parseRoute(`#/c/${id}/somewhere`)).toEqual({ name: 'notFound' });
    expect(parseRoute(`#/c/${id}/i/<b>`)).toEqual({ name: 'notFound' });
  });

  it('builds the share link with the capability in the fragment, and reads it back', () => {
    const fixed = 'AbCdEfGhIjKlMnOpQrStUv' as CommunityId;
    const capability = newCapability();
    const link = shareUrl('https://ensemble.example', fixed, capability);
    expect(link).toBe(`https://ensemble.example/#/join/AbCdEfGhIjKlMnOpQrStUv/${capability}`);
    // Nothing before the fragment names the secret: servers and their logs never see it.
    expect(new URL(link).pathname + new URL(link).search).toBe('/');
    expect(parseRoute(new URL(link).hash)).toEqual({
      name: 'join',
      id: fixed,
      capability,
      invite: undefined,
    });
  });

  it('carries a membership invite and its secret in the fragment too', () => {
    const invite = { id: newCommunityId() as string as InviteId, secret: newCapability() };
    const link = shareUrl('https://ensemble.example', id, newCapability(), invite);
    expect(new URL(link).pathname + new URL(link).search).toBe('/');
    expect(parseRoute(new URL(link).hash)).toMatchObject({ name: 'join', id, invite });
    expect(parseRoute(`${new URL(link).hash.replace(invite.secret, 'short')}`)).toEqual({
      name: 'notFound',
    });
  });

  it('refuses an invite link with a malformed capability', () => {
    expect(parseRoute(`#/join/${id}/short`)).toEqual({ name: 'notFound' });
    expect(parseRoute(`#/join/${id}/${'a'.repeat(22)}!`)).toEqual({ name: 'notFound' });
  });
});
