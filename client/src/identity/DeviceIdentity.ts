import {
  type DeviceId,
  decodeHlc,
  type HlcTimestamp,
  HybridLogicalClock,
  newDeviceId,
} from '@ensemble/shared';
import { SettingKey } from '../storage/EnsembleDatabase';
import type { SettingsStore } from '../storage/SettingsStore';
import { type DeviceKeys, loadDeviceKeys } from './DeviceKeys';

/**
 * Who this device is: a random device id and its hybrid logical clock (whose last
 * stamp is saved so a restart never reissues an earlier time), and its key pair,
 * whose public key is the member's identity in every community.
 */
export interface DeviceIdentity {
  readonly deviceId: DeviceId;
  readonly clock: HybridLogicalClock;
  /** Undefined without WebCrypto (a page opened over plain HTTP): no membership then. */
  readonly keys: DeviceKeys | undefined;
  /** Saves the clock's last stamp (call after each change). */
  saveClock(): Promise<void>;
}

const isDeviceId = (value: unknown): value is DeviceId =>
  typeof value === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(value);

export async function loadDeviceIdentity(settings: SettingsStore): Promise<DeviceIdentity> {
  const stored = await settings.getAll();
  const savedId = stored.get(SettingKey.deviceId);
  const deviceId = isDeviceId(savedId) ? savedId : newDeviceId();
  if (deviceId !== savedId) await settings.set(SettingKey.deviceId, deviceId);
  const last = stored.get(SettingKey.hlcLast);
  const clock = new HybridLogicalClock(
    deviceId,
    Date.now,
    typeof last === 'string' && decodeHlc(last) ? (last as HlcTimestamp) : undefined,
  );
  const keys = await loadDeviceKeys({
    load: async () => stored.get(SettingKey.deviceKeys),
    save: (pair) => settings.set(SettingKey.deviceKeys, pair),
  }).catch(() => undefined);
  return {
    deviceId,
    clock,
    keys,
    saveClock: () => settings.set(SettingKey.hlcLast, clock.last()),
  };
}

/** An identity for a session whose storage is unavailable: nothing is saved. */
export function ephemeralDeviceIdentity(): DeviceIdentity {
  const deviceId = newDeviceId();
  return {
    deviceId,
    clock: new HybridLogicalClock(deviceId),
    keys: undefined,
    saveClock: async () => undefined,
  };
}
