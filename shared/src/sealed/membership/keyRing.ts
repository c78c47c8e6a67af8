// A device's epoch secrets, recovered from a verified log [SEAL6]: the newest wrap addressed
// to this device, then back through each removal's chain to the genesis. A removed device
// finds no wrap for the epochs after its removal.

import { toB64u } from '../bytes';
import type { DeviceKeys } from '../crypto';
import { unchainSecret, unwrapSecret } from '../keyWrap';
import { type MembershipOp, OpKind } from './operations';

export type KeyRing = ReadonlyMap<number, Uint8Array>;

export async function recoverKeyRing(
  ops: readonly MembershipOp[],
  keys: DeviceKeys,
): Promise<KeyRing> {
  const me = toB64u(keys.signPublic);
  const ring = new Map<number, Uint8Array>();
  let epoch = 0;
  for (const op of ops) {
    if (op.kind === OpKind.Remove) epoch = op.epoch;
    if (op.kind === OpKind.Sponsor) continue;
    const wrap = op.wraps.find((w) => w.to === me);
    if (wrap === undefined) continue;
    const secret = await unwrapSecret(wrap, keys, { community: op.community, epoch });
    if (secret !== undefined) ring.set(epoch, secret);
  }
  // Walk the chains backwards from the newest epoch this device holds.
  const removals = ops.filter((op) => op.kind === OpKind.Remove);
  for (let i = removals.length - 1; i >= 0; i--) {
    const op = removals[i];
    if (op === undefined || op.kind !== OpKind.Remove) continue;
    const next = ring.get(op.epoch);
    if (next === undefined || ring.has(op.epoch - 1)) continue;
    const ctx = { community: op.community, epoch: op.epoch };
    const previous = await unchainSecret(op.chain, next, ctx);
    if (previous !== undefined) ring.set(op.epoch - 1, previous);
  }
  return ring;
}
