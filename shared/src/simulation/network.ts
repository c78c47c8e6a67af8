import type { CrdtDocument } from '../crdt/DocumentPort';
import type { SeededRandom } from './random';

/**
 * Replicas exchanging updates over an unreliable network: messages are
 * delivered late, out of order, twice, or not until a partition heals.
 */
export class SimulatedNetwork {
  private readonly inboxes: { from: number; update: Uint8Array }[][];
  private groups: number[];

  constructor(
    private readonly replicas: readonly CrdtDocument[],
    private readonly random: SeededRandom,
  ) {
    this.inboxes = replicas.map(() => []);
    this.groups = replicas.map(() => 0);
    replicas.forEach((replica, from) => {
      replica.onUpdate((update, origin) => {
        if (origin === 'network') return;
        this.inboxes.forEach((inbox, to) => {
          if (to !== from) inbox.push({ from, update });
        });
      });
    });
  }

  /** Splits replicas into random groups that cannot reach each other. */
  partition(): void {
    const count = this.random.int(1, Math.min(3, this.replicas.length));
    this.groups = this.replicas.map(() => this.random.int(0, count - 1));
  }

  heal(): void {
    this.groups = this.replicas.map(() => 0);
  }

  /** Delivers some pending messages between connected replicas, shuffled, some duplicated. */
  deliverSome(): void {
    this.inboxes.forEach((inbox, to) => {
      const replica = this.replicas[to];
      if (!replica || inbox.length === 0) return;
      const count = this.random.int(0, inbox.length);
      const batch = this.random.shuffle(inbox.splice(0, count));
      const kept: { from: number; update: Uint8Array }[] = [];
      for (const message of batch) {
        // Across a partition nothing arrives; some messages are delivered twice.
        if (!this.canReach(message.from, to) || this.random.chance(0.1)) kept.push(message);
        if (this.canReach(message.from, to)) replica.applyUpdate(message.update, 'network');
      }
      inbox.push(...kept);
    });
  }

  /** Every replica ends with every change: pending messages, then state-vector sync. */
  settle(): void {
    this.heal();
    this.inboxes.forEach((inbox, to) => {
      for (const { update } of this.random.shuffle(inbox))
        this.replicas[to]?.applyUpdate(update, 'network');
      inbox.length = 0;
    });
    for (const a of this.replicas) {
      for (const b of this.replicas) {
        if (a !== b) b.applyUpdate(a.encodeUpdateSince(b.encodeStateVector()), 'network');
      }
    }
  }

  canReach(from: number, to: number): boolean {
    return this.groups[from] === this.groups[to];
  }
}
