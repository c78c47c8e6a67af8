import {
  type AwarenessEntry,
  assertNever,
  CloseReason,
  encodeAwarenessUpdate,
  encodeWireMessage,
  RelayError,
  type RoomId,
  type RoomStore,
  type WireMessage,
} from '@ensemble/shared';
import { describeError, type Logger } from '../log';
import { noRoomMetrics, type RoomMetrics } from '../metrics/RelayMetrics';
import { AwarenessTracker } from './AwarenessTracker';
import type { BackgroundQueue } from './BackgroundQueue';
import { type RoomCodec, yjsCodec } from './roomCodec';
import { SerialQueue } from './SerialQueue';
import { inlineUpdateOps, type UpdateOps } from './UpdateWorker';

/** One connection as a room sees it: a port, so rooms are testable without sockets. */
export interface RoomPeer {
  send(message: Uint8Array): void;
  /** Sends consecutive messages (one frame each) with as few writes as possible. */
  sendMany?(messages: readonly Uint8Array[]): void;
  close(error: RelayError): void;
}

export type SyncMessage = Extract<WireMessage, { type: 'syncStep1' | 'syncStep2' | 'syncUpdate' }>;

export interface RoomOptions {
  readonly store: RoomStore;
  /** Compact the stored log into one update once it holds more than this many. */
  readonly compactAfterUpdates: number;
  readonly log: Logger;
  /** Store latency and compactions; default: not measured. */
  readonly metrics?: RoomMetrics;
  /** Where whole-document merges and diffs run; default: inline. */
  readonly updates?: UpdateOps;
  /** Where deferred folds and compactions wait for their turn; default: run at once. */
  readonly background?: BackgroundQueue;
  /** Called once the room has released its memory; the registry then forgets it. */
  readonly onClosed: (room: Room) => void;
  /**
   * Cluster mode (cluster/ClusterFeed.ts): other relays' updates and awareness
   * of this room reach it through the feed, and compaction is the feed's
   * leased task (the room's own count of the log is not the cluster's).
   */
  readonly feed?: RoomFeed;
  /** How the room's engine bytes are checked (room kind); default: Yjs. */
  readonly codec?: RoomCodec;
}

/** What a room of a cluster needs from it: cluster/ClusterFeed.ts. */
export interface RoomFeed {
  /** The room has loaded its stored state: deliver what other relays append after it. */
  opened(room: Room): void;
  /** The room released its memory. */
  closed(room: Room): void;
  /** A frame of awareness from a local peer, for the room's peers on other relays. */
  publishAwareness(room: Room, frame: Uint8Array): void;
}

/** The origin of updates from other relays: never a joined peer, so every local peer gets them. */
const REMOTE: RoomPeer = { send: () => undefined, close: () => undefined };

/**
 * In-memory updates are folded into the merged state (O(document size), off
 * the event loop for large documents: UpdateOps) once there are more than
 * this many AND they weigh as much as the merged state: a busy room with a
 * large document merges rarely (each time its size doubles), not every N
 * updates. The fold runs in the background: the room keeps broadcasting.
 */
const MAX_UNMERGED_UPDATES = 64;
/** ... and always past this many (bounds per-update overhead in memory). */
const HARD_MAX_UNMERGED_UPDATES = 65_536;
/** A group commit (one store write, then one broadcast) holds at most this many updates ... */
const MAX_BATCH_UPDATES = 512;
/** ... and at most about this many bytes. */
const MAX_BATCH_BYTES = 1024 * 1024;
/** The stored log is compacted regardless of sizes past compactAfterUpdates times this. */
const HARD_COMPACT_FACTOR = 256;

/** One received update waiting for its group commit. */
interface PendingWrite {
  readonly origin: RoomPeer;
  readonly update: Uint8Array;
}

/** Updates received while the room's previous work runs: stored as one write. */
interface WriteBatch {
  readonly writes: PendingWrite[];
  bytes: number;
}
/**
 * A doc-less room: its state is its stored updates, loaded once while it has
 * connections and merged with Y.mergeUpdates. Every operation runs on one
 * serial queue, so stored order = broadcast order = arrival order.
 *
 * Group commit: updates that arrive while earlier work of the room is queued
 * or running (typically: the previous store write) are collected into one
 * batch, validated, written with ONE `store.appendMany`, and only then
 * broadcast, in arrival order. A failed write closes every sender of the
 * batch with 4500 and broadcasts none of it.
 */
export class Room {
  readonly id: RoomId;
  private readonly options: RoomOptions;
  private readonly queue = new SerialQueue();
  /** Attached connections (synchronously, on connect). */
  private readonly attached = new Set<RoomPeer>();
  /** Connections that were sent sync step 1: they receive broadcasts. */
  private readonly joined = new Set<RoomPeer>();
  private readonly awareness = new AwarenessTracker<RoomPeer>();
  /** The room's state: `merged`, then `pending` (not folded in yet). */
  private merged: Uint8Array;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /** State vector of `merged`, cached while `pending` is empty (joins reuse it). */
  private stateVector: Uint8Array | undefined;
  /** The queue's last task while it has not started: further updates join it. */
  private openBatch: WriteBatch | undefined;
  /** Stored log: number of entries, bytes of its first (merged) entry, bytes after it. */
  private storedCount = 0;
  private storedBaseBytes = 0;
  private storedTailBytes = 0;
  private compacting: Promise<void> | undefined;
  /** Tail of the chain of folds (pending -> merged); one at a time. */
  private folding: Promise<void> | undefined;
  /** A housekeeping fold waiting for its turn in the background queue. */
  private deferredFold: Promise<void> | undefined;
  private closed = false;
  readonly codec: RoomCodec;

  constructor(id: RoomId, options: RoomOptions) {
    this.id = id;
    this.options = options;
    this.codec = options.codec ?? yjsCodec;
    this.merged = this.codec.empty;
    this.enqueue(null, () => this.load());
  }

  get connectionCount(): number {
    return this.attached.size;
  }

  /** Resolves once the queued work and any running compaction have finished. */
  async idle(): Promise<void> {
    for (;;) {
      await this.queue.idle();
      if (
        this.compacting === undefined &&
        this.folding === undefined &&
        this.deferredFold === undefined
      ) {
        return;
      }
      await this.compacting;
      await this.deferredFold?.catch(() => undefined);
      await this.folding;
    }
  }

  attach(peer: RoomPeer): void {
    this.attached.add(peer);
    this.enqueue(peer, () => this.join(peer));
  }

  /** Idempotent: the first of relay-side close and socket close detaches. */
  detach(peer: RoomPeer): void {
    if (!this.attached.delete(peer)) return;
    this.enqueue(null, () => this.leave(peer));
  }

  receiveSync(peer: RoomPeer, message: SyncMessage): void {
    switch (message.type) {
      case 'syncStep1':
        this.enqueue(peer, () => this.answerStep1(peer, message.stateVector));
        return;
      case 'syncStep2':
      case 'syncUpdate':
        this.receiveUpdate(peer, message.update);
        return;
      default:
        assertNever(message, 'sync message');
    }
  }

  /** Joins the open batch, or queues a new one. */
  private receiveUpdate(origin: RoomPeer, update: Uint8Array): void {
    const open = this.openBatch;
    if (
      open !== undefined &&
      open.writes.length < MAX_BATCH_UPDATES &&
      open.bytes + update.byteLength <= MAX_BATCH_BYTES
    ) {
      open.writes.push({ origin, update });
      open.bytes += update.byteLength;
      return;
    }
    const batch: WriteBatch = { writes: [{ origin, update }], bytes: update.byteLength };
    this.enqueue(null, () => {
      if (this.openBatch === batch) this.openBatch = undefined;
      return this.applyBatch(batch.writes);
    });
    this.openBatch = batch;
  }

  /** `frame` is the whole awareness message as received; it is forwarded unchanged. */
  receiveAwareness(peer: RoomPeer, frame: Uint8Array, entries: readonly AwarenessEntry[]): void {
    this.enqueue(peer, () => {
      this.awareness.apply(peer, entries);
      // Echoed to the sender too, like y-websocket's server: it keeps the
      // provider's 30 s "no message received" watchdog quiet in a lone room.
      for (const other of this.joined) other.send(frame);
      this.options.feed?.publishAwareness(this, frame);
    });
  }

  /** Cluster: updates other relays stored, in stream order; sent to every joined peer. */
  receiveRemote(updates: readonly Uint8Array[]): void {
    this.enqueue(null, () => {
      for (const update of updates) {
        this.storedCount += 1;
        this.storedTailBytes += update.byteLength;
        this.pendingBytes += update.byteLength;
        this.pending.push(update);
      }
      this.broadcast(updates.map((update) => ({ origin: REMOTE, update })));
      this.maybeFold();
    });
  }

  /** Cluster: an awareness frame of a peer on another relay. */
  receiveRemoteAwareness(frame: Uint8Array): void {
    this.enqueue(null, () => {
      for (const peer of this.joined) peer.send(frame);
    });
  }

  /**
   * Drops the room at once (its memory and its registry entry) and closes its
   * connections with `error`: their reconnects load a new room from the store.
   * Cluster: Redis lost updates this room holds in memory.
   */
  evict(error: RelayError): void {
    if (this.closed) return;
    const peers = [...this.attached];
    this.release();
    for (const peer of peers) peer.close(error);
  }

  queryAwareness(peer: RoomPeer): void {
    this.enqueue(peer, () => this.sendPresence(peer, this.awareness.snapshot()));
  }

  private async load(): Promise<void> {
    try {
      const stored = await this.options.store.load(this.id);
      this.storedCount = stored.length;
      this.storedBaseBytes = stored[0]?.byteLength ?? 0;
      this.storedTailBytes = 0;
      for (const update of stored.slice(1)) this.storedTailBytes += update.byteLength;
      this.merged = stored.length === 0 ? this.codec.empty : await this.ops.merge(stored);
      if (!this.closed) this.options.feed?.opened(this);
    } catch (error) {
      this.options.log.error('room.load_failed', { room: this.id, error: describeError(error) });
      this.release();
      const failure = new RelayError(CloseReason.InternalError, 'could not load the room');
      for (const peer of [...this.attached]) peer.close(failure);
    }
  }

  private async join(peer: RoomPeer): Promise<void> {
    if (!this.attached.has(peer)) return;
    const stateVector = await this.currentStateVector();
    if (!this.attached.has(peer)) return;
    this.joined.add(peer);
    peer.send(encodeWireMessage({ type: 'syncStep1', stateVector }));
    this.sendPresence(peer, this.awareness.snapshot(peer));
  }

  private async answerStep1(peer: RoomPeer, stateVector: Uint8Array): Promise<void> {
    const checked = this.codec.inspectStateVector(stateVector);
    if (!checked.ok) throw checked.error;
    const merged = await this.mergedState();
    // An empty state vector (a new client) lacks everything: no diff to compute.
    const update = this.codec.isEmptyStateVector(checked.value)
      ? merged
      : await this.ops.diff(merged, checked.value);
    peer.send(encodeWireMessage({ type: 'syncStep2', update }));
  }

  /**
   * One group commit: validate each update (an invalid one closes its sender,
   * whose later updates in the batch are dropped too), store the valid ones
   * with one write, THEN broadcast them in arrival order and fold them in.
   */
  private async applyBatch(writes: readonly PendingWrite[]): Promise<void> {
    const accepted: PendingWrite[] = [];
    let refused: Set<RoomPeer> | undefined;
    for (const write of writes) {
      if (refused?.has(write.origin)) continue;
      const info = this.codec.inspectUpdate(write.update);
      if (!info.ok) {
        refused ??= new Set();
        refused.add(write.origin);
        this.fail(write.origin, info.error);
        continue;
      }
      if (!info.value.empty) accepted.push(write);
    }
    if (accepted.length === 0) return;
    const updates = accepted.map((write) => write.update);
    const startedAt = performance.now();
    try {
      await this.options.store.appendMany(this.id, updates);
    } catch (error) {
      // Not acknowledged: every sender of the batch resends on reconnect.
      this.options.log.error('room.store_failed', {
        room: this.id,
        updates: updates.length,
        error: describeError(error),
      });
      const failure = new RelayError(
        CloseReason.InternalError,
        'the relay could not store an update',
      );
      for (const origin of new Set(accepted.map((write) => write.origin))) {
        if (!refused?.has(origin)) origin.close(failure);
      }
      return;
    }
    this.metrics.storeAppended((performance.now() - startedAt) / 1000);
    this.storedCount += updates.length;
    for (const update of updates) {
      this.storedTailBytes += update.byteLength;
      this.pendingBytes += update.byteLength;
      this.pending.push(update);
    }
    this.broadcast(accepted);
    this.maybeCompact();
    this.maybeFold();
  }

  private maybeFold(): void {
    if (
      this.folding === undefined &&
      this.deferredFold === undefined &&
      (this.pending.length > HARD_MAX_UNMERGED_UPDATES ||
        (this.pending.length > MAX_UNMERGED_UPDATES && this.pendingBytes >= this.merged.byteLength))
    ) {
      this.fold('deferred').catch((error: unknown) => {
        this.options.log.error('room.merge_failed', { room: this.id, error: describeError(error) });
      });
    }
  }

  /** Each joined peer gets the batch's updates except its own, in order, under one cork. */
  private broadcast(writes: readonly PendingWrite[]): void {
    const messages = writes.map((write) =>
      encodeWireMessage({ type: 'syncUpdate', update: write.update }),
    );
    const [only] = writes;
    if (writes.length === 1 && only !== undefined && messages[0] !== undefined) {
      const message = messages[0];
      for (const peer of this.joined) if (peer !== only.origin) peer.send(message);
      return;
    }
    for (const peer of this.joined) {
      let forPeer: readonly Uint8Array[] = messages;
      if (writes.some((write) => write.origin === peer)) {
        forPeer = messages.filter((_, i) => writes[i]?.origin !== peer);
      }
      if (forPeer.length === 0) continue;
      if (peer.sendMany !== undefined) peer.sendMany(forPeer);
      else for (const message of forPeer) peer.send(message);
    }
  }

  private async leave(peer: RoomPeer): Promise<void> {
    this.joined.delete(peer);
    const removals = this.awareness.removeOwner(peer);
    if (removals.length > 0) {
      const frame = encodeWireMessage({
        type: 'awareness',
        update: encodeAwarenessUpdate(removals),
      });
      for (const other of this.joined) other.send(frame);
      this.options.feed?.publishAwareness(this, frame);
    }
    if (this.attached.size > 0) return;
    await this.compacting;
    await this.compactQuietly();
    // A connection may have arrived while compacting: then the room stays.
    if (this.attached.size === 0) this.release();
  }

  /**
   * Compacts in the background (the store orders it with later appends) once
   * the log is past the threshold AND its tail weighs as much as its merged
   * head: rewriting a large document every few hundred small updates would
   * cost more than the updates themselves.
   */
  private maybeCompact(): void {
    if (this.compacting !== undefined || this.options.feed !== undefined) return;
    const threshold = this.options.compactAfterUpdates;
    if (this.storedCount <= threshold) return;
    if (
      this.storedTailBytes < this.storedBaseBytes &&
      this.storedCount <= threshold * HARD_COMPACT_FACTOR
    ) {
      return;
    }
    const running = this.compactQuietly().finally(() => {
      if (this.compacting === running) this.compacting = undefined;
    });
    this.compacting = running;
  }

  /** Replaces the stored log by one merged update (atomic in the store). */
  private async compactQuietly(): Promise<void> {
    if (this.storedCount <= 1 || this.options.feed !== undefined) return;
    try {
      await this.fold('deferred');
    } catch (error) {
      this.options.log.error('room.compact_failed', { room: this.id, error: describeError(error) });
      return;
    }
    // Updates stored during the fold are still pending: they stay after the merged entry.
    const replaced = this.storedCount - this.pending.length;
    if (this.closed || replaced <= 1) return;
    const merged = this.merged;
    const tailBytes = this.storedTailBytes - this.pendingBytes;
    this.storedTailBytes -= tailBytes;
    try {
      await this.options.store.replaceMerged(this.id, merged, replaced);
      // Appends may have completed meanwhile: they stay after the merged entry.
      this.storedCount -= replaced - 1;
      this.storedBaseBytes = merged.byteLength;
      this.metrics.compacted();
      this.options.log.info('room.compacted', { room: this.id, replaced });
    } catch (error) {
      this.storedTailBytes += tailBytes;
      this.options.log.error('room.compact_failed', { room: this.id, error: describeError(error) });
    }
  }

  private get metrics(): RoomMetrics {
    return this.options.metrics ?? noRoomMetrics;
  }

  /** Whole-document operations for this room's engine (cluster compaction uses them too). */
  get ops(): UpdateOps {
    return this.options.updates ?? inlineUpdateOps;
  }

  /**
   * Folds the updates pending now into `merged`, after any fold already
   * running. Only folds change `merged` and drop pending updates (from the
   * front), and appends only push at the back: concurrent folds stay exact.
   *
   * `deferred` (housekeeping, no peer waiting) first waits for its turn in
   * the background queue, outside the chain of folds: a join that needs the
   * merged state folds at once instead of waiting behind every room's
   * queued housekeeping. One deferred fold per room waits at a time.
   */
  private fold(when: 'now' | 'deferred' = 'now'): Promise<void> {
    const background = this.options.background;
    if (when === 'deferred' && background !== undefined) {
      if (this.deferredFold === undefined) {
        const queued: Promise<void> = background
          .run(() => this.fold('now'))
          .finally(() => {
            if (this.deferredFold === queued) this.deferredFold = undefined;
          });
        this.deferredFold = queued;
      }
      return this.deferredFold;
    }
    const run = (this.folding ?? Promise.resolve()).then(() => this.foldPending());
    const tail = run.catch(() => undefined);
    this.folding = tail;
    void tail.then(() => {
      if (this.folding === tail) this.folding = undefined;
    });
    return run;
  }

  private async foldPending(): Promise<void> {
    const count = this.pending.length;
    if (count === 0 || this.closed) return;
    const folded = this.pending.slice(0, count);
    let bytes = 0;
    for (const update of folded) bytes += update.byteLength;
    const merged = await this.ops.merge(
      this.merged === this.codec.empty ? folded : [this.merged, ...folded],
    );
    if (this.closed) return;
    this.merged = merged;
    this.pending.splice(0, count);
    this.pendingBytes -= bytes;
    this.stateVector = undefined;
  }

  /** The whole state as one update (in a queued task: nothing is pending after it). */
  private async mergedState(): Promise<Uint8Array> {
    await this.fold();
    return this.merged;
  }

  private async currentStateVector(): Promise<Uint8Array> {
    const merged = await this.mergedState();
    const stateVector = this.stateVector ?? (await this.ops.stateVector(merged));
    if (this.merged === merged) this.stateVector = stateVector;
    return stateVector;
  }

  private sendPresence(peer: RoomPeer, entries: AwarenessEntry[]): void {
    if (entries.length === 0) return;
    peer.send(encodeWireMessage({ type: 'awareness', update: encodeAwarenessUpdate(entries) }));
  }

  /** Drops everything held in memory; later queued work is skipped. */
  private release(): void {
    this.closed = true;
    this.merged = this.codec.empty;
    this.pending = [];
    this.pendingBytes = 0;
    this.stateVector = undefined;
    this.openBatch = undefined;
    this.joined.clear();
    this.options.feed?.closed(this);
    this.options.onClosed(this);
  }

  private enqueue(peer: RoomPeer | null, task: () => void | Promise<void>): void {
    // The new task is the queue's tail now: later updates must not join an earlier batch.
    this.openBatch = undefined;
    void this.queue
      .run(async () => {
        if (!this.closed) await task();
      })
      .catch((error: unknown) => this.fail(peer, error));
  }

  private fail(peer: RoomPeer | null, error: unknown): void {
    if (error instanceof RelayError) {
      peer?.close(error);
      return;
    }
    this.options.log.error('room.failed', { room: this.id, error: describeError(error) });
    peer?.close(new RelayError(CloseReason.InternalError, 'the relay could not process a message'));
  }
}
