import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openEnsembleDatabase, SettingKey } from '../storage/EnsembleDatabase';
import { SettingsStore } from '../storage/SettingsStore';
import { loadSealedDeviceKeys, type StoredSealedKeys } from './sealedDeviceKeys';

describe('sealed device keys', () => {
  it('[SEAL1] are created once, non-extractable, and survive a structured clone (IndexedDB)', async () => {
    let saved: unknown;
    const storage = {
      load: async () => saved,
      save: async (keys: StoredSealedKeys) => {
        saved = structuredClone(keys);
      },
    };
    const first = await loadSealedDeviceKeys(storage);
    expect(first).toBeDefined();
    const stored = saved as StoredSealedKeys;
    expect(stored.signKey.extractable).toBe(false);
    expect(stored.boxKey.extractable).toBe(false);
    const again = await loadSealedDeviceKeys(storage);
    expect(again?.signPublic).toEqual(first?.signPublic);
    // the cloned private key still signs
    const sig = await crypto.subtle.sign('Ed25519', stored.signKey, new Uint8Array([1]));
    expect(sig.byteLength).toBe(64);
  });

  it('[SEAL1] a damaged record is replaced by new keys, never used', async () => {
    let saved: unknown = { v: 1, signPublic: new Uint8Array(3) };
    const keys = await loadSealedDeviceKeys({
      load: async () => saved,
      save: async (k) => {
        saved = k;
      },
    });
    expect(keys?.signPublic.length).toBe(32);
    expect((saved as StoredSealedKeys).signPublic).toEqual(keys?.signPublic);
  });

  it('[SEAL1] round-trip through the real settings table (fake-indexeddb)', async () => {
    const db = openEnsembleDatabase(`sealed-keys-${Math.random()}`);
    const settings = new SettingsStore(db);
    const storage = {
      load: () => settings.get(SettingKey.sealedDeviceKeys),
      save: (k: StoredSealedKeys) => settings.set(SettingKey.sealedDeviceKeys, k),
    };
    const first = await loadSealedDeviceKeys(storage);
    const second = await loadSealedDeviceKeys(storage);
    expect(second?.signPublic).toEqual(first?.signPublic);
    db.close();
  });
});
