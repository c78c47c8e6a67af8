import { type DeviceKeys, generateDeviceKeys, subtleCrypto } from '@ensemble/shared';

/**
 * The device's keys for sealed communities (issue 12): an Ed25519 signing pair and an
 * X25519 pair that receives key wraps, created once with Web Crypto, private keys
 * non-extractable, kept in IndexedDB as CryptoKey objects (structured clone keeps them
 * non-extractable). Lazy: loaded only by sealed-community code, never on the first load.
 */
export interface SealedKeyStorage {
  load(): Promise<unknown>;
  save(keys: StoredSealedKeys): Promise<void>;
}

export interface StoredSealedKeys {
  readonly v: 1;
  readonly signPublic: Uint8Array;
  readonly boxPublic: Uint8Array;
  readonly signKey: CryptoKey;
  readonly boxKey: CryptoKey;
}

function isStored(value: unknown): value is StoredSealedKeys {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<StoredSealedKeys>;
  return (
    v.v === 1 &&
    v.signPublic instanceof Uint8Array &&
    v.signPublic.length === 32 &&
    v.boxPublic instanceof Uint8Array &&
    v.boxPublic.length === 32 &&
    typeof v.signKey === 'object' &&
    v.signKey !== null &&
    typeof v.boxKey === 'object' &&
    v.boxKey !== null
  );
}

/** The saved keys, or new ones; undefined where Web Crypto is missing (plain HTTP). */
export async function loadSealedDeviceKeys(
  storage: SealedKeyStorage,
): Promise<DeviceKeys | undefined> {
  if (subtleCrypto() === undefined) return undefined;
  const saved = await storage.load();
  if (isStored(saved)) return saved as unknown as DeviceKeys;
  const fresh = await generateDeviceKeys(false);
  const stored: StoredSealedKeys = {
    v: 1,
    signPublic: fresh.signPublic,
    boxPublic: fresh.boxPublic,
    signKey: fresh.signKey as unknown as CryptoKey,
    boxKey: fresh.boxKey as unknown as CryptoKey,
  };
  await storage.save(stored);
  return fresh;
}
