import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type EnsembleDatabase,
  openEnsembleDatabase,
  SettingKey,
} from '../storage/EnsembleDatabase';
import { SettingsStore } from '../storage/SettingsStore';
import { toStorageError } from '../storage/StorageError';
import { RelaySetting } from './RelaySetting';

let db: EnsembleDatabase | undefined;
const DEFAULT = 'wss://app.example.org/sync';

function setup() {
  db = openEnsembleDatabase(`relay-${Math.random()}`);
  const settings = new SettingsStore(db);
  return { db, settings, relay: new RelaySetting(settings, () => DEFAULT) };
}

afterEach(async () => {
  vi.restoreAllMocks();
  await db?.delete();
  db = undefined;
});

describe('RelaySetting', () => {
  it('uses the relay that served the app until another is saved, and keeps the choice across starts', async () => {
    const { settings, relay } = setup();
    await relay.load('https:');
    expect(relay.url()).toBe(DEFAULT);

    await relay.save('wss://relais.example.org/sync');
    expect(relay.url()).toBe('wss://relais.example.org/sync');
    const restarted = new RelaySetting(settings, () => DEFAULT);
    await restarted.load('https:');
    expect(restarted.url()).toBe('wss://relais.example.org/sync');

    await restarted.reset();
    expect(restarted.url()).toBe(DEFAULT);
    const again = new RelaySetting(settings, () => DEFAULT);
    await again.load('https:');
    expect(again.override.get()).toBeUndefined();
  });

  it('ignores a saved ws:// relay once the app is served over https', async () => {
    const { settings } = setup();
    await settings.set(SettingKey.relayUrl, 'ws://relais.example.org/sync');
    const relay = new RelaySetting(settings, () => DEFAULT);
    await relay.load('https:');
    expect(relay.url()).toBe(DEFAULT);
  });

  it('on a full disk: the save fails as quota-exceeded and the relay in use does not change', async () => {
    const { db, relay } = setup();
    await relay.save('wss://one.example.org/sync');
    vi.spyOn(db.settings, 'put').mockRejectedValue(
      new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
    );
    const failed = relay.save('wss://two.example.org/sync');
    await expect(failed.catch((error: unknown) => toStorageError(error).reason)).resolves.toBe(
      'quota-exceeded',
    );
    expect(relay.url()).toBe('wss://one.example.org/sync');
    expect(await db.settings.get(SettingKey.relayUrl)).toEqual({
      key: SettingKey.relayUrl,
      value: 'wss://one.example.org/sync',
    });
  });
});
