// Verifying one membership operation against the state before it [SEAL7]-[SEAL12]. The same
// code runs in clients (offline, from the genesis) and in the relay (before it appends).

import { err, ok, type Result } from '../../result';
import type { KeyWrap } from '../keyWrap';
import { SealRefusalReason as R, refusal, type SealRefusal } from '../refusal';
import type { AdmitOp, MembershipOp, RemoveOp } from './operations';
import { OpKind } from './operations';
import { joinRequestSignatureValid, opHash, opSignatureValid, requestHash } from './signing';
import {
  currentDevices,
  isCurrentMember,
  type MemberState,
  type MembershipState,
  requiredSponsors,
  type Sponsorship,
} from './state';

type Step = Result<MembershipState, SealRefusal>;

function wrapsCover(wraps: readonly KeyWrap[], devices: readonly string[]): boolean {
  const to = new Set(wraps.map((w) => w.to));
  return to.size === wraps.length && to.size === devices.length && devices.every((d) => to.has(d));
}

export async function applyOp(
  state: MembershipState | undefined,
  op: MembershipOp,
  expectedCommunity?: string,
): Promise<Step> {
  const community = state?.community ?? expectedCommunity;
  if (community !== undefined && op.community !== community) {
    return err(refusal(R.WrongCommunity, `operation for ${op.community}`));
  }
  if (state === undefined) {
    if (op.kind !== OpKind.Genesis || op.seq !== 0 || op.prev !== '') {
      return err(refusal(R.BrokenChain, 'a log starts with its genesis'));
    }
  } else if (op.seq !== state.seq + 1 || op.prev !== state.head || op.at < state.at) {
    return err(refusal(R.BrokenChain, `seq ${op.seq} does not follow head ${state.seq}`));
  }
  if (!(await opSignatureValid(op))) return err(refusal(R.Forged, 'signature does not verify'));
  const head = await opHash(op);
  if (op.kind === OpKind.Genesis) {
    if (state !== undefined) return err(refusal(R.BrokenChain, 'a second genesis'));
    if (op.signer !== op.device.sign)
      return err(refusal(R.Forged, 'genesis signed by another key'));
    if (!wrapsCover(op.wraps, [op.device.sign])) return err(refusal(R.BadWraps, 'genesis wraps'));
    const founder: MemberState = {
      id: op.signer,
      sponsors: [],
      joinedSeq: 0,
      joinedAt: op.at,
      devices: [op.signer],
    };
    return ok({
      community: op.community,
      policy: op.policy,
      founder: op.signer,
      epoch: 0,
      seq: 0,
      head,
      at: op.at,
      members: new Map([[op.signer, founder]]),
      devices: new Map([[op.signer, { member: op.signer, box: op.device.box, addedSeq: 0 }]]),
      sponsorships: new Map(),
    });
  }
  if (state === undefined) return err(refusal(R.BrokenChain, 'no genesis'));
  const signerDevice = state.devices.get(op.signer);
  if (signerDevice === undefined) return err(refusal(R.Forged, 'signer is not a device here'));
  if (!isCurrentMember(state, signerDevice.member)) {
    return err(refusal(R.Revoked, 'signer was removed'));
  }
  const next = { ...state, seq: op.seq, head, at: op.at };
  switch (op.kind) {
    case OpKind.Sponsor: {
      const sponsorships = new Map(state.sponsorships);
      const others = (sponsorships.get(op.request) ?? []).filter(
        (s) => s.member !== signerDevice.member,
      );
      const mine: Sponsorship = {
        member: signerDevice.member,
        expiresAt: op.expiresAt,
        seq: op.seq,
      };
      sponsorships.set(op.request, [...others, mine]);
      return ok({ ...next, sponsorships });
    }
    case OpKind.Admit:
      return admit(state, next, op);
    case OpKind.Remove:
      return remove(state, next, op, signerDevice.member);
    case OpKind.AddDevice: {
      if (state.devices.has(op.device.sign)) return err(refusal(R.Duplicate, 'device known'));
      if (!wrapsCover(op.wraps, [op.device.sign])) return err(refusal(R.BadWraps, 'device wraps'));
      const member = state.members.get(signerDevice.member) as MemberState;
      const members = new Map(state.members);
      members.set(member.id, { ...member, devices: [...member.devices, op.device.sign] });
      const devices = new Map(state.devices);
      devices.set(op.device.sign, { member: member.id, box: op.device.box, addedSeq: op.seq });
      return ok({ ...next, members, devices });
    }
    default: {
      const never: never = op;
      return err(refusal(R.Malformed, `unknown operation ${String(never)}`));
    }
  }
}

async function admit(state: MembershipState, next: MembershipState, op: AdmitOp): Promise<Step> {
  const request = op.request;
  if (request.community !== state.community) {
    return err(refusal(R.WrongCommunity, 'join request for another community'));
  }
  if (!(await joinRequestSignatureValid(request))) {
    return err(refusal(R.Forged, 'join request not signed by its device'));
  }
  if (state.devices.has(request.device.sign)) return err(refusal(R.Duplicate, 'already admitted'));
  if (request.expiresAt < op.at) return err(refusal(R.Expired, 'join request expired'));
  const hash = await requestHash(request);
  const offered = state.sponsorships.get(hash) ?? [];
  const valid = offered.filter((s) => isCurrentMember(state, s.member) && s.expiresAt >= op.at);
  const expired = offered.filter((s) => isCurrentMember(state, s.member) && s.expiresAt < op.at);
  const revoked = offered.filter((s) => !isCurrentMember(state, s.member));
  const need = requiredSponsors(state);
  if (valid.length < need) {
    if (valid.length + expired.length >= need) {
      return err(refusal(R.Expired, `${expired.length} sponsorship(s) expired`));
    }
    if (valid.length + expired.length + revoked.length >= need) {
      return err(refusal(R.Revoked, `${revoked.length} sponsor(s) were removed`));
    }
    return err(refusal(R.UnderSponsored, `${valid.length} of ${need} sponsorships`));
  }
  if (!wrapsCover(op.wraps, [request.device.sign])) return err(refusal(R.BadWraps, 'admit wraps'));
  const id = request.device.sign;
  const members = new Map(state.members);
  members.set(id, {
    id,
    sponsors: valid.map((s) => s.member),
    joinedSeq: op.seq,
    joinedAt: op.at,
    devices: [id],
  });
  const devices = new Map(state.devices);
  devices.set(id, { member: id, box: request.device.box, addedSeq: op.seq });
  const sponsorships = new Map(state.sponsorships);
  sponsorships.delete(hash);
  return ok({ ...next, members, devices, sponsorships });
}

function remove(
  state: MembershipState,
  next: MembershipState,
  op: RemoveOp,
  signerMember: string,
): Step {
  if (signerMember !== state.founder && signerMember !== op.member) {
    return err(refusal(R.NotAllowed, 'only the founder removes others'));
  }
  if (op.member === state.founder) return err(refusal(R.NotAllowed, 'the founder stays'));
  const target = state.members.get(op.member);
  if (target === undefined) return err(refusal(R.NotAllowed, 'not a member'));
  if (target.removedSeq !== undefined) return err(refusal(R.Duplicate, 'already removed'));
  if (op.epoch !== state.epoch + 1) return err(refusal(R.StaleEpoch, `epoch ${op.epoch}`));
  const members = new Map(state.members);
  members.set(target.id, { ...target, removedSeq: op.seq });
  const after = { ...next, members, epoch: op.epoch };
  const remaining = currentDevices(after).map((d) => d.sign);
  if (!wrapsCover(op.wraps, remaining)) {
    return err(refusal(R.BadWraps, 'wraps must cover exactly the remaining devices'));
  }
  return ok(after);
}

/** Verifies a whole log from its genesis; the refusal names the first bad operation. */
export async function verifyLog(
  ops: readonly MembershipOp[],
  expectedCommunity?: string,
): Promise<Result<MembershipState, SealRefusal & { readonly seq: number }>> {
  let state: MembershipState | undefined;
  for (const [i, op] of ops.entries()) {
    const step = await applyOp(state, op, expectedCommunity);
    if (!step.ok) return err({ ...step.error, seq: i });
    state = step.value;
  }
  if (state === undefined) return err({ ...refusal(R.BrokenChain, 'empty log'), seq: 0 });
  return ok(state);
}
