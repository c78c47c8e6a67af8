import type { CrdtDocument } from '@ensemble/shared';
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import { yDocOf } from '../crdt/yjsDoc';
import {
  AWARENESS_REMOVED,
  type AwarenessEntry,
  decodeAwarenessEntries,
  encodeAwarenessEntries,
} from './awarenessEntries';
import { Presence } from './Presence';

/** A way awareness reaches this device: the relay, another tab, a direct link. */
export type AwarenessPath = object;

const byDocument = new WeakMap<CrdtDocument, DocAwareness>();

/**
 * The awareness of one open document (y-protocols: who has it open, their name and
 * cursor), shared by every path it syncs through: the relay and each direct link feed the
 * same Awareness, so a peer reached both ways is one client (its awareness clientID), never
 * two. Each path sends only this device's own state (no echo of the others').
 *
 * Remembers which path delivered which client, so that when a path closes the clients
 * only it reached are dropped at once (no 30 s ghost), while those another live path
 * still reaches stay (y-websocket drops every remote state when the relay goes: they are
 * put back from what the direct links last delivered).
 */
export class DocAwareness {
  readonly awareness: Awareness;
  /** What each live path last delivered, per client. */
  private readonly paths = new Map<AwarenessPath, Map<number, AwarenessEntry>>();

  static of(doc: CrdtDocument): DocAwareness {
    let known = byDocument.get(doc);
    if (!known) {
      known = new DocAwareness(new Awareness(yDocOf(doc)));
      byDocument.set(doc, known);
    }
    return known;
  }

  constructor(awareness: Awareness) {
    this.awareness = awareness;
    awareness.on('update', this.onUpdate);
    // The page goes away (tab closed, app switched off): say so on every path while they
    // are still open, rather than leave a ghost until the peers' 30 s timeout.
    if (typeof window !== 'undefined') {
      window.addEventListener('pagehide', this.onPageHide);
      window.addEventListener('pageshow', this.onPageShow);
      awareness.on('destroy', () => {
        window.removeEventListener('pagehide', this.onPageHide);
        window.removeEventListener('pageshow', this.onPageShow);
      });
    }
  }

  private hiddenState: Record<string, unknown> | null = null;

  private readonly onPageHide = () => {
    this.hiddenState = this.awareness.getLocalState();
    this.leave();
  };

  /** Back from the back-forward cache: here again. */
  private readonly onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted && this.hiddenState) this.awareness.setLocalState(this.hiddenState);
    this.hiddenState = null;
  };

  /** Who is here now, from this awareness (throttled); destroy it when done. */
  presence(throttleMs?: number): Presence {
    return new Presence(this.awareness, throttleMs);
  }

  /** This device's clientID in the awareness. */
  get self(): number {
    return this.awareness.clientID;
  }

  /** This device's own state, encoded, for a path that just opened (or its removal). */
  ownUpdate(): Uint8Array {
    return encodeAwarenessUpdate(this.awareness, [this.self]);
  }

  /** Calls `send` with each change of this device's own state (never the others'). */
  onOwnChange(send: (update: Uint8Array) => void): () => void {
    const listener = (changes: AwarenessChanges) => {
      const self = this.self;
      if (
        changes.added.includes(self) ||
        changes.updated.includes(self) ||
        changes.removed.includes(self)
      ) {
        send(this.ownUpdate());
      }
    };
    this.awareness.on('update', listener);
    return () => this.awareness.off('update', listener);
  }

  /** An awareness update received on `path`: applied, and remembered as reached that way. */
  receive(path: AwarenessPath, update: Uint8Array): boolean {
    const entries = decodeAwarenessEntries(update);
    if (!entries) return false;
    let held = this.paths.get(path);
    if (!held) {
      held = new Map();
      this.paths.set(path, held);
    }
    for (const entry of entries) {
      if (entry.clientId === this.self) continue;
      if (entry.stateJson === AWARENESS_REMOVED) {
        // The client said it left: no path reaches it any more.
        for (const other of this.paths.values()) other.delete(entry.clientId);
      } else {
        held.set(entry.clientId, entry);
      }
    }
    applyAwarenessUpdate(this.awareness, update, path);
    return true;
  }

  /** Clients reached through `path` now (for counting devices reached directly). */
  clientsOf(path: AwarenessPath): number[] {
    return [...(this.paths.get(path)?.keys() ?? [])];
  }

  /**
   * `path` closed: drops the clients no other live path reaches, and puts back those
   * another path still reaches (y-websocket removed every remote state on its close).
   */
  pathClosed(path: AwarenessPath): void {
    const closed = this.paths.get(path);
    this.paths.delete(path);
    const gone: number[] = [];
    for (const clientId of closed?.keys() ?? []) {
      if (!this.reachable(clientId) && this.awareness.states.has(clientId)) gone.push(clientId);
    }
    if (gone.length > 0) removeAwarenessStates(this.awareness, gone, path);
    this.restoreMissing();
  }

  /** Tells every path that this device left (its state becomes null, with a new clock). */
  leave(): void {
    this.awareness.setLocalState(null);
  }

  /** This device's removal (null state, current clock): what a path sends as it closes. */
  ownRemoval(): Uint8Array {
    return encodeAwarenessUpdate(this.awareness, [this.self], new Map());
  }

  /**
   * Announces this device again with a new clock (after a path dropped it with a removal
   * of the same clock, peers would ignore the same clock again until the next renewal).
   */
  renew(): void {
    const current = this.awareness.getLocalState();
    if (current) this.awareness.setLocalState({ ...current });
  }

  private reachable(clientId: number): boolean {
    for (const held of this.paths.values()) if (held.has(clientId)) return true;
    return false;
  }

  private restoreMissing(): void {
    for (const [path, held] of this.paths) {
      const missing = [...held.values()].filter(
        (entry) =>
          !this.awareness.states.has(entry.clientId) &&
          entry.clock >= (this.awareness.meta.get(entry.clientId)?.clock ?? 0),
      );
      if (missing.length === 0) continue;
      for (const entry of missing) this.awareness.meta.delete(entry.clientId);
      applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(missing), path);
    }
  }

  /** States that timed out (no renewal for 30 s) are reached by no path any more. */
  private readonly onUpdate = (changes: AwarenessChanges, origin: unknown) => {
    if (origin !== 'timeout') return;
    for (const held of this.paths.values()) for (const id of changes.removed) held.delete(id);
  };
}

interface AwarenessChanges {
  readonly added: number[];
  readonly updated: number[];
  readonly removed: number[];
}
