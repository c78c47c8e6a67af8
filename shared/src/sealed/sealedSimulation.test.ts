// [SEAL18] Seeded simulation: devices write offline, sponsor, admit and remove concurrently
// against a relay model that linearizes the log (compare-and-set on the head) and checks every
// envelope; duplicates are delivered on purpose. Invariants: every log verifies, every current
// member reads exactly every write of the current members (nothing lost, applied once), and a
// removed device holds no key for what is written after its removal.

import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../simulation/random';
import { fromUtf8, toB64u, utf8 } from './bytes';
import { admitEnvelope } from './contentAdmission';
import { type DeviceKeys, generateDeviceKeys } from './crypto';
import { openEnvelope, roomKey, verifyEnvelope } from './envelope';
import { applyOp, verifyLog } from './membership/applyOp';
import {
  createAdmit,
  createGenesis,
  createJoinRequest,
  createRemove,
  createSponsor,
} from './membership/author';
import { type KeyRing, recoverKeyRing } from './membership/keyRing';
import type { JoinRequest, MembershipOp } from './membership/operations';
import { requestHash } from './membership/signing';
import { isCurrentDevice, type MembershipState, requiredSponsors } from './membership/state';
import { SealRefusalReason as R } from './refusal';
import { ReplayGuard } from './replayGuard';
import { SealedOutbox } from './sealedOutbox';

const COMMUNITY = 'sim';
const ROOM = 'home';

interface Stored {
  envelope: Uint8Array;
  epoch: number;
  text: string;
}

class Relay {
  ops: MembershipOp[] = [];
  state!: MembershipState;
  envelopes: Stored[] = [];
  private last = new Map<string, number>();

  async appendOp(op: MembershipOp): Promise<boolean> {
    if (this.ops.length > 0 && op.prev !== this.state.head) return false; // compare-and-set
    const step = await applyOp(this.ops.length === 0 ? undefined : this.state, op, COMMUNITY);
    if (!step.ok) return false;
    this.state = step.value;
    this.ops.push(op);
    return true;
  }

  async write(envelope: Uint8Array, text: string): Promise<string | undefined> {
    const v = await verifyEnvelope(envelope);
    if (!v.ok) return v.error.reason;
    const h = v.value.header;
    const r = admitEnvelope(this.state, h, this.last.get(h.author));
    if (!r.ok) return r.error.reason;
    this.last.set(h.author, h.counter);
    this.envelopes.push({ envelope, epoch: h.epoch, text });
    return undefined;
  }
}

class Device {
  ops: MembershipOp[] = [];
  state: MembershipState | undefined;
  ring: KeyRing = new Map();
  read = new Set<string>();
  applied = 0;
  cursor = 0;
  guard = new ReplayGuard();
  outbox: SealedOutbox;
  written: string[] = [];
  texts = new Map<number, string>();
  removedSeen = false;
  request: JoinRequest | undefined;

  constructor(
    readonly name: string,
    readonly keys: DeviceKeys,
  ) {
    this.outbox = new SealedOutbox(COMMUNITY, ROOM, keys);
  }

  get id(): string {
    return toB64u(this.keys.signPublic);
  }

  async pullLog(relay: Relay): Promise<void> {
    for (const op of relay.ops.slice(this.ops.length)) {
      const step = await applyOp(this.state, op, COMMUNITY);
      if (!step.ok) throw new Error(`client refused a relay op: ${step.error.reason}`);
      this.state = step.value;
      this.ops.push(op);
    }
    if (this.state?.devices.has(this.id)) this.ring = await recoverKeyRing(this.ops, this.keys);
  }

  async sync(relay: Relay, rnd: SeededRandom): Promise<void> {
    await this.pullLog(relay);
    const state = this.state;
    if (state === undefined || !state.devices.has(this.id)) return;
    if (!isCurrentDevice(state, this.id)) {
      this.removedSeen = true;
    } else {
      const secret = this.ring.get(state.epoch) as Uint8Array;
      const key = await roomKey(secret, COMMUNITY, ROOM, state.epoch);
      for (const item of await this.outbox.sealPending(state.epoch, key)) {
        const text = this.texts.get(item.id) as string;
        const refused = await relay.write(item.envelope, text);
        if (refused === undefined) this.outbox.ack(item.id);
        else if (refused !== R.StaleEpoch) throw new Error(`write refused: ${refused}`);
        else break; // a removal raced us: pull and reseal next time
      }
    }
    const from = rnd.chance(0.2) ? Math.max(0, this.cursor - 3) : this.cursor; // duplicates
    for (const stored of relay.envelopes.slice(from)) {
      const opened = await openEnvelope(
        stored.envelope,
        { community: COMMUNITY, room: ROOM },
        async (e) => {
          const s = this.ring.get(e);
          return s === undefined ? undefined : roomKey(s, COMMUNITY, ROOM, e);
        },
      );
      if (!opened.ok) continue;
      const h = opened.value.header;
      if (!this.guard.accept(h.room, h.author, h.counter)) continue;
      const text = fromUtf8(opened.value.plaintext) ?? '';
      expect(this.read.has(text), `${text} applied twice`).toBe(false);
      this.read.add(text);
    }
    this.cursor = relay.envelopes.length;
  }

  write(n: number): void {
    const text = `${this.name}#${n}`;
    this.texts.set(this.outbox.enqueue(utf8(text)), text);
    this.written.push(text);
  }
}

async function run(seed: number): Promise<void> {
  const rnd = new SeededRandom(seed);
  const relay = new Relay();
  const devices: Device[] = [];
  for (let i = 0; i < 6; i++) devices.push(new Device(`d${i}`, await generateDeviceKeys()));
  const founder = devices[0] as Device;
  let now = Date.UTC(2026, 11, 4);
  const { op, secret: _s } = await createGenesis(founder.keys, COMMUNITY, 2, now);
  await relay.appendOp(op);
  const removed = new Map<string, number>(); // device id -> epoch of its removal
  for (let step = 0; step < 300; step++) {
    now += 1000;
    const d = rnd.pick(devices);
    const member = d.state !== undefined && isCurrentDevice(d.state, d.id);
    const action = rnd.int(0, 9);
    if (action <= 2) d.write(step);
    else if (action <= 5) await d.sync(relay, rnd);
    else if (!member && d !== founder && d.request === undefined) {
      d.request = await createJoinRequest(d.keys, COMMUNITY, now, 3_600_000);
    } else if (member) {
      // Membership changes need the relay: usually the author fetches the head first, but
      // sometimes it acts on a stale view and loses the compare-and-set.
      if (rnd.chance(0.7)) await d.pullLog(relay);
      const state = d.state as MembershipState;
      const secret = d.ring.get(state.epoch);
      if (secret === undefined || !isCurrentDevice(state, d.id)) continue; // removed meanwhile
      const applicants = devices.filter((x) => x.request !== undefined && !state.devices.has(x.id));
      if (applicants.length > 0 && rnd.chance(0.7)) {
        const request = rnd.pick(applicants).request as JoinRequest;
        const hash = await requestHash(request);
        const offered = state.sponsorships.get(hash) ?? [];
        const next =
          offered.length >= requiredSponsors(state)
            ? await createAdmit(state, d.keys, request, secret, now)
            : offered.some((x) => x.member === d.id)
              ? undefined
              : await createSponsor(state, d.keys, hash, now + 3_600_000, now);
        if (next !== undefined) await relay.appendOp(next); // may lose the compare-and-set
      } else if (d === founder && rnd.chance(0.5)) {
        const victims = [...state.members.values()].filter(
          (m) => m.removedSeq === undefined && m.id !== d.id,
        );
        if (victims.length > 0) {
          const victim = rnd.pick(victims);
          const r = await createRemove(state, d.keys, victim.id, secret, now);
          if (await relay.appendOp(r.op)) removed.set(victim.id, r.op.epoch);
        }
      }
    }
  }
  // Everyone reconnects until quiet.
  for (let round = 0; round < 3; round++) for (const d of devices) await d.sync(relay, rnd);
  const kinds = relay.ops.map((o) => o.kind);
  // The run must exercise what it checks: admissions, a removal, writes after it.
  expect(kinds.filter((k) => k === 'admit').length, `seed ${seed} admits`).toBeGreaterThan(0);
  expect(removed.size, `seed ${seed} removals`).toBeGreaterThan(0);
  const verified = await verifyLog(relay.ops, COMMUNITY);
  expect(verified.ok, `seed ${seed}`).toBe(true);
  const current = devices.filter((d) => d.state !== undefined && isCurrentDevice(d.state, d.id));
  const expected = new Set(current.flatMap((d) => d.written));
  for (const d of current) {
    expect(d.state?.head, `seed ${seed} ${d.name} head`).toBe(relay.state.head);
    for (const text of expected)
      expect(d.read.has(text), `seed ${seed}: ${d.name} lacks ${text}`).toBe(true);
  }
  let writesAfterRemoval = 0;
  let refusedLateWrites = 0;
  for (const [id, epoch] of removed) {
    const d = devices.find((x) => x.id === id) as Device;
    expect(
      [...d.ring.keys()].every((e) => e < epoch),
      `seed ${seed} removed ring`,
    ).toBe(true);
    const after = relay.envelopes.filter((s) => s.epoch >= epoch).map((s) => s.text);
    writesAfterRemoval += after.length;
    // Its writes are refused, whatever key it still holds.
    const lastEpoch = Math.max(-1, ...d.ring.keys());
    const lastSecret = d.ring.get(lastEpoch);
    if (lastSecret !== undefined) {
      d.write(9999);
      const key = await roomKey(lastSecret, COMMUNITY, ROOM, lastEpoch);
      const [late] = await d.outbox.sealPending(lastEpoch, key);
      expect(await relay.write((late as { envelope: Uint8Array }).envelope, 'late')).toBe(
        R.Revoked,
      );
      refusedLateWrites++;
    }
    for (const text of after)
      expect(d.read.has(text), `seed ${seed}: removed read ${text}`).toBe(false);
  }
  expect(writesAfterRemoval, `seed ${seed} writes after a removal`).toBeGreaterThan(0);
  expect(refusedLateWrites, `seed ${seed} late writes tried`).toBeGreaterThan(0);
}

describe('sealed simulation', () => {
  for (const seed of [1, 2, 3, 42, 2026]) {
    it(`[SEAL18] concurrent membership and content converge (seed ${seed})`, async () => {
      await run(seed);
    });
  }
});
