import {
  type CommunityId,
  type CommunitySnapshot,
  type CrdtDocument,
  communityAccess,
  type DocumentAccess,
  readCommunity,
} from '@ensemble/shared';
import type { CommunityAccess } from '../storage/AccessStore';
import type { RelayRefusal } from '../sync/RelayConnection';
import type { SyncState } from '../sync/syncStatus';
import { type ReadableStore, ValueStore } from '../util/ValueStore';
import type { CommunityDigest } from './communityDigest';

/** What a screen shows for a community. */
export type CommunityView =
  /** Reading the document from this device. */
  | { readonly status: 'opening' }
  /** Not on this device yet: waiting for the relay to send it. */
  | { readonly status: 'waiting' }
  | {
      readonly status: 'ready';
      readonly snapshot: CommunitySnapshot;
      readonly access: DocumentAccess;
      /** For reading through the domain API (items, threads, members…); changes go through the repository. */
      readonly document: CrdtDocument;
    };

export interface SessionHooks {
  /** Called once the document is loaded; returns the sync status to show and a cleanup. */
  readonly onOpen: (
    session: CommunitySession,
    doc: CrdtDocument,
  ) => {
    readonly status: ReadableStore<SyncState>;
    readonly refusal: ReadableStore<RelayRefusal | undefined>;
    readonly close: () => void;
  };
  readonly onRemoteChange: (session: CommunitySession, snapshot: CommunitySnapshot) => void;
  readonly onProfile: (session: CommunitySession, snapshot: CommunitySnapshot) => void;
  /** After every burst of changes (local or remote) once the document is read. */
  readonly onSnapshot?: (session: CommunitySession, snapshot: CommunitySnapshot) => void;
}

/**
 * One open community document: its view for the UI (recomputed lazily, once per change),
 * its sync status, and a reference count so that screens share it.
 */
export class CommunitySession {
  private doc: CrdtDocument | undefined;
  private changeCount = 0;
  private viewAt = -1;
  private view: CommunityView = { status: 'opening' };
  private remoteSinceEffects = false;
  private effectsScheduled = false;
  private changedSinceEmit = false;
  private lastProfileKey = '';
  private readonly listeners = new Set<() => void>();
  private readonly sync: ValueStore<SyncState>;
  private readonly refused = new ValueStore<RelayRefusal | undefined>(undefined);
  private readonly accessStore = new ValueStore<CommunityAccess | undefined>(undefined);
  private readonly digestStore = new ValueStore<CommunityDigest | undefined>(undefined);
  private readonly cleanups: (() => void)[] = [];
  private closed = false;

  constructor(
    readonly id: CommunityId,
    initialSync: SyncState,
    private readonly hooks: SessionHooks,
  ) {
    this.sync = new ValueStore(initialSync);
  }

  /** Plugs the loaded document in (with this device's access to it): the view follows it. */
  open(doc: CrdtDocument, access: CommunityAccess | undefined): void {
    if (this.closed) {
      doc.destroy();
      return;
    }
    this.doc = doc;
    this.accessStore.set(access);
    // The document replaces the digest from now on.
    this.digestStore.set(undefined);
    this.cleanups.push(
      doc.onChange((event) => {
        if (!event.local) this.remoteSinceEffects = true;
        this.changedSinceEmit = true;
        // Read the document once the change (and every other change listener, such as the
        // domain's own derived-data cache) is done, and coalesce bursts into one render.
        queueMicrotask(() => {
          if (!this.changedSinceEmit || this.closed) return;
          this.changedSinceEmit = false;
          this.changeCount += 1;
          this.emit();
        });
      }),
    );
    const { status, refusal, close } = this.hooks.onOpen(this, doc);
    this.sync.set(status.get());
    this.refused.set(refusal.get());
    this.cleanups.push(status.subscribe(() => this.sync.set(status.get())));
    this.cleanups.push(refusal.subscribe(() => this.refused.set(refusal.get())));
    this.cleanups.push(close);
    this.changeCount += 1;
    this.emit();
  }

  /**
   * Shows this community's stored digest while its document is read (only before the
   * document is plugged in, and only a digest of this community). Returns whether it is shown.
   */
  showDigest(digest: CommunityDigest): boolean {
    if (this.closed || this.doc || digest.communityId !== this.id) return false;
    this.digestStore.set(digest);
    return true;
  }

  /** The digest shown until the document is loaded (the events tab paints from it). */
  get digest(): ReadableStore<CommunityDigest | undefined> {
    return this.digestStore;
  }

  /** The loaded document, for changes made through the domain API. */
  get document(): CrdtDocument | undefined {
    return this.doc;
  }

  /** This device's capability for the community (what the invite link carries), if any. */
  get access(): ReadableStore<CommunityAccess | undefined> {
    return this.accessStore;
  }

  get syncStatus(): ReadableStore<SyncState> {
    return this.sync;
  }

  /** Set when the relay closed for good (this client too old, forbidden…). */
  get relayRefusal(): ReadableStore<RelayRefusal | undefined> {
    return this.refused;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getView = (): CommunityView => {
    if (!this.doc || this.viewAt === this.changeCount) return this.view;
    this.viewAt = this.changeCount;
    const snapshot = readCommunity(this.doc);
    this.view = snapshot
      ? { status: 'ready', snapshot, access: communityAccess(this.doc), document: this.doc }
      : { status: 'waiting' };
    return this.view;
  };

  /** After a burst of changes: keep the home index and the clock up to date (outside render). */
  private runEffects(): void {
    this.effectsScheduled = false;
    if (this.closed) return;
    const view = this.getView();
    if (view.status !== 'ready') return;
    const { snapshot } = view;
    this.hooks.onSnapshot?.(this, snapshot);
    if (this.remoteSinceEffects) {
      this.remoteSinceEffects = false;
      this.hooks.onRemoteChange(this, snapshot);
    }
    const profileKey = `${snapshot.profile.name}\u0000${snapshot.profile.city}`;
    if (profileKey !== this.lastProfileKey && snapshot.profile.name) {
      this.lastProfileKey = profileKey;
      this.hooks.onProfile(this, snapshot);
    }
  }

  close(): void {
    this.closed = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.doc?.destroy();
    this.doc = undefined;
    this.listeners.clear();
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
    if (!this.effectsScheduled) {
      this.effectsScheduled = true;
      setTimeout(() => this.runEffects(), 0);
    }
  }
}
