import { describe, expect, it } from 'vitest';
import { capabilityVerifier } from '../protocol/capability';
import {
  FORWARD_LIMITS,
  forwardFragment,
  isShareId,
  newForwardShare,
  parseForwardedPost,
  parseForwardFragment,
  parseForwardReply,
  parseForwardShare,
} from './share';

const now = Date.parse('2030-01-01T00:00:00.000Z');
const post = {
  kind: 'request',
  title: 'Qui peut prêter un projecteur ?',
  description: 'Samedi',
  community: 'Entraide',
};
const share = (over: Record<string, unknown> = {}) => ({
  v: 1,
  room: 'community-abc',
  verifier: capabilityVerifier(newForwardShare().capability),
  expiresAt: '2030-01-08T00:00:00.000Z',
  post,
  ...over,
});

describe('forwarded requests', () => {
  it('[FWD1] a new share has a public id and a separate capability', () => {
    const a = newForwardShare();
    const b = newForwardShare();
    expect(isShareId(a.shareId)).toBe(true);
    expect(a.capability).not.toContain(a.shareId);
    expect(a.shareId).not.toBe(b.shareId);
    expect(a.capability).not.toBe(b.capability);
  });

  it('[FWD2] the snapshot holds the kind, title, description and community name only', () => {
    expect(parseForwardedPost(post)).toEqual({ ok: true, value: post });
    expect(parseForwardedPost({ ...post, members: ['Alice'] })).toEqual({
      ok: false,
      error: { reason: 'unknown-field', field: 'members' },
    });
    expect(parseForwardedPost({ ...post, title: ' ' })).toMatchObject({
      error: { field: 'title' },
    });
    expect(parseForwardedPost({ ...post, kind: 'secret' })).toMatchObject({
      error: { field: 'kind' },
    });
  });

  it('[FWD3] a share needs a verifier and a future expiry within 30 days', () => {
    expect(parseForwardShare(share(), now).ok).toBe(true);
    expect(parseForwardShare(share({ expiresAt: '2029-12-31T00:00:00.000Z' }), now)).toMatchObject({
      error: { reason: 'expired', field: 'expiresAt' },
    });
    const tooLong = new Date(now + FORWARD_LIMITS.lifetimeMs + 1000).toISOString();
    expect(parseForwardShare(share({ expiresAt: tooLong }), now)).toMatchObject({
      error: { field: 'expiresAt' },
    });
    expect(parseForwardShare(share({ verifier: 'x' }), now)).toMatchObject({
      error: { field: 'verifier' },
    });
    expect(parseForwardShare(share({ capability: 'leak' }), now)).toMatchObject({
      error: { reason: 'unknown-field', field: 'capability' },
    });
    expect(parseForwardShare(share({ post: { ...post, extra: 1 } }), now)).toMatchObject({
      error: { field: 'post.extra' },
    });
  });

  it('[FWD4] a reply is a name and a text, both required and bounded', () => {
    expect(parseForwardReply({ name: ' Zoé ', text: 'J’en ai un ' })).toEqual({
      ok: true,
      value: { name: 'Zoé', text: 'J’en ai un' },
    });
    expect(parseForwardReply({ name: 'Zoé', text: '' })).toMatchObject({
      error: { field: 'text' },
    });
    expect(parseForwardReply({ name: '', text: 'oui' })).toMatchObject({
      error: { field: 'name' },
    });
    expect(
      parseForwardReply({ name: 'Zoé', text: 'x'.repeat(FORWARD_LIMITS.text + 1) }),
    ).toMatchObject({
      error: { field: 'text' },
    });
    expect(parseForwardReply({ name: 'Zoé', text: 'oui', room: 'r' })).toMatchObject({
      error: { reason: 'unknown-field' },
    });
  });

  it('[FWD5] the link fragment round-trips and refuses damaged links', () => {
    const { shareId, capability } = newForwardShare();
    const hash = forwardFragment('http://127.0.0.1:4000', shareId, capability);
    expect(parseForwardFragment(hash)).toEqual({
      relayUrl: 'http://127.0.0.1:4000',
      shareId,
      capability,
    });
    expect(
      parseForwardFragment(
        `#/forward/${encodeURIComponent('javascript:x')}/${shareId}/${capability}`,
      ),
    ).toBeUndefined();
    expect(parseForwardFragment(`#/forward/%E0%A4%A/${shareId}/${capability}`)).toBeUndefined();
    expect(parseForwardFragment('#/forward/x')).toBeUndefined();
  });
});
