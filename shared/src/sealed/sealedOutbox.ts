// Offline edits of a sealed room [SEAL17]: plaintext updates wait here until the relay
// acknowledges their envelope. Sealing happens at send time under the epoch known then; an
// envelope refused as `stale-epoch` (a removal raced it) is simply sealed again under the new
// epoch, with a new counter, so nothing written is lost.

import type { DeviceKeys } from './crypto';
import { sealEnvelope } from './envelope';

export interface SealedItem {
  readonly id: number;
  readonly counter: number;
  readonly epoch: number;
  readonly envelope: Uint8Array;
}

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
    const out: SealedItem[] = [];
    for (const [id, update] of this.pending) {
      if (!pick(id)) continue;
      const counter = this.nextCounter++;
      const header = { community: this.community, room: this.room, epoch, counter };
      out.push({
        id,
        counter,
        epoch,
        envelope: await sealEnvelope(header, update, key, this.device),
      });
    }
    return out;
  }

  /** The relay stored this update's envelope: forget its plaintext. */
  ack(id: number): void {
    this.pending.delete(id);
  }
}
