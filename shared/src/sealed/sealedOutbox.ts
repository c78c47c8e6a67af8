// Offline edits of a sealed room [SEAL17]: plaintext updates wait here until the relay
// acknowledges their envelope. Sealing happens at send time under the epoch known then; an
// envelope refused as `stale-epoch` (a removal raced it) is simply sealed again under the new
// epoch, with a new counter, so nothing written is lost. With a `merge` function (the CRDT
// engine's, e.g. Y.mergeUpdates) the updates waiting at send time go out as ONE envelope,
// so a burst pays one signature and one header [SEAL24].

import type { DeviceKeys } from './crypto';
import { sealEnvelope } from './envelope';

export interface SealedItem {
  /** The outbox ids this envelope carries (one, or a merged burst). */
  readonly ids: readonly number[];
  readonly counter: number;
  readonly epoch: number;
  readonly envelope: Uint8Array;
}

export type MergeUpdates = (updates: readonly Uint8Array[]) => Uint8Array;

export class SealedOutbox {
  private readonly pending = new Map<number, Uint8Array>();
  private nextId = 1;
  private nextCounter: number;

  constructor(
    private readonly community: string,
    private readonly room: string,
    private readonly device: DeviceKeys,
    /** The first counter to use: one above the last this device ever sent in this room. */
    firstCounter = 1,
    private readonly merge?: MergeUpdates,
  ) {
    this.nextCounter = firstCounter;
  }

  enqueue(update: Uint8Array): number {
    const id = this.nextId++;
    this.pending.set(id, update);
    return id;
  }

  /** The next counter this outbox will use; raise it past counters already used elsewhere. */
  skipTo(counter: number): void {
    this.nextCounter = Math.max(this.nextCounter, counter);
  }

  get size(): number {
    return this.pending.size;
  }

  /** Seals every unacknowledged update (again) under `epoch`, in the order they were written. */
  sealPending(epoch: number, key: Uint8Array): Promise<SealedItem[]> {
    return this.sealWhere(() => true, epoch, key);
  }

  /** Like sealPending, for the updates `pick` selects (e.g. those not in flight). */
  async sealWhere(
    pick: (id: number) => boolean,
    epoch: number,
    key: Uint8Array,
  ): Promise<SealedItem[]> {
    const picked = [...this.pending].filter(([id]) => pick(id));
    if (picked.length === 0) return [];
    const merge = this.merge;
    const groups =
      merge !== undefined && picked.length > 1
        ? [{ ids: picked.map(([id]) => id), update: merge(picked.map(([, u]) => u)) }]
        : picked.map(([id, update]) => ({ ids: [id], update }));
    const out: SealedItem[] = [];
    for (const { ids, update } of groups) {
      const counter = this.nextCounter++;
      const header = { community: this.community, room: this.room, epoch, counter };
      const envelope = await sealEnvelope(header, update, key, this.device);
      out.push({ ids, counter, epoch, envelope });
    }
    return out;
  }

  /** The relay stored the envelope carrying these updates: forget their plaintext. */
  ack(ids: number | readonly number[]): void {
    for (const id of typeof ids === 'number' ? [ids] : ids) this.pending.delete(id);
  }
}
