import type { Result } from '@ensemble/shared';
import { base64UrlToBytes, bytesToBase64Url, deflate, inflate } from './pairingBytes';

/**
 * The text of a relay-less pairing code (offer or answer), shown as QR codes and as text.
 *
 * A code is a JSON message (version, kind, community id, document epoch, SDP with its ICE
 * candidates), deflated, in base64url, split into parts that each fit a QR code a phone
 * camera reads easily. Each part is `ENS<version>:<index>/<count>:<tag>:<data>`, where
 * the tag is a checksum of the whole data (FNV-1a): parts of one code share it, parts of
 * two codes never mix, and a truncated or altered code is detected before it is inflated.
 */
export const PAIRING_CODE_VERSION = 1;

// Local Result constructors: this chunk imports no value from shared (see wireCodec.ts).
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
/** Characters of data per part: a QR code of version 9-10 (53-57 modules) at error correction L, easy for a phone camera. */
export const PART_DATA_CHARS = 220;
/** An inflated code larger than this is not one of ours. */
const MAX_MESSAGE_BYTES = 64 * 1024;
const PART_PATTERN = /^ENS(\d{1,3}):(\d{1,2})\/(\d{1,2}):([0-9a-z]{1,7}):([A-Za-z0-9_-]+)$/;

export const PairingKind = { offer: 'offer', answer: 'answer' } as const;
export type PairingKind = (typeof PairingKind)[keyof typeof PairingKind];

export interface PairingMessage {
  readonly kind: PairingKind;
  readonly communityId: string;
  /** The community document's creation id, when known: two documents never merge. */
  readonly epoch?: string;
  readonly sdp: string;
  /** In an answer: the tag of the offer it answers. */
  readonly offerTag?: string;
}

export type PairingCodeError =
  | { readonly reason: 'not-a-code' }
  | { readonly reason: 'damaged' }
  | { readonly reason: 'missing-parts'; readonly read: number; readonly total: number }
  | { readonly reason: 'mixed-codes' }
  | { readonly reason: 'newer-version' }
  | { readonly reason: 'wrong-community' }
  | { readonly reason: 'other-document' }
  | { readonly reason: 'unexpected-kind'; readonly expected: PairingKind }
  | { readonly reason: 'other-pairing' };

export interface EncodedPairingCode {
  readonly tag: string;
  /** One text per QR code, in order. */
  readonly parts: readonly string[];
  /** The copy-and-paste form: the whole code in one part. */
  readonly text: string;
}

export interface PairingPart {
  readonly index: number;
  readonly count: number;
  readonly tag: string;
  readonly data: string;
}

export async function encodePairingCode(
  message: PairingMessage,
  partChars = PART_DATA_CHARS,
): Promise<EncodedPairingCode> {
  const json = JSON.stringify({
    v: PAIRING_CODE_VERSION,
    k: message.kind === PairingKind.offer ? 'o' : 'a',
    c: message.communityId,
    ...(message.epoch ? { e: message.epoch } : {}),
    s: message.sdp,
    ...(message.offerTag ? { r: message.offerTag } : {}),
  });
  const data = bytesToBase64Url(await deflate(new TextEncoder().encode(json)));
  const tag = checksum(data);
  const count = Math.max(1, Math.ceil(data.length / partChars));
  const parts = Array.from({ length: count }, (_, i) =>
    formatPart({ index: i + 1, count, tag, data: data.slice(i * partChars, (i + 1) * partChars) }),
  );
  return { tag, parts, text: formatPart({ index: 1, count: 1, tag, data }) };
}

function formatPart(part: PairingPart): string {
  return `ENS${PAIRING_CODE_VERSION}:${part.index}/${part.count}:${part.tag}:${part.data}`;
}

/** Reads one part (a scanned QR code, or one pasted line). */
export function parsePairingPart(text: string): Result<PairingPart, PairingCodeError> {
  const trimmed = text.trim();
  if (!trimmed.startsWith('ENS')) return err({ reason: 'not-a-code' });
  const match = PART_PATTERN.exec(trimmed);
  if (!match) return err({ reason: 'damaged' });
  const [, version, index, count, tag, data] = match as unknown as [string, ...string[]];
  if (Number(version) > PAIRING_CODE_VERSION) return err({ reason: 'newer-version' });
  if (Number(version) < 1) return err({ reason: 'damaged' });
  const part = { index: Number(index), count: Number(count), tag: String(tag), data: String(data) };
  if (part.count < 1 || part.index < 1 || part.index > part.count)
    return err({ reason: 'damaged' });
  return ok(part);
}

/** Joins the parts read so far (any order, repeats allowed) into the code's data. */
export function joinPairingParts(texts: readonly string[]): Result<string, PairingCodeError> {
  const parts = new Map<number, PairingPart>();
  let first: PairingPart | undefined;
  for (const text of texts) {
    const parsed = parsePairingPart(text);
    if (!parsed.ok) return parsed;
    const part = parsed.value;
    first ??= part;
    if (part.tag !== first.tag || part.count !== first.count) return err({ reason: 'mixed-codes' });
    parts.set(part.index, part);
  }
  if (!first) return err({ reason: 'not-a-code' });
  if (parts.size < first.count) {
    return err({ reason: 'missing-parts', read: parts.size, total: first.count });
  }
  const data = [...parts.values()]
    .sort((a, b) => a.index - b.index)
    .map((part) => part.data)
    .join('');
  return checksum(data) === first.tag ? ok(data) : err({ reason: 'damaged' });
}

/** Splits pasted text into the parts it holds (one per line or separated by spaces). */
export function splitPastedCode(text: string): string[] {
  return text.split(/\s+/).filter((piece) => piece.length > 0);
}

export interface PairingExpectation {
  readonly kind: PairingKind;
  readonly communityId: string;
  readonly epoch?: string;
  /** For an answer: the tag of the offer this device made. */
  readonly offerTag?: string;
}

/** Joins, checks and decodes a code for this device's side of the pairing. */
export async function decodePairingCode(
  texts: readonly string[],
  expected: PairingExpectation,
): Promise<Result<PairingMessage & { readonly tag: string }, PairingCodeError>> {
  const joined = joinPairingParts(texts);
  if (!joined.ok) return joined;
  const message = await readMessage(joined.value);
  if (!message) return err({ reason: 'damaged' });
  if (message.kind !== expected.kind)
    return err({ reason: 'unexpected-kind', expected: expected.kind });
  if (message.communityId !== expected.communityId) return err({ reason: 'wrong-community' });
  if (message.epoch && expected.epoch && message.epoch !== expected.epoch) {
    return err({ reason: 'other-document' });
  }
  if (expected.offerTag && message.offerTag !== expected.offerTag) {
    return err({ reason: 'other-pairing' });
  }
  return ok({ ...message, tag: checksum(joined.value) });
}

async function readMessage(data: string): Promise<PairingMessage | undefined> {
  let value: unknown;
  try {
    const bytes = await inflate(base64UrlToBytes(data), MAX_MESSAGE_BYTES);
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { v, k, c, e, s, r } = value as Record<string, unknown>;
  if (v !== PAIRING_CODE_VERSION || (k !== 'o' && k !== 'a')) return undefined;
  if (typeof c !== 'string' || typeof s !== 'string') return undefined;
  if ((e !== undefined && typeof e !== 'string') || (r !== undefined && typeof r !== 'string')) {
    return undefined;
  }
  return {
    kind: k === 'o' ? PairingKind.offer : PairingKind.answer,
    communityId: c,
    sdp: s,
    ...(e ? { epoch: e } : {}),
    ...(r ? { offerTag: r } : {}),
  };
}

/** FNV-1a (32 bits) of the data, in base 36: detects truncation and typos, not an attacker. */
export function checksum(data: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < data.length; i++) {
    hash ^= data.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
