import { isCapabilityVerifier, newCapability } from '../protocol/capability';
import { err, ok, type Result } from '../result';

/**
 * Requests that travel (issue 15): a member forwards ONE request or offer beyond the
 * community as a read-only link. The member's device publishes a snapshot of that post
 * to the relay under a share id; the link's fragment holds the share id and a share
 * capability (never sent in a URL: the reader presents it in `Authorization`). The relay
 * keeps only the capability's verifier, the snapshot and a per-share inbox of replies;
 * it never lets a share's holder read the community's room [FWD1].
 */
export interface ForwardedPost {
  readonly kind: 'offer' | 'request' | 'lend';
  readonly title: string;
  readonly description: string;
  /** The community's name as the author chose to show it (may be empty). */
  readonly community: string;
}

/** What the member's device sends with `PUT /forwards/<shareId>`. */
export interface ForwardShare {
  readonly v: 1;
  readonly room: string;
  /** `capabilityVerifier(shareCapability)`. */
  readonly verifier: string;
  /** UTC instant (ISO 8601) after which the relay refuses the share. */
  readonly expiresAt: string;
  readonly post: ForwardedPost;
}

/** A non-member's answer, as posted to the share's inbox. */
export interface ForwardReply {
  readonly name: string;
  readonly text: string;
}

/** A reply as the relay returns it to the community's members. */
export interface StoredForwardReply extends ForwardReply {
  readonly id: string;
  readonly at: string;
}

export const FORWARD_LIMITS = {
  title: 200,
  description: 4000,
  community: 120,
  name: 80,
  text: 2000,
  /** Replies one share's inbox holds (beyond: 507). */
  replies: 200,
  /** Longest a share lives: 30 days. */
  lifetimeMs: 30 * 24 * 3600 * 1000,
  bytes: 16 * 1024,
} as const;

export interface ForwardError {
  readonly reason: 'bad-field' | 'unknown-field' | 'expired';
  readonly field: string;
}

const SHARE_ID_PATTERN = /^[A-Za-z0-9_-]{22,43}$/;
const KINDS = ['offer', 'request', 'lend'] as const;

export function isShareId(value: string): boolean {
  return SHARE_ID_PATTERN.test(value);
}

/** A new share: its public id and the capability that the link's fragment carries. */
export function newForwardShare(): { readonly shareId: string; readonly capability: string } {
  return { shareId: newCapability().slice(0, 22), capability: newCapability() };
}

const bad = (field: string): Result<never, ForwardError> => err({ reason: 'bad-field', field });

function extraKey(value: object, keys: readonly string[], at: string): ForwardError | undefined {
  const extra = Object.keys(value).find((key) => !keys.includes(key));
  return extra === undefined ? undefined : { reason: 'unknown-field', field: `${at}${extra}` };
}

const isText = (value: unknown, max: number, required = true): value is string =>
  typeof value === 'string' && value.length <= max && (!required || value.trim() !== '');

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** [FWD2] The post snapshot: kind, title, description, community name; nothing else. */
export function parseForwardedPost(value: unknown, at = ''): Result<ForwardedPost, ForwardError> {
  if (!isRecord(value)) return bad(at);
  const extra = extraKey(value, ['kind', 'title', 'description', 'community'], at);
  if (extra) return err(extra);
  const kind = KINDS.find((k) => k === value.kind);
  if (kind === undefined) return bad(`${at}kind`);
  if (!isText(value.title, FORWARD_LIMITS.title)) return bad(`${at}title`);
  if (!isText(value.description, FORWARD_LIMITS.description, false)) return bad(`${at}description`);
  if (!isText(value.community, FORWARD_LIMITS.community, false)) return bad(`${at}community`);
  return ok({
    kind,
    title: value.title,
    description: value.description,
    community: value.community,
  });
}

/** [FWD3] A share as the relay accepts it: known fields, a verifier, a future expiry within 30 days. */
export function parseForwardShare(
  value: unknown,
  now = Date.now(),
): Result<ForwardShare, ForwardError> {
  if (!isRecord(value)) return bad('');
  const extra = extraKey(value, ['v', 'room', 'verifier', 'expiresAt', 'post'], '');
  if (extra) return err(extra);
  if (value.v !== 1) return bad('v');
  if (typeof value.room !== 'string' || value.room === '' || value.room.length > 200)
    return bad('room');
  if (typeof value.verifier !== 'string' || !isCapabilityVerifier(value.verifier))
    return bad('verifier');
  const expires = typeof value.expiresAt === 'string' ? Date.parse(value.expiresAt) : Number.NaN;
  if (Number.isNaN(expires)) return bad('expiresAt');
  if (expires <= now) return err({ reason: 'expired', field: 'expiresAt' });
  if (expires > now + FORWARD_LIMITS.lifetimeMs) return bad('expiresAt');
  const post = parseForwardedPost(value.post, 'post.');
  if (!post.ok) return post;
  return ok({
    v: 1,
    room: value.room,
    verifier: value.verifier,
    expiresAt: new Date(expires).toISOString(),
    post: post.value,
  });
}

/** [FWD4] A reply: a name and a text, both required and bounded; nothing else. */
export function parseForwardReply(value: unknown): Result<ForwardReply, ForwardError> {
  if (!isRecord(value)) return bad('');
  const extra = extraKey(value, ['name', 'text'], '');
  if (extra) return err(extra);
  if (!isText(value.name, FORWARD_LIMITS.name)) return bad('name');
  if (!isText(value.text, FORWARD_LIMITS.text)) return bad('text');
  return ok({ name: value.name.trim(), text: value.text.trim() });
}

/** [FWD5] The link's fragment: `#/forward/<relay URL>/<shareId>/<capability>` (percent-encoded relay). */
export function forwardFragment(relayUrl: string, shareId: string, capability: string): string {
  return `#/forward/${encodeURIComponent(relayUrl)}/${shareId}/${capability}`;
}

export function parseForwardFragment(
  hash: string,
):
  | { readonly relayUrl: string; readonly shareId: string; readonly capability: string }
  | undefined {
  const match = /^#\/forward\/([^/]+)\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)$/.exec(hash);
  if (!match) return undefined;
  const [, relay = '', shareId = '', capability = ''] = match;
  let relayUrl: string;
  try {
    relayUrl = decodeURIComponent(relay);
  } catch {
    return undefined;
  }
  if (!/^https?:\/\//.test(relayUrl) || !isShareId(shareId) || capability.length < 22)
    return undefined;
  return { relayUrl, shareId, capability };
}
