// The membership log's records [SEAL4]: a join request (signed by the newcomer's device,
// outside the log) and the hash-chained, signed operations of the log itself.
// Ops travel as canonical JSON bytes; every base64url field is a 32-byte key, a 64-byte
// signature, a 32-byte hash or wrap material.

import type { KeyWrap } from '../keyWrap';

export const SEAL_VERSION = 1;
export const MAX_SPONSORS = 3;

export const OpKind = {
  Genesis: 'genesis',
  Sponsor: 'sponsor',
  Admit: 'admit',
  Remove: 'remove',
  AddDevice: 'addDevice',
} as const;
export type OpKind = (typeof OpKind)[keyof typeof OpKind];

/** A device's public keys (base64url): `sign` (Ed25519) is its id, `box` (X25519) gets wraps. */
export interface DeviceRecord {
  readonly sign: string;
  readonly box: string;
}

/** "N sponsors": how many distinct members must sponsor a newcomer (1 to 3). */
export interface SealPolicy {
  readonly sponsors: number;
}

/** Signed by the newcomer's device; sponsors sign its hash, an admit carries it whole. */
export interface JoinRequest {
  readonly v: number;
  readonly community: string;
  readonly device: DeviceRecord;
  readonly at: number;
  readonly expiresAt: number;
  readonly sig: string;
}

interface OpHeader {
  readonly v: number;
  readonly community: string;
  /** 0 for the genesis, then +1 per operation. */
  readonly seq: number;
  /** Hash of the previous operation (base64url), '' for the genesis. */
  readonly prev: string;
  /** Author's clock (ms); never earlier than the previous operation's. */
  readonly at: number;
  /** Signing key of the author device. */
  readonly signer: string;
  readonly sig: string;
}

export interface GenesisOp extends OpHeader {
  readonly kind: typeof OpKind.Genesis;
  readonly policy: SealPolicy;
  readonly device: DeviceRecord;
  readonly wraps: readonly KeyWrap[];
}
export interface SponsorOp extends OpHeader {
  readonly kind: typeof OpKind.Sponsor;
  /** Hash of the join request (base64url). */
  readonly request: string;
  readonly expiresAt: number;
}
export interface AdmitOp extends OpHeader {
  readonly kind: typeof OpKind.Admit;
  readonly request: JoinRequest;
  /** The current epoch secret for the newcomer's device. */
  readonly wraps: readonly KeyWrap[];
}
export interface RemoveOp extends OpHeader {
  readonly kind: typeof OpKind.Remove;
  readonly member: string;
  /** The new epoch (current + 1). */
  readonly epoch: number;
  /** The new epoch secret for every remaining device, and for no one else. */
  readonly wraps: readonly KeyWrap[];
  /** The previous epoch secret sealed under the new one. */
  readonly chain: { readonly iv: string; readonly ct: string };
}
export interface AddDeviceOp extends OpHeader {
  readonly kind: typeof OpKind.AddDevice;
  readonly device: DeviceRecord;
  readonly wraps: readonly KeyWrap[];
}

export type MembershipOp = GenesisOp | SponsorOp | AdmitOp | RemoveOp | AddDeviceOp;

/** An operation before it is signed (the signer fills `sig`). */
export type UnsignedOp<T extends MembershipOp = MembershipOp> = T extends MembershipOp
  ? Omit<T, 'sig'>
  : never;
