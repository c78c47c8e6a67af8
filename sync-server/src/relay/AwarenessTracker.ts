import { AWARENESS_REMOVED, type AwarenessEntry, isAwarenessRemoval } from '@ensemble/shared';

interface Tracked {
  readonly clock: number;
  readonly stateJson: string;
}

/**
 * The awareness the relay has seen in one room, per awareness clientID, with
 * the connection that announced it. The relay only forwards awareness; this
 * lets it greet a newcomer with everyone's presence and announce the departure
 * of a connection's clients when it closes.
 */
export class AwarenessTracker<Owner> {
  private readonly states = new Map<number, Tracked & { readonly owner: Owner }>();

  /**
   * Records entries announced by `owner`, with y-protocols' rule: a newer clock wins, and
   * at the same clock only a removal. A connection re-sending another client's state at
   * its current clock (stock y-websocket clients echo every state they receive) does not
   * take that client over: its departure is still announced when ITS connection closes.
   */
  apply(owner: Owner, entries: readonly AwarenessEntry[]): void {
    for (const entry of entries) {
      const known = this.states.get(entry.clientId);
      const removal = isAwarenessRemoval(entry);
      if (
        known !== undefined &&
        (entry.clock < known.clock || (entry.clock === known.clock && !removal))
      ) {
        continue;
      }
      if (removal) {
        this.states.delete(entry.clientId);
      } else {
        this.states.set(entry.clientId, { clock: entry.clock, stateJson: entry.stateJson, owner });
      }
    }
  }

  /** Current presence of every client, except those of `exceptOwner`. */
  snapshot(exceptOwner?: Owner): AwarenessEntry[] {
    const entries: AwarenessEntry[] = [];
    for (const [clientId, state] of this.states) {
      if (state.owner === exceptOwner) continue;
      entries.push({ clientId, clock: state.clock, stateJson: state.stateJson });
    }
    return entries;
  }

  /** Forgets the clients `owner` announced; returns their removal entries (clock + 1). */
  removeOwner(owner: Owner): AwarenessEntry[] {
    const removals: AwarenessEntry[] = [];
    for (const [clientId, state] of this.states) {
      if (state.owner !== owner) continue;
      this.states.delete(clientId);
      removals.push({ clientId, clock: state.clock + 1, stateJson: AWARENESS_REMOVED });
    }
    return removals;
  }

  get size(): number {
    return this.states.size;
  }
}
