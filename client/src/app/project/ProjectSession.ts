import {
  type CommunityId,
  type CrdtDocument,
  type ProjectAccess,
  type ProjectId,
  type ProjectSnapshot,
  projectAccess,
  readProject,
} from '@ensemble/shared';
import type { AwarenessHandle, Peer, Presence, PresenceUser } from '../../sync/Presence';
import type { RelayRefusal } from '../../sync/RelayConnection';
import type { SyncState } from '../../sync/syncStatus';
import { type ReadableStore, ValueStore } from '../../util/ValueStore';

/** What a screen shows for a project. */
export type ProjectView =
  /** Reading the document from this device. */
  | { readonly status: 'opening' }
  /** Not on this device yet: waiting for a peer (the relay) to send it. */
  | { readonly status: 'waiting' }
  | {
      readonly status: 'ready';
      readonly snapshot: ProjectSnapshot;
      readonly access: ProjectAccess;
      /** For reading through the domain API (archived tasks); changes go through the repository. */
      readonly document: CrdtDocument;
    };

/** What the notes editor binds to: opaque for the UI, handed to client/src/crdt. */
export interface NotesBinding {
  readonly document: CrdtDocument;
  readonly awareness: AwarenessHandle | undefined;
}

export interface OpenedConnection {
  readonly status: ReadableStore<SyncState>;
  readonly refusal: ReadableStore<RelayRefusal | undefined>;
  readonly presence: Presence;
  /** Devices syncing this project directly (WebRTC), when the connection has that path. */
  readonly peers?: ReadableStore<number> | undefined;
  readonly close: () => void;
}

const none: readonly Peer[] = [];
// The same empty list each time: a store's snapshot must be stable.
const nobody: ReadableStore<readonly Peer[]> = {
  get: () => none,
  subscribe: () => () => undefined,
};

/** One open project document: its view (recomputed once per change), sync state and presence. */
export class ProjectSession {
  private doc: CrdtDocument | undefined;
  private connection: OpenedConnection | undefined;
  private changeCount = 0;
  private viewAt = -1;
  private view: ProjectView = { status: 'opening' };
  private changedSinceEmit = false;
  private closed = false;
  private readonly listeners = new Set<() => void>();
  private readonly sync: ValueStore<SyncState>;
  private readonly refused = new ValueStore<RelayRefusal | undefined>(undefined);
  private readonly peers = new ValueStore<ReadableStore<readonly Peer[]>>(nobody);
  private user: PresenceUser | undefined;
  private readonly direct = new ValueStore(0);
  private readonly cleanups: (() => void)[] = [];

  constructor(
    readonly communityId: CommunityId,
    readonly id: ProjectId,
    initialSync: SyncState,
  ) {
    this.sync = new ValueStore(initialSync);
  }

  /** Plugs the loaded document and its connection in: the view follows the document. */
  open(doc: CrdtDocument, connect: (doc: CrdtDocument) => OpenedConnection): void {
    if (this.closed) {
      doc.destroy();
      return;
    }
    this.doc = doc;
    this.cleanups.push(
      doc.onChange(() => {
        this.changedSinceEmit = true;
        // After every change listener (the domain's derived-data cache), once per burst.
        queueMicrotask(() => {
          if (!this.changedSinceEmit || this.closed) return;
          this.changedSinceEmit = false;
          this.changeCount += 1;
          this.emit();
        });
      }),
    );
    const connection = connect(doc);
    this.connection = connection;
    this.sync.set(connection.status.get());
    this.refused.set(connection.refusal.get());
    const { peers } = connection;
    if (peers) {
      this.direct.set(peers.get());
      this.cleanups.push(peers.subscribe(() => this.direct.set(peers.get())));
    }
    if (this.user) connection.presence.setUser(this.user);
    this.peers.set(connection.presence);
    this.cleanups.push(connection.status.subscribe(() => this.sync.set(connection.status.get())));
    this.cleanups.push(
      connection.refusal.subscribe(() => this.refused.set(connection.refusal.get())),
    );
    this.cleanups.push(connection.close);
    this.changeCount += 1;
    this.emit();
  }

  get document(): CrdtDocument | undefined {
    return this.doc;
  }

  get syncStatus(): ReadableStore<SyncState> {
    return this.sync;
  }

  get relayRefusal(): ReadableStore<RelayRefusal | undefined> {
    return this.refused;
  }

  /** Devices syncing this project with this one directly (no relay needed). */
  get directPeers(): ReadableStore<number> {
    return this.direct;
  }

  /** Who is here now (a store that changes once the document is open). */
  get presence(): ReadableStore<ReadableStore<readonly Peer[]>> {
    return this.peers;
  }

  /** Tells the others my name (kept until the session closes). */
  announce(user: PresenceUser): void {
    this.user = user;
    this.connection?.presence.setUser(user);
  }

  /** For the notes editor; undefined until the document is open. */
  get notes(): NotesBinding | undefined {
    if (!this.doc) return undefined;
    return { document: this.doc, awareness: this.connection?.presence.awareness };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getView = (): ProjectView => {
    if (!this.doc || this.viewAt === this.changeCount) return this.view;
    this.viewAt = this.changeCount;
    const snapshot = readProject(this.doc);
    this.view = snapshot
      ? { status: 'ready', snapshot, access: projectAccess(this.doc), document: this.doc }
      : { status: 'waiting' };
    return this.view;
  };

  close(): void {
    this.closed = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.connection = undefined;
    this.doc?.destroy();
    this.doc = undefined;
    this.listeners.clear();
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
