// Content envelopes [SEAL13]-[SEAL15]: one CRDT update sealed with the room key of an epoch.
// Layout (big-endian):
//   u8 version=1 | u8 len + community | u8 len + room | u32 epoch | 32 author device
//   | u32 counter | 12 iv | u32 len + AES-GCM ciphertext | 64 Ed25519 signature
// The AES-GCM additional data is everything before the ciphertext length; the signature
// covers everything before it. The relay checks the header and signature without any key.

import { err, ok, type Result } from '../result';
import { concatBytes, fromUtf8, randomBytes, toB64u, utf8 } from './bytes';
import {
  AES_IV_BYTES,
  aesGcmOpen,
  aesGcmSeal,
  type DeviceKeys,
  hkdf,
  signBytes,
  verifyBytes,
} from './crypto';
import { SealRefusalReason as R, refusal, type SealRefusal } from './refusal';

export const ENVELOPE_VERSION = 1;
const SIG_LABEL = utf8('ensemble/seal/env/v1\n');
const MAX_ID = 255;

export interface EnvelopeHeader {
  readonly community: string;
  readonly room: string;
  readonly epoch: number;
  /** base64url signing key of the author device. */
  readonly author: string;
  /** Per author device and room, strictly increasing from 1. */
  readonly counter: number;
}

export interface ParsedEnvelope {
  readonly header: EnvelopeHeader;
  readonly authorKey: Uint8Array;
  readonly iv: Uint8Array;
  readonly aad: Uint8Array;
  readonly ciphertext: Uint8Array;
  readonly signed: Uint8Array;
  readonly signature: Uint8Array;
}

/** The AES key of one room in one epoch: HKDF of the epoch secret [SEAL13]. */
export function roomKey(epochSecret: Uint8Array, community: string, room: string, epoch: number) {
  return hkdf(epochSecret, community, `ensemble/seal/room/v1|${room}|${epoch}`);
}

function u32(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n);
  return out;
}

function shortString(text: string): Uint8Array {
  const bytes = utf8(text);
  if (bytes.length > MAX_ID) throw new Error('id too long for an envelope');
  return concatBytes(new Uint8Array([bytes.length]), bytes);
}

export async function sealEnvelope(
  header: Omit<EnvelopeHeader, 'author'>,
  plaintext: Uint8Array,
  key: Uint8Array,
  device: DeviceKeys,
): Promise<Uint8Array> {
  const iv = randomBytes(AES_IV_BYTES);
  const aad = concatBytes(
    new Uint8Array([ENVELOPE_VERSION]),
    shortString(header.community),
    shortString(header.room),
    u32(header.epoch),
    device.signPublic,
    u32(header.counter),
    iv,
  );
  const ct = await aesGcmSeal(key, iv, plaintext, aad);
  const signed = concatBytes(aad, u32(ct.length), ct);
  const sig = await signBytes(device, concatBytes(SIG_LABEL, signed));
  return concatBytes(signed, sig);
}

/** Layout only (no signature check): `malformed` on any length or field that does not fit. */
export function parseEnvelope(bytes: Uint8Array): Result<ParsedEnvelope, SealRefusal> {
  const bad = (d: string) => err(refusal(R.Malformed, d));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (n: number) => at + n <= bytes.length;
  if (!need(1) || bytes[0] !== ENVELOPE_VERSION) return bad('unknown envelope version');
  at = 1;
  const readString = (): string | undefined => {
    if (!need(1)) return undefined;
    const len = bytes[at] ?? 0;
    at += 1;
    if (!need(len)) return undefined;
    const text = fromUtf8(bytes.subarray(at, at + len));
    at += len;
    return text;
  };
  const community = readString();
  const room = readString();
  if (community === undefined || room === undefined) return bad('bad ids');
  if (!need(4 + 32 + 4 + AES_IV_BYTES + 4)) return bad('truncated header');
  const epoch = view.getUint32(at);
  const authorKey = bytes.slice(at + 4, at + 36);
  const counter = view.getUint32(at + 36);
  const iv = bytes.slice(at + 40, at + 40 + AES_IV_BYTES);
  at += 40 + AES_IV_BYTES;
  const aad = bytes.slice(0, at);
  const ctLength = view.getUint32(at);
  at += 4;
  if (at + ctLength + 64 !== bytes.length) return bad('length does not match');
  const ciphertext = bytes.slice(at, at + ctLength);
  const signed = bytes.slice(0, at + ctLength);
  const signature = bytes.slice(at + ctLength);
  if (counter < 1) return bad('counter starts at 1');
  const header = { community, room, epoch, author: toB64u(authorKey), counter };
  return ok({ header, authorKey, iv, aad, ciphertext, signed, signature });
}

/** Layout + author signature: what the relay checks, holding no key [SEAL14]. */
export async function verifyEnvelope(
  bytes: Uint8Array,
): Promise<Result<ParsedEnvelope, SealRefusal>> {
  const parsed = parseEnvelope(bytes);
  if (!parsed.ok) return parsed;
  const e = parsed.value;
  const valid = await verifyBytes(e.authorKey, e.signature, concatBytes(SIG_LABEL, e.signed));
  return valid ? parsed : err(refusal(R.Forged, 'envelope signature does not verify'));
}

/** Signature, then decryption; also checks the envelope is for this community and room. */
export async function openEnvelope(
  bytes: Uint8Array,
  expect: { readonly community: string; readonly room: string },
  keyForEpoch: (epoch: number) => Promise<Uint8Array | undefined>,
): Promise<Result<{ header: EnvelopeHeader; plaintext: Uint8Array }, SealRefusal>> {
  const verified = await verifyEnvelope(bytes);
  if (!verified.ok) return verified;
  const e = verified.value;
  if (e.header.community !== expect.community || e.header.room !== expect.room) {
    return err(refusal(R.WrongCommunity, 'envelope for another community or room'));
  }
  const key = await keyForEpoch(e.header.epoch);
  if (key === undefined) return err(refusal(R.StaleEpoch, `no key for epoch ${e.header.epoch}`));
  const plaintext = await aesGcmOpen(key, e.iv, e.ciphertext, e.aad);
  if (plaintext === undefined) return err(refusal(R.Forged, 'ciphertext does not decrypt'));
  return ok({ header: e.header, plaintext });
}
