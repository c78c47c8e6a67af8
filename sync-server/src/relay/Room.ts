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
import { SerialQueue } from './SerialQueue';
import {
  EMPTY_UPDATE,
  inspectStateVector,
  inspectUpdate,
  mergeAll,
  missingFrom,
  stateVectorOf,
} from './yjsUpdates';

/** One connection as a room sees it: a port, so rooms are testable without sockets. */
export interface RoomPeer {
  send(message: Uint8Array): void;
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
  /** Called once the room has released its memory; the registry then forgets it. */
  readonly onClosed: (room: Room) => void;
}

/** In-memory updates merged lazily, past this many. */
const MAX_UNMERGED_UPDATES = 64;

/**
 * A doc-less room: its state is its stored updates, loaded once while it has
 * connections and merged with Y.mergeUpdates. Every operation runs on one
 * serial queue, so stored order = broadcast order = arrival order.
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
  /** The room's state: the stored log, merged lazily. */
  private updates: Uint8Array[] = [];
  private storedCount = 0;
  private closed = false;

  constructor(id: RoomId, options: RoomOptions) {
    this.id = id;
    this.options = options;
    this.enqueue(null, () => this.load());
  }

  get connectionCount(): number {
    return this.attached.size;
  }

  idle(): Promise<void> {
    return this.queue.idle();
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
    this.enqueue(peer, () => this.handleSync(peer, message));
  }

  /** `frame` is the whole awareness message as received; it is forwarded unchanged. */
  receiveAwareness(peer: RoomPeer, frame: Uint8Array, entries: readonly AwarenessEntry[]): void {
    this.enqueue(peer, () => {
      this.awareness.apply(peer, entries);
      // Echoed to the sender too, like y-websocket's server: it keeps the
      // provider's 30 s "no message received" watchdog quiet in a lone room.
      for (const other of this.joined) other.send(frame);
    });
  }

  queryAwareness(peer: RoomPeer): void {
    this.enqueue(peer, () => this.sendPresence(peer, this.awareness.snapshot()));
  }

  private async load(): Promise<void> {
    try {
      this.updates = await this.options.store.load(this.id);
      this.storedCount = this.updates.length;
    } catch (error) {
      this.options.log.error('room.load_failed', { room: this.id, error: describeError(error) });
      this.release();
      const failure = new RelayError(CloseReason.InternalError, 'could not load the room');
      for (const peer of [...this.attached]) peer.close(failure);
    }
  }

  private join(peer: RoomPeer): void {
    if (!this.attached.has(peer)) return;
    this.joined.add(peer);
    peer.send(encodeWireMessage({ type: 'syncStep1', stateVector: stateVectorOf(this.merged()) }));
    this.sendPresence(peer, this.awareness.snapshot(peer));
  }

  private async handleSync(peer: RoomPeer, message: SyncMessage): Promise<void> {
    switch (message.type) {
      case 'syncStep1': {
        const stateVector = inspectStateVector(message.stateVector);
        if (!stateVector.ok) throw stateVector.error;
        const update = missingFrom(this.merged(), stateVector.value);
        peer.send(encodeWireMessage({ type: 'syncStep2', update }));
        return;
      }
      case 'syncStep2':
      case 'syncUpdate':
        await this.applyUpdate(peer, message.update);
        return;
      default:
        assertNever(message, 'sync message');
    }
  }

  /** Validate, store durably, THEN broadcast and fold into the merged state. */
  private async applyUpdate(origin: RoomPeer, update: Uint8Array): Promise<void> {
    const info = inspectUpdate(update);
    if (!info.ok) throw info.error;
    if (info.value.empty) return;
    const startedAt = performance.now();
    await this.options.store.append(this.id, update);
    this.metrics.storeAppended((performance.now() - startedAt) / 1000);
    this.storedCount++;
    this.updates.push(update);
    const message = encodeWireMessage({ type: 'syncUpdate', update });
    for (const peer of this.joined) {
      if (peer !== origin) peer.send(message);
    }
    if (this.storedCount > this.options.compactAfterUpdates) {
      await this.compactQuietly();
    } else if (this.updates.length > MAX_UNMERGED_UPDATES) {
      this.merged();
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
    }
    if (this.attached.size > 0) return;
    await this.compactQuietly();
    // A connection may have arrived while compacting: then the room stays.
    if (this.attached.size === 0) this.release();
  }

  /** Replaces the stored log by one merged update (atomic in the store). */
  private async compactQuietly(): Promise<void> {
    if (this.storedCount <= 1) return;
    const replaced = this.storedCount;
    try {
      await this.options.store.replaceMerged(this.id, this.merged(), replaced);
      this.storedCount = 1;
      this.metrics.compacted();
      this.options.log.info('room.compacted', { room: this.id, replaced });
    } catch (error) {
      this.options.log.error('room.compact_failed', { room: this.id, error: describeError(error) });
    }
  }

  private get metrics(): RoomMetrics {
    return this.options.metrics ?? noRoomMetrics;
  }

  private merged(): Uint8Array {
    const merged = mergeAll(this.updates);
    this.updates = merged === EMPTY_UPDATE ? [] : [merged];
    return merged;
  }

  private sendPresence(peer: RoomPeer, entries: AwarenessEntry[]): void {
    if (entries.length === 0) return;
    peer.send(encodeWireMessage({ type: 'awareness', update: encodeAwarenessUpdate(entries) }));
  }

  /** Drops everything held in memory; later queued work is skipped. */
  private release(): void {
    this.closed = true;
    this.updates = [];
    this.joined.clear();
    this.options.onClosed(this);
  }

  private enqueue(peer: RoomPeer | null, task: () => void | Promise<void>): void {
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
