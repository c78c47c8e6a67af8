// Signing and hashing of membership records [SEAL4]. A signature covers the canonical JSON of
// the record without its `sig`, under a domain label; an operation's hash (the next one's
// `prev`) covers its canonical JSON with the signature.

import { fromB64u, toB64u, utf8 } from '../bytes';
import { type Canonical, canonicalJson } from '../canonical';
import { type DeviceKeys, sha256, signBytes, verifyBytes } from '../crypto';
import type { JoinRequest, MembershipOp, UnsignedOp } from './operations';

const OP_LABEL = 'ensemble/seal/op/v1\n';
const REQUEST_LABEL = 'ensemble/seal/join/v1\n';

function withoutSig(record: { readonly sig: string }): Canonical {
  const { sig: _sig, ...rest } = record;
  return rest as unknown as Canonical;
}

export function encodeRecord(record: MembershipOp | JoinRequest): Uint8Array {
  return utf8(canonicalJson(record as unknown as Canonical));
}

export async function signOp<T extends MembershipOp>(
  unsigned: UnsignedOp<T>,
  device: DeviceKeys,
): Promise<T> {
  // A stale `sig` (re-signing a changed copy) is never part of what is signed.
  const body = utf8(OP_LABEL + canonicalJson(withoutSig({ sig: '', ...unsigned })));
  return { ...unsigned, sig: toB64u(await signBytes(device, body)) } as unknown as T;
}

export async function opSignatureValid(op: MembershipOp): Promise<boolean> {
  const signer = fromB64u(op.signer);
  const sig = fromB64u(op.sig);
  if (signer === undefined || sig === undefined) return false;
  return verifyBytes(signer, sig, utf8(OP_LABEL + canonicalJson(withoutSig(op))));
}

export async function opHash(op: MembershipOp): Promise<string> {
  return toB64u(await sha256(encodeRecord(op)));
}

export async function signJoinRequest(
  unsigned: Omit<JoinRequest, 'sig'>,
  device: DeviceKeys,
): Promise<JoinRequest> {
  const body = utf8(REQUEST_LABEL + canonicalJson(unsigned as unknown as Canonical));
  return { ...unsigned, sig: toB64u(await signBytes(device, body)) };
}

/** A join request is valid only when signed by the very device it asks to admit. */
export async function joinRequestSignatureValid(request: JoinRequest): Promise<boolean> {
  const signer = fromB64u(request.device.sign);
  const sig = fromB64u(request.sig);
  if (signer === undefined || sig === undefined) return false;
  return verifyBytes(signer, sig, utf8(REQUEST_LABEL + canonicalJson(withoutSig(request))));
}

export async function requestHash(request: JoinRequest): Promise<string> {
  return toB64u(await sha256(encodeRecord(request)));
}
