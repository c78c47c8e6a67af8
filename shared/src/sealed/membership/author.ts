// Writing membership operations: each builder signs with the author device and returns the
// operation to append (through the relay's compare-and-set on the head) [SEAL4].

import { randomBytes, toB64u } from '../bytes';
import type { DeviceKeys } from '../crypto';
import { chainSecret, type KeyWrap, wrapSecret } from '../keyWrap';
import {
  type AddDeviceOp,
  type AdmitOp,
  type DeviceRecord,
  type GenesisOp,
  type JoinRequest,
  OpKind,
  type RemoveOp,
  SEAL_VERSION,
  type SponsorOp,
} from './operations';
import { signJoinRequest, signOp } from './signing';
import { currentDevices, type MembershipState } from './state';

export const EPOCH_SECRET_BYTES = 32;

export function deviceRecord(keys: DeviceKeys): DeviceRecord {
  return { sign: toB64u(keys.signPublic), box: toB64u(keys.boxPublic) };
}

function header(state: MembershipState, keys: DeviceKeys, at: number) {
  return {
    v: SEAL_VERSION,
    community: state.community,
    seq: state.seq + 1,
    prev: state.head,
    at: Math.max(at, state.at),
    signer: toB64u(keys.signPublic),
  };
}

export async function createGenesis(
  keys: DeviceKeys,
  community: string,
  sponsors: number,
  at: number,
): Promise<{ op: GenesisOp; secret: Uint8Array }> {
  const secret = randomBytes(EPOCH_SECRET_BYTES);
  const device = deviceRecord(keys);
  const wrap = await wrapSecret(secret, device, { community, epoch: 0 });
  const op = await signOp<GenesisOp>(
    {
      v: SEAL_VERSION,
      community,
      seq: 0,
      prev: '',
      at,
      signer: device.sign,
      kind: OpKind.Genesis,
      policy: { sponsors },
      device,
      wraps: [wrap],
    },
    keys,
  );
  return { op, secret };
}

export function createJoinRequest(
  keys: DeviceKeys,
  community: string,
  at: number,
  ttlMs: number,
): Promise<JoinRequest> {
  return signJoinRequest(
    { v: SEAL_VERSION, community, device: deviceRecord(keys), at, expiresAt: at + ttlMs },
    keys,
  );
}

export function createSponsor(
  state: MembershipState,
  keys: DeviceKeys,
  request: string,
  expiresAt: number,
  at: number,
): Promise<SponsorOp> {
  return signOp<SponsorOp>(
    { ...header(state, keys, at), kind: OpKind.Sponsor, request, expiresAt },
    keys,
  );
}

export async function createAdmit(
  state: MembershipState,
  keys: DeviceKeys,
  request: JoinRequest,
  currentSecret: Uint8Array,
  at: number,
): Promise<AdmitOp> {
  const ctx = { community: state.community, epoch: state.epoch };
  const wraps = [await wrapSecret(currentSecret, request.device, ctx)];
  return signOp<AdmitOp>({ ...header(state, keys, at), kind: OpKind.Admit, request, wraps }, keys);
}

export async function createAddDevice(
  state: MembershipState,
  keys: DeviceKeys,
  device: DeviceRecord,
  currentSecret: Uint8Array,
  at: number,
): Promise<AddDeviceOp> {
  const ctx = { community: state.community, epoch: state.epoch };
  const wraps = [await wrapSecret(currentSecret, device, ctx)];
  return signOp<AddDeviceOp>(
    { ...header(state, keys, at), kind: OpKind.AddDevice, device, wraps },
    keys,
  );
}

/** Removal: a fresh epoch secret wrapped for every remaining device, the old one chained. */
export async function createRemove(
  state: MembershipState,
  keys: DeviceKeys,
  member: string,
  currentSecret: Uint8Array,
  at: number,
): Promise<{ op: RemoveOp; secret: Uint8Array }> {
  const epoch = state.epoch + 1;
  const ctx = { community: state.community, epoch };
  const secret = randomBytes(EPOCH_SECRET_BYTES);
  const remaining = currentDevices(state).filter(
    (d) => state.devices.get(d.sign)?.member !== member,
  );
  const wraps: KeyWrap[] = [];
  for (const device of remaining) wraps.push(await wrapSecret(secret, device, ctx));
  const chain = await chainSecret(currentSecret, secret, ctx);
  const op = await signOp<RemoveOp>(
    { ...header(state, keys, at), kind: OpKind.Remove, member, epoch, wraps, chain },
    keys,
  );
  return { op, secret };
}
