import type { MemberId } from '@ensemble/shared';

/**
 * The device's key pair: created once on first run with WebCrypto, the private key
 * non-extractable (it can sign, but no script can read it out), both kept in IndexedDB
 * as CryptoKey objects. The public key, as text, is the member's identity; the member
 * id is derived from it, so the same device is the same member in every community.
 */
export interface DeviceKeys {
  readonly memberId: MemberId;
  /** `ed25519:<base64url raw key>` or, where Ed25519 is missing, `p256:<base64url SPKI>`. */
  readonly publicKey: string;
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** What is stored (structured clone keeps CryptoKeys, private key still non-extractable). */
export interface StoredKeyPair {
  readonly algorithm: 'ed25519' | 'p256';
  readonly publicKey: string;
  readonly privateKey: CryptoKey;
}

export interface KeyStorage {
  load(): Promise<unknown>;
  save(pair: StoredKeyPair): Promise<void>;
}

const isStoredKeyPair = (value: unknown): value is StoredKeyPair => {
  if (typeof value !== 'object' || value === null) return false;
  const pair = value as Partial<StoredKeyPair>;
  return (
    (pair.algorithm === 'ed25519' || pair.algorithm === 'p256') &&
    typeof pair.publicKey === 'string' &&
    typeof pair.privateKey === 'object' &&
    pair.privateKey !== null
  );
};

/** The saved key pair, or a new one; undefined where WebCrypto is missing (insecure context). */
export async function loadDeviceKeys(
  storage: KeyStorage,
  subtle: SubtleCrypto | undefined = globalThis.crypto?.subtle,
): Promise<DeviceKeys | undefined> {
  if (!subtle) return undefined;
  const saved = await storage.load();
  const pair = isStoredKeyPair(saved) ? saved : await createKeyPair(subtle);
  if (pair !== saved) await storage.save(pair);
  return {
    memberId: await memberIdOf(pair.publicKey, subtle),
    publicKey: pair.publicKey,
    sign: async (data) => {
      const params =
        pair.algorithm === 'ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', hash: 'SHA-256' };
      return new Uint8Array(await subtle.sign(params, pair.privateKey, data as BufferSource));
    },
  };
}

async function createKeyPair(subtle: SubtleCrypto): Promise<StoredKeyPair> {
  try {
    const keys = (await subtle.generateKey({ name: 'Ed25519' }, false, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const raw = new Uint8Array(await subtle.exportKey('raw', keys.publicKey));
    return {
      algorithm: 'ed25519',
      publicKey: `ed25519:${base64Url(raw)}`,
      privateKey: keys.privateKey,
    };
  } catch {
    // Browsers without Ed25519 (older Safari): ECDSA P-256, everywhere WebCrypto is.
    const keys = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'sign',
      'verify',
    ]);
    const spki = new Uint8Array(await subtle.exportKey('spki', keys.publicKey));
    return { algorithm: 'p256', publicKey: `p256:${base64Url(spki)}`, privateKey: keys.privateKey };
  }
}

/** 132 bits of the public key's SHA-256, as a well-formed id (22 base64url characters). */
export async function memberIdOf(publicKey: string, subtle: SubtleCrypto): Promise<MemberId> {
  const hash = await subtle.digest('SHA-256', new TextEncoder().encode(publicKey));
  return base64Url(new Uint8Array(hash)).slice(0, 22) as MemberId;
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
