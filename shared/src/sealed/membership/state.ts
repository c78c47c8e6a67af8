// What a verified membership log says [SEAL4]: members with their sponsors (the sponsor
// tree members can see), devices, the current epoch and the chain head.

import type { SealPolicy } from './operations';

export interface MemberState {
  /** The signing key of the member's first device. */
  readonly id: string;
  /** Members whose sponsorships admitted this one (empty for the founder). */
  readonly sponsors: readonly string[];
  readonly joinedSeq: number;
  readonly joinedAt: number;
  /** Seq of the removal, when removed. */
  readonly removedSeq?: number;
  readonly devices: readonly string[];
}

export interface DeviceState {
  readonly member: string;
  readonly box: string;
  readonly addedSeq: number;
}

export interface Sponsorship {
  readonly member: string;
  readonly expiresAt: number;
  readonly seq: number;
}

export interface MembershipState {
  readonly community: string;
  readonly policy: SealPolicy;
  readonly founder: string;
  readonly epoch: number;
  readonly seq: number;
  /** Hash of the last operation: the next one's `prev` (compare-and-set on it). */
  readonly head: string;
  readonly at: number;
  readonly members: ReadonlyMap<string, MemberState>;
  /** Every device ever added, removed ones included (so their old signatures still verify). */
  readonly devices: ReadonlyMap<string, DeviceState>;
  /** Open sponsorships by join-request hash. */
  readonly sponsorships: ReadonlyMap<string, readonly Sponsorship[]>;
}

export function isCurrentMember(state: MembershipState, member: string): boolean {
  const m = state.members.get(member);
  return m !== undefined && m.removedSeq === undefined;
}

/** A device that may write now: known, and its member not removed. */
export function isCurrentDevice(state: MembershipState, device: string): boolean {
  const d = state.devices.get(device);
  return d !== undefined && isCurrentMember(state, d.member);
}

export function currentDevices(state: MembershipState): { sign: string; box: string }[] {
  const out: { sign: string; box: string }[] = [];
  for (const [sign, d] of state.devices) {
    if (isCurrentMember(state, d.member)) out.push({ sign, box: d.box });
  }
  return out;
}

export function currentMembers(state: MembershipState): MemberState[] {
  return [...state.members.values()].filter((m) => m.removedSeq === undefined);
}

/** How many sponsors an admission needs now: the policy, capped by the members there are. */
export function requiredSponsors(state: MembershipState): number {
  return Math.min(state.policy.sponsors, currentMembers(state).length);
}
