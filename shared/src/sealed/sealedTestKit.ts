// Test helpers for sealed communities (unit tests and the simulation only; not exported).

import { toB64u } from './bytes';
import { type DeviceKeys, generateDeviceKeys } from './crypto';
import { roomKey } from './envelope';
import { applyOp } from './membership/applyOp';
import {
  createAdmit,
  createGenesis,
  createJoinRequest,
  createRemove,
  createSponsor,
} from './membership/author';
import type { JoinRequest, MembershipOp } from './membership/operations';
import { requestHash } from './membership/signing';
import type { MembershipState } from './membership/state';
import type { SealRefusal } from './refusal';

export const DAY = 86_400_000;
export const T0 = Date.UTC(2026, 11, 4, 12);

/** A log plus the state and epoch secret a founder's device holds, appended op by op. */
export class TestCommunity {
  readonly ops: MembershipOp[] = [];
  state!: MembershipState;
  secret!: Uint8Array;
  now = T0;

  private constructor(
    readonly id: string,
    readonly founder: DeviceKeys,
  ) {}

  static async create(sponsors: number, id = 'community-a'): Promise<TestCommunity> {
    const founder = await generateDeviceKeys();
    const c = new TestCommunity(id, founder);
    const { op, secret } = await createGenesis(founder, id, sponsors, c.now);
    c.secret = secret;
    await c.append(op);
    return c;
  }

  /** Applies and appends, throwing on a refusal (use `tryAppend` to see refusals). */
  async append(op: MembershipOp): Promise<void> {
    const r = await this.tryAppend(op);
    if (r !== undefined) throw new Error(`refused: ${r.reason} ${r.detail}`);
  }

  async tryAppend(op: MembershipOp): Promise<SealRefusal | undefined> {
    const step = await applyOp(this.ops.length === 0 ? undefined : this.state, op, this.id);
    if (!step.ok) return step.error;
    this.state = step.value;
    this.ops.push(op);
    return undefined;
  }

  tick(ms = 1000): number {
    this.now += ms;
    return this.now;
  }

  async request(keys: DeviceKeys, ttl = 7 * DAY): Promise<JoinRequest> {
    return createJoinRequest(keys, this.id, this.tick(), ttl);
  }

  async sponsor(by: DeviceKeys, request: JoinRequest, ttl = 7 * DAY): Promise<void> {
    const at = this.tick();
    await this.append(
      await createSponsor(this.state, by, await requestHash(request), at + ttl, at),
    );
  }

  /** A newcomer admitted with sponsorships from `sponsors` (the founder admits). */
  async admitNew(sponsors: readonly DeviceKeys[]): Promise<DeviceKeys> {
    const keys = await generateDeviceKeys();
    const request = await this.request(keys);
    for (const s of sponsors) await this.sponsor(s, request);
    await this.append(
      await createAdmit(this.state, this.founder, request, this.secret, this.tick()),
    );
    return keys;
  }

  async remove(member: DeviceKeys): Promise<void> {
    const { op, secret } = await createRemove(
      this.state,
      this.founder,
      toB64u(member.signPublic),
      this.secret,
      this.tick(),
    );
    await this.append(op);
    this.secret = secret;
  }

  key(room: string): Promise<Uint8Array> {
    return roomKey(this.secret, this.id, room, this.state.epoch);
  }
}
