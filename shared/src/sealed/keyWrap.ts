// Key wraps [SEAL5]: an epoch secret sealed for one device's X25519 key. A fresh ephemeral
// key pair per wrap; the AES-GCM key is HKDF(X25519(ephemeral, device)), bound to the
// community, the epoch and the recipient device so a wrap cannot be moved elsewhere.

import { fromB64u, randomBytes, toB64u, utf8 } from './bytes';
import {
  AES_IV_BYTES,
  aesGcmOpen,
  aesGcmSeal,
  type DeviceKeys,
  ephemeralBoxPair,
  hkdf,
  x25519,
} from './crypto';

/** JSON form, inside signed membership operations (all fields base64url). */
export interface KeyWrap {
  /** The recipient device's signing key (its id). */
  readonly to: string;
  readonly epk: string;
  readonly iv: string;
  readonly ct: string;
}

export interface WrapContext {
  readonly community: string;
  readonly epoch: number;
}

function info(ctx: WrapContext, to: string): string {
  return `ensemble/seal/wrap/v1|${ctx.community}|${ctx.epoch}|${to}`;
}

export async function wrapSecret(
  secret: Uint8Array,
  recipient: { readonly sign: string; readonly box: string },
  ctx: WrapContext,
): Promise<KeyWrap> {
  const box = fromB64u(recipient.box);
  if (box === undefined) throw new Error('recipient box key is not base64url');
  const eph = await ephemeralBoxPair();
  const shared = await x25519(eph.privateKey, box);
  const epk = toB64u(eph.publicKey);
  const label = info(ctx, recipient.sign);
  const key = await hkdf(shared, `${epk}|${recipient.box}`, label);
  const iv = randomBytes(AES_IV_BYTES);
  const ct = await aesGcmSeal(key, iv, secret, utf8(label));
  return { to: recipient.sign, epk, iv: toB64u(iv), ct: toB64u(ct) };
}

/** The secret, or undefined when this wrap is not for these keys or was altered. */
export async function unwrapSecret(
  wrap: KeyWrap,
  device: DeviceKeys,
  ctx: WrapContext,
): Promise<Uint8Array | undefined> {
  if (wrap.to !== toB64u(device.signPublic)) return undefined;
  const epk = fromB64u(wrap.epk);
  const iv = fromB64u(wrap.iv);
  const ct = fromB64u(wrap.ct);
  if (epk === undefined || iv === undefined || ct === undefined || epk.length !== 32) {
    return undefined;
  }
  let shared: Uint8Array;
  try {
    shared = await x25519(device.boxKey, epk);
  } catch {
    return undefined;
  }
  const label = info(ctx, wrap.to);
  const key = await hkdf(shared, `${wrap.epk}|${toB64u(device.boxPublic)}`, label);
  return aesGcmOpen(key, iv, ct, utf8(label));
}

/** The previous epoch's secret sealed under the new one, so members can read history [SEAL6]. */
export async function chainSecret(
  previous: Uint8Array,
  next: Uint8Array,
  ctx: WrapContext,
): Promise<{ readonly iv: string; readonly ct: string }> {
  const label = `ensemble/seal/chain/v1|${ctx.community}|${ctx.epoch}`;
  const key = await hkdf(next, ctx.community, label);
  const iv = randomBytes(AES_IV_BYTES);
  return { iv: toB64u(iv), ct: toB64u(await aesGcmSeal(key, iv, previous, utf8(label))) };
}

export async function unchainSecret(
  chain: { readonly iv: string; readonly ct: string },
  next: Uint8Array,
  ctx: WrapContext,
): Promise<Uint8Array | undefined> {
  const iv = fromB64u(chain.iv);
  const ct = fromB64u(chain.ct);
  if (iv === undefined || ct === undefined) return undefined;
  const label = `ensemble/seal/chain/v1|${ctx.community}|${ctx.epoch}`;
  return aesGcmOpen(await hkdf(next, ctx.community, label), iv, ct, utf8(label));
}
