// A device's live copy of one sealed community [SEAL23]: it speaks the `/sealed` protocol
// over any transport (browser WebSocket, Node ws, a test double), verifies every operation
// the relay sends from the genesis, keeps the key ring, seals what the app writes (per room,
// any CRDT engine: bytes in, bytes out) and hands back decrypted updates, each once.
// Offline writes wait in the outbox; a write refused as `stale-epoch` is resealed under the
// new epoch. Removal is a status the UI shows ("vous n'êtes plus membre").

import { toB64u } from './bytes';
import { type DeviceKeys, signBytes } from './crypto';
import { type EnvelopeHeader, openEnvelope, parseEnvelope, roomKey } from './envelope';
import { applyOp } from './membership/applyOp';
import { decodeOp } from './membership/decode';
import { type KeyRing, recoverKeyRing } from './membership/keyRing';
import type { MembershipOp } from './membership/operations';
import { encodeRecord } from './membership/signing';
import { isCurrentDevice, type MembershipState } from './membership/state';
import { SealRefusalReason } from './refusal';
import { ReplayGuard } from './replayGuard';
import { SealedOutbox } from './sealedOutbox';
import { authPayload, encodeSealed, RefusedKind, type SealedMessage, SealedTag } from './wire';

export const ReplicaStatus = {
  /** Not connected, or connected and catching up. */
  Connecting: 'connecting',
  /** A current member, caught up with the relay. */
  Member: 'member',
  /** Connected and caught up with a community that has no log yet: write its genesis. */
  Empty: 'empty',
  /** Connected to a community whose log does not list this device (yet). */
  NotMember: 'not-member',
  /** The log says this device was removed: nothing more will be readable. */
  Removed: 'removed',
  /** The relay sent an operation this device refuses (a relay bug or attack): stop. */
  Untrusted: 'untrusted',
} as const;
export type ReplicaStatus = (typeof ReplicaStatus)[keyof typeof ReplicaStatus];

export interface SealedReplicaOptions {
  readonly community: string;
  readonly device: DeviceKeys;
  /** A decrypted update of `room`, delivered once. */
  readonly onUpdate: (room: string, update: Uint8Array, header: EnvelopeHeader) => void;
  readonly onStatus?: (status: ReplicaStatus) => void;
  /** A frame or write that failed to process (the replica goes on with the next one). */
  readonly onError?: (error: unknown) => void;
}

export class SealedReplica {
  readonly ops: MembershipOp[] = [];
  state: MembershipState | undefined;
  status: ReplicaStatus = ReplicaStatus.Connecting;
  private ring: KeyRing = new Map();
  private envelopeCount = 0;
  private caughtUp = false;
  private send: ((frame: Uint8Array) => void) | undefined;
  private readonly guard = new ReplayGuard();
  private readonly outboxes = new Map<string, SealedOutbox>();
  /** counter -> (room, outbox item id) of envelopes sent and not yet acknowledged. */
  private readonly inFlight = new Map<number, { room: string; id: number }>();
  private maxOwnCounter = 0;
  private readonly opQueue: Uint8Array[] = [];
  private work: Promise<void> = Promise.resolve();
  private readonly me: string;

  constructor(private readonly options: SealedReplicaOptions) {
    this.me = toB64u(options.device.signPublic);
  }

  /** A transport opened: frames go out through `send`; pass each received frame to `receive`. */
  connected(send: (frame: Uint8Array) => void): void {
    this.send = send;
    this.caughtUp = false;
    this.inFlight.clear(); // unacknowledged: sent again (a duplicate merges away in the CRDT)
  }

  disconnected(): void {
    this.send = undefined;
    this.caughtUp = false;
    this.inFlight.clear();
    if (this.status === ReplicaStatus.Member) this.setStatus(ReplicaStatus.Connecting);
  }

  /** Frames are handled one at a time, in order. */
  receive(message: SealedMessage): Promise<void> {
    return this.queue(() => this.handle(message));
  }

  private queue(task: () => Promise<void>): Promise<void> {
    this.work = this.work.then(task).catch((error: unknown) => this.options.onError?.(error));
    return this.work;
  }

  /** Queues a local update of `room`; it is sealed and sent when connected as a member. */
  write(room: string, update: Uint8Array): Promise<void> {
    this.outbox(room).enqueue(update);
    return this.queue(() => this.flush());
  }

  /**
   * Appends a membership operation (the relay's compare-and-set decides): sent once connected
   * and caught up. Membership changes need the relay; the caller says so while offline.
   */
  appendOp(op: MembershipOp): Promise<void> {
    this.opQueue.push(encodeRecord(op));
    return this.queue(async () => this.sendOps());
  }

  private sendOps(): void {
    if (this.send === undefined || !this.caughtUp) return;
    for (const op of this.opQueue.splice(0))
      this.send(encodeSealed({ tag: SealedTag.AppendOp, op }));
  }

  /** The secret of the current epoch, for writing admissions and removals. */
  currentSecret(): Uint8Array | undefined {
    return this.state === undefined ? undefined : this.ring.get(this.state.epoch);
  }

  get pendingWrites(): number {
    let n = 0;
    for (const o of this.outboxes.values()) n += o.size;
    return n;
  }

  private outbox(room: string): SealedOutbox {
    let o = this.outboxes.get(room);
    if (o === undefined) {
      o = new SealedOutbox(this.options.community, room, this.options.device);
      this.outboxes.set(room, o);
    }
    return o;
  }

  private setStatus(status: ReplicaStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.options.onStatus?.(status);
  }

  private async handle(m: SealedMessage): Promise<void> {
    switch (m.tag) {
      case SealedTag.Challenge: {
        const signature = await signBytes(
          this.options.device,
          authPayload(this.options.community, m.nonce),
        );
        const device = this.options.device.signPublic;
        const knownOps = this.ops.length;
        this.send?.(
          encodeSealed({
            tag: SealedTag.Auth,
            device,
            signature,
            knownOps,
            knownEnvelopes: this.envelopeCount,
          }),
        );
        return;
      }
      case SealedTag.Ops:
        return this.onOps(m.first, m.items);
      case SealedTag.Envelopes:
        await this.onEnvelopes(m.first, m.items);
        this.caughtUp = true;
        this.refreshStatus();
        this.sendOps();
        return this.flush();
      case SealedTag.Ack: {
        const sent = this.inFlight.get(m.counter);
        if (sent !== undefined) this.outbox(sent.room).ack(sent.id);
        this.inFlight.delete(m.counter);
        return;
      }
      case SealedTag.Refused:
        if (m.kind === RefusedKind.Envelope) {
          const sent = this.inFlight.get(m.ref);
          this.inFlight.delete(m.ref); // back in the queue: resealed on the next flush
          if (sent !== undefined && m.reason !== SealRefusalReason.StaleEpoch) {
            this.outbox(sent.room).ack(sent.id); // refused for good (revoked): drop it
          }
        }
        return;
      case SealedTag.Auth:
      case SealedTag.AppendOp:
      case SealedTag.Put:
        return; // client-to-relay messages: a relay never sends them
      default: {
        const never: never = m;
        throw new Error(`unknown sealed message ${String(never)}`);
      }
    }
  }

  private async onOps(first: number, items: readonly Uint8Array[]): Promise<void> {
    for (const [i, bytes] of items.entries()) {
      if (first + i < this.ops.length) continue; // already held
      const decoded = decodeOp(bytes);
      const step = decoded.ok
        ? await applyOp(this.state, decoded.value, this.options.community)
        : decoded;
      if (!step.ok || !decoded.ok) return this.setStatus(ReplicaStatus.Untrusted);
      this.state = step.value;
      this.ops.push(decoded.value);
    }
    if (this.state?.devices.has(this.me))
      this.ring = await recoverKeyRing(this.ops, this.options.device);
    this.refreshStatus();
    await this.flush();
  }

  private refreshStatus(): void {
    if (this.status === ReplicaStatus.Untrusted) return;
    const s = this.state;
    if (s?.devices.has(this.me) && !isCurrentDevice(s, this.me)) {
      this.setStatus(ReplicaStatus.Removed);
    } else if (s === undefined) {
      if (this.caughtUp) this.setStatus(ReplicaStatus.Empty);
    } else if (!s.devices.has(this.me)) {
      if (this.caughtUp) this.setStatus(ReplicaStatus.NotMember);
    } else if (this.caughtUp) {
      this.setStatus(ReplicaStatus.Member);
    }
  }

  private async onEnvelopes(first: number, items: readonly Uint8Array[]): Promise<void> {
    for (const [i, bytes] of items.entries()) {
      if (first + i < this.envelopeCount) continue;
      this.envelopeCount = first + i + 1;
      const parsed = parseEnvelope(bytes);
      if (!parsed.ok) continue;
      const room = parsed.value.header.room;
      const community = this.options.community;
      const opened = await openEnvelope(bytes, { community, room }, async (epoch) => {
        const secret = this.ring.get(epoch);
        return secret === undefined ? undefined : roomKey(secret, community, room, epoch);
      });
      if (!opened.ok) continue; // not readable by this device (an epoch before it joined)
      const h = opened.value.header;
      if (h.author === this.me) {
        this.maxOwnCounter = Math.max(this.maxOwnCounter, h.counter);
        continue; // its own write, already applied locally
      }
      if (this.guard.accept(h.room, h.author, h.counter))
        this.options.onUpdate(h.room, opened.value.plaintext, h);
    }
  }

  private async flush(): Promise<void> {
    const s = this.state;
    if (
      this.send === undefined ||
      !this.caughtUp ||
      s === undefined ||
      !isCurrentDevice(s, this.me)
    )
      return;
    const secret = this.ring.get(s.epoch);
    if (secret === undefined) return;
    for (const [room, outbox] of this.outboxes) {
      outbox.skipTo(this.maxOwnCounter + 1);
      const sentIds = new Set(
        [...this.inFlight.values()].filter((f) => f.room === room).map((f) => f.id),
      );
      const key = await roomKey(secret, this.options.community, room, s.epoch);
      for (const item of await outbox.sealWhere((id) => !sentIds.has(id), s.epoch, key)) {
        this.maxOwnCounter = Math.max(this.maxOwnCounter, item.counter);
        this.inFlight.set(item.counter, { room, id: item.id });
        this.send(encodeSealed({ tag: SealedTag.Put, envelope: item.envelope }));
      }
    }
  }
}
