// Sealed communities open on this relay, and their connections. A community is loaded on its
// first connection and dropped from memory when its last one leaves (like `/sync` rooms).

import type { RoomStore } from '@ensemble/shared';
import { SealedCommunity } from './SealedCommunity';

export interface SealedPeer {
  /** The authenticated device (base64url signing key). */
  readonly device: string;
  send(frame: Uint8Array): void;
  /** Closes with 4403 and a reason (the device was removed). */
  closeRemoved(): void;
}

interface Open {
  readonly loading: Promise<SealedCommunity>;
  readonly peers: Set<SealedPeer>;
  users: number;
}

export class SealedHub {
  private readonly open = new Map<string, Open>();

  constructor(private readonly store: RoomStore) {}

  /** The community, loaded once for all its connections; call `release` when done. */
  acquire(id: string): Promise<SealedCommunity> {
    let entry = this.open.get(id);
    if (entry === undefined) {
      entry = { loading: SealedCommunity.load(this.store, id), peers: new Set(), users: 0 };
      this.open.set(id, entry);
      const failed = entry;
      failed.loading.catch(() => {
        if (this.open.get(id) === failed) this.open.delete(id);
      });
    }
    entry.users++;
    return entry.loading;
  }

  /**
   * Drops the community from memory once no connection uses it AND its queue is idle: a
   * write still in flight must finish before a later connection reloads the log, or the
   * reload would miss it and accept an operation on a stale head.
   */
  release(id: string): void {
    const entry = this.open.get(id);
    if (entry === undefined) return;
    entry.users--;
    if (entry.users > 0) return;
    void entry.loading
      .then((c) => c.queue.idle())
      .then(
        () => {
          if (entry.users <= 0 && this.open.get(id) === entry) this.open.delete(id);
        },
        () => undefined,
      );
  }

  join(id: string, peer: SealedPeer): void {
    this.open.get(id)?.peers.add(peer);
  }

  leave(id: string, peer: SealedPeer): void {
    this.open.get(id)?.peers.delete(peer);
  }

  peers(id: string): readonly SealedPeer[] {
    return [...(this.open.get(id)?.peers ?? [])];
  }

  get communities(): number {
    return this.open.size;
  }
}
