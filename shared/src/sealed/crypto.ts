// The cryptographic primitives of sealed communities, on Web Crypto only: Ed25519 (sign),
// X25519 (key agreement), HKDF-SHA-256, AES-256-GCM, SHA-256. Node >= 20 and Chromium
// (secure origins) both provide all of them, so no extra library is needed [SEAL1].
// shared/ has no DOM types: the subset of SubtleCrypto used here is typed structurally.

import { toB64u, utf8 } from './bytes';

/** An opaque Web Crypto key (a CryptoKey); private device keys are non-extractable. */
export type OpaqueKey = { readonly __opaqueKey: true };

interface KeyPairLike {
  readonly publicKey: OpaqueKey;
  readonly privateKey: OpaqueKey;
}
type Algo = string | Record<string, unknown>;
interface SubtleLike {
  generateKey(algorithm: Algo, extractable: boolean, usages: string[]): Promise<KeyPairLike>;
  importKey(
    format: 'raw',
    data: Uint8Array,
    algorithm: Algo,
    extractable: boolean,
    usages: string[],
  ): Promise<OpaqueKey>;
  exportKey(format: 'raw', key: OpaqueKey): Promise<ArrayBuffer>;
  sign(algorithm: Algo, key: OpaqueKey, data: Uint8Array): Promise<ArrayBuffer>;
  verify(
    algorithm: Algo,
    key: OpaqueKey,
    signature: Uint8Array,
    data: Uint8Array,
  ): Promise<boolean>;
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
  deriveBits(algorithm: Algo, baseKey: OpaqueKey, length: number): Promise<ArrayBuffer>;
  encrypt(algorithm: Algo, key: OpaqueKey, data: Uint8Array): Promise<ArrayBuffer>;
  decrypt(algorithm: Algo, key: OpaqueKey, data: Uint8Array): Promise<ArrayBuffer>;
}

/** undefined where Web Crypto is missing (a non-secure page): the caller says so plainly. */
export function subtleCrypto(): SubtleLike | undefined {
  const holder = globalThis as unknown as { crypto?: { subtle?: SubtleLike } };
  return holder.crypto?.subtle;
}

function subtle(): SubtleLike {
  const s = subtleCrypto();
  if (s === undefined) throw new Error('Web Crypto (crypto.subtle) is not available here');
  return s;
}

/** A device's two key pairs; the public halves (32 bytes each) are what others see. */
export interface DeviceKeys {
  readonly signPublic: Uint8Array;
  readonly boxPublic: Uint8Array;
  readonly signKey: OpaqueKey;
  readonly boxKey: OpaqueKey;
}

/** New device keys; private keys are non-extractable unless a test asks otherwise. */
export async function generateDeviceKeys(extractable = false): Promise<DeviceKeys> {
  const s = subtle();
  const sign = await s.generateKey({ name: 'Ed25519' }, extractable, ['sign', 'verify']);
  const box = await s.generateKey({ name: 'X25519' }, extractable, ['deriveBits']);
  return {
    signPublic: new Uint8Array(await s.exportKey('raw', sign.publicKey)),
    boxPublic: new Uint8Array(await s.exportKey('raw', box.publicKey)),
    signKey: sign.privateKey,
    boxKey: box.privateKey,
  };
}

export async function signBytes(keys: DeviceKeys, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().sign('Ed25519', keys.signKey, data));
}

/** Imported public keys, by base64url (a community has few devices): ~25% of a verify. */
const VERIFY_KEY_CACHE = 4096;
const verifyKeys = new Map<string, OpaqueKey>();

/** false (never a throw) for a malformed key or signature. */
export async function verifyBytes(
  signPublic: Uint8Array,
  signature: Uint8Array,
  data: Uint8Array,
): Promise<boolean> {
  if (signPublic.length !== 32 || signature.length !== 64) return false;
  try {
    const s = subtle();
    const id = toB64u(signPublic);
    let key = verifyKeys.get(id);
    if (key === undefined) {
      key = await s.importKey('raw', signPublic, 'Ed25519', false, ['verify']);
      if (verifyKeys.size >= VERIFY_KEY_CACHE) verifyKeys.clear();
      verifyKeys.set(id, key);
    }
    return await s.verify('Ed25519', key, signature, data);
  } catch {
    return false;
  }
}

export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', data));
}

export async function hkdf(
  secret: Uint8Array,
  salt: string,
  info: string,
  length = 32,
): Promise<Uint8Array> {
  const s = subtle();
  const base = await s.importKey('raw', secret, 'HKDF', false, ['deriveBits']);
  const bits = await s.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: utf8(salt), info: utf8(info) },
    base,
    length * 8,
  );
  return new Uint8Array(bits);
}

export const AES_IV_BYTES = 12;

export async function aesGcmSeal(
  key: Uint8Array,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Promise<Uint8Array> {
  const s = subtle();
  const k = await s.importKey('raw', key, 'AES-GCM', false, ['encrypt']);
  return new Uint8Array(
    await s.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, k, plaintext),
  );
}

/** undefined when the tag does not verify (wrong key, flipped bit, other header). */
export async function aesGcmOpen(
  key: Uint8Array,
  iv: Uint8Array,
  ciphertext: Uint8Array,
  aad: Uint8Array,
): Promise<Uint8Array | undefined> {
  try {
    const s = subtle();
    const k = await s.importKey('raw', key, 'AES-GCM', false, ['decrypt']);
    return new Uint8Array(
      await s.decrypt({ name: 'AES-GCM', iv, additionalData: aad }, k, ciphertext),
    );
  } catch {
    return undefined;
  }
}

/** An X25519 agreement between a private key and a peer's 32-byte public key. */
export async function x25519(privateKey: OpaqueKey, peerPublic: Uint8Array): Promise<Uint8Array> {
  const s = subtle();
  const peer = await s.importKey('raw', peerPublic, { name: 'X25519' }, false, []);
  return new Uint8Array(await s.deriveBits({ name: 'X25519', public: peer }, privateKey, 256));
}

/** A fresh ephemeral X25519 pair for one key wrap. */
export async function ephemeralBoxPair(): Promise<{
  publicKey: Uint8Array;
  privateKey: OpaqueKey;
}> {
  const s = subtle();
  const pair = await s.generateKey({ name: 'X25519' }, false, ['deriveBits']);
  return {
    publicKey: new Uint8Array(await s.exportKey('raw', pair.publicKey)),
    privateKey: pair.privateKey,
  };
}
