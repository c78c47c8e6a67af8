// One sealed community on the relay [SEAL19]-[SEAL21]: its verified membership log and its
// envelopes (ciphertext), both in the RoomStore under ids that no `/sync` room can take
// (they contain ':'). The relay verifies and linearizes; it never holds a key.

import {
  admitEnvelope,
  applyOp,
  decodeOp,
  err,
  isCurrentDevice,
  type MembershipOp,
  type MembershipState,
  ok,
  type Result,
  type RoomStore,
  type SealRefusal,
  SealRefusalReason,
  verifyEnvelope,
} from '@ensemble/shared';
import { SerialQueue } from '../relay/SerialQueue';

/** Operations whose author clock is further than this from the relay's are refused. */
export const MAX_OP_SKEW_MS = 10 * 60_000;

export function sealedLogRoom(community: string): string {
  return `sealed:log:${community}`;
}
export function sealedEnvelopeRoom(community: string): string {
  return `sealed:env:${community}`;
}

export class SealedCommunity {
  readonly queue = new SerialQueue();
  private readonly opBytes: Uint8Array[] = [];
  private readonly envelopes: Uint8Array[] = [];
  private readonly lastCounter = new Map<string, number>();
  private current: MembershipState | undefined;

  private constructor(
    readonly id: string,
    private readonly store: RoomStore,
  ) {}

  /** Loads and re-verifies everything stored; a damaged log is an error, never served. */
  static async load(store: RoomStore, id: string): Promise<SealedCommunity> {
    const c = new SealedCommunity(id, store);
    for (const bytes of await store.load(sealedLogRoom(id))) {
      const decoded = decodeOp(bytes);
      if (!decoded.ok) throw new Error(`stored sealed log ${id}: ${decoded.error.reason}`);
      const step = await applyOp(c.current, decoded.value, id);
      if (!step.ok) throw new Error(`stored sealed log ${id}: ${step.error.reason}`);
      c.current = step.value;
      c.opBytes.push(bytes);
    }
    for (const bytes of await store.load(sealedEnvelopeRoom(id))) {
      const parsed = await verifyEnvelope(bytes);
      if (!parsed.ok) throw new Error(`stored sealed envelope ${id}: ${parsed.error.reason}`);
      const h = parsed.value.header;
      c.lastCounter.set(`${h.room}|${h.author}`, h.counter);
      c.envelopes.push(bytes);
    }
    return c;
  }

  get state(): MembershipState | undefined {
    return this.current;
  }

  opsFrom(index: number): Uint8Array[] {
    return this.opBytes.slice(index);
  }

  envelopesFrom(index: number): Uint8Array[] {
    return this.envelopes.slice(index);
  }

  get envelopeCount(): number {
    return this.envelopes.length;
  }

  /** Compare-and-set on the head, then verification, then a durable append [SEAL20]. */
  appendOp(bytes: Uint8Array, now: number): Promise<Result<MembershipOp, SealRefusal>> {
    return this.queue.run(async () => {
      const decoded = decodeOp(bytes);
      if (!decoded.ok) return decoded;
      const op = decoded.value;
      if (Math.abs(op.at - now) > MAX_OP_SKEW_MS) {
        return err({
          reason: SealRefusalReason.BrokenChain,
          detail: 'time too far from the relay clock',
        });
      }
      const step = await applyOp(this.current, op, this.id);
      if (!step.ok) return step;
      await this.store.append(sealedLogRoom(this.id), bytes);
      this.current = step.value;
      this.opBytes.push(bytes);
      return ok(op);
    });
  }

  /** Signature, membership, epoch and counter checks, then a durable append [SEAL21]. */
  put(bytes: Uint8Array): Promise<Result<{ index: number; counter: number }, SealRefusal>> {
    return this.queue.run(async () => {
      const parsed = await verifyEnvelope(bytes);
      if (!parsed.ok) return parsed;
      const h = parsed.value.header;
      const state = this.current;
      if (state === undefined) {
        return err({ reason: SealRefusalReason.Forged, detail: 'no membership log yet' });
      }
      const key = `${h.room}|${h.author}`;
      const admitted = admitEnvelope(state, h, this.lastCounter.get(key));
      if (!admitted.ok) return admitted;
      await this.store.append(sealedEnvelopeRoom(this.id), bytes);
      this.lastCounter.set(key, h.counter);
      this.envelopes.push(bytes);
      return ok({ index: this.envelopes.length - 1, counter: h.counter });
    });
  }

  isCurrent(device: string): boolean {
    return this.current !== undefined && isCurrentDevice(this.current, device);
  }

  knows(device: string): boolean {
    return this.current?.devices.has(device) === true;
  }
}
