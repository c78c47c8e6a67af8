import {
  type AddEvent,
  type BundleError,
  type Capability,
  type ChangeContext,
  type ChangeOutcome,
  type CommunityChange,
  type CommunityId,
  type CommunitySnapshot,
  type CrdtDocument,
  type CreateCommunity,
  communityDocId,
  type DocumentEngine,
  type DomainError,
  DomainErrorReason,
  type EventId,
  err,
  hasMembership,
  type ImportSummary,
  type MemberId,
  newCapability,
  newCommunityId,
  ok,
  type Result,
  readCommunity,
} from '@ensemble/shared';
import type { BlobCache } from '../blobs/BlobCache';
import type { DeviceIdentity } from '../identity/DeviceIdentity';
import type { AccessStore, CommunityAccess, InviteSecret } from '../storage/AccessStore';
import type { CommunityIndex } from '../storage/CommunityIndex';
import type { DocumentStore } from '../storage/DocumentStore';
import type { NetworkStatus } from '../sync/NetworkStatus';
import type { RelayRefusal } from '../sync/RelayConnection';
import type { SyncProgress, SyncState } from '../sync/syncStatus';
import type { PairingPort } from '../sync/webrtc/pairingPort';
import { type ReadableStore, ValueStore } from '../util/ValueStore';
import { afterPaint } from './afterPaint';
import type { ExportedBundle } from './BundleTransfer';
import type { CommunityDigests } from './CommunityDigests';
import { CommunitySession } from './CommunitySession';
import { changeCode, loadChangeCode } from './changeCode';

/** A connection to peers for one open document: the relay, and devices reached directly. */
export interface DocumentConnection {
  /** The relay's state (the badge's `data-state`). */
  readonly status: ReadableStore<SyncState>;
  readonly refusal: ReadableStore<RelayRefusal | undefined>;
  /** Changes waiting to be sent and when the relay last had everything, when there is a relay. */
  readonly progress?: ReadableStore<SyncProgress>;
  /** Devices syncing with this one directly (WebRTC), when the connection has that path. */
  readonly peers?: ReadableStore<number>;
  /** Starts a relay-less pairing with a nearby device (loads the WebRTC code). */
  readonly pair?: () => Promise<PairingPort>;
  destroy(): void;
}

/** The paths a community syncs through besides the relay (shown with the sync state). */
export interface DirectSyncState {
  /** Devices syncing with this one directly now. */
  readonly peers: number;
  /** When a file was last imported into this community on this device (kept on it). */
  readonly lastImportAt?: number;
}

export interface RepositoryDeps {
  readonly engine: DocumentEngine;
  readonly store: DocumentStore;
  readonly index: CommunityIndex;
  readonly identity: DeviceIdentity;
  readonly network: NetworkStatus;
  /** The capabilities this device holds (the secret part of invite links). */
  readonly access: AccessStore;
  /**
   * Connects a document to its peers with this device's access to it (none: no relay access).
   * `background`: opened for a moment by the home's refresh: the relay only, no direct paths.
   */
  readonly connect: (
    doc: CrdtDocument,
    access: CommunityAccess | undefined,
    options: { readonly background: boolean },
  ) => DocumentConnection;
  /** Called after a community is created on this device (to ask for persistent storage). */
  readonly onCommunityCreated?: () => void;
  /** Reports a background failure (index write, clock save) without throwing. */
  readonly onBackgroundError: (error: unknown) => void;
  /** Each community's digest, painted while its document loads (none: no digest). */
  readonly digests?: CommunityDigests;
  /** How long a document stays open after its last screen leaves it. */
  readonly lingerMs?: number;
}

/** The bundle code, loaded on demand (one dynamic import for every bundle operation). */
const bundleTransfer = () => import('./BundleTransfer');

export type NewCommunity = Omit<CreateCommunity, 'type' | 'founder'> & {
  /** The founder's name: with a device key pair, the creator becomes its first member. */
  readonly founderName?: string;
};
export type NewEvent = Omit<AddEvent, 'type' | 'id'>;

/**
 * The UI's way to communities: opens documents (from the device, then the relay),
 * shares them between screens, and applies changes through the domain API.
 * The UI never sees the CRDT engine.
 */
export class CommunityRepository {
  private readonly sessions = new Map<CommunityId, CommunitySession>();
  private readonly lingerTimers = new Map<CommunityId, ReturnType<typeof setTimeout>>();
  private readonly refs = new Map<CommunityId, number>();
  private readonly direct = new Map<CommunityId, ValueStore<DirectSyncState>>();
  private readonly connections = new Map<CommunityId, DocumentConnection>();
  private readonly progress = new Map<CommunityId, ValueStore<SyncProgress>>();
  private readonly viewersStore = new ValueStore<ReadonlyMap<CommunityId, number>>(new Map());
  /** Sessions opened by a background visit (no direct paths). */
  private readonly quiet = new WeakSet<CommunitySession>();

  constructor(private readonly deps: RepositoryDeps) {}

  /** The session of a community, opening it if needed (it closes itself if nobody retains it). */
  session(id: CommunityId): CommunitySession {
    let session = this.sessions.get(id);
    if (!session) {
      session = this.newSession(id);
      const opened = session;
      const access = this.deps.access.get(id).catch((error: unknown) => {
        this.deps.onBackgroundError(error);
        return undefined;
      });
      this.openFromDevice(opened, access).catch(this.deps.onBackgroundError);
      this.scheduleClose(id);
    }
    return session;
  }

  /**
   * Keeps a community open while a screen shows it; call the returned function to let go.
   * `background`: opened for a moment without being shown (the home's background refresh):
   * it does not move up the home list nor count as seen, it syncs through the relay only,
   * and released it closes at once, unless a screen holds it or it was already open.
   */
  retain(id: CommunityId, background = false): () => void {
    const wasOpen = this.sessions.has(id);
    const session = this.session(id);
    if (background && !wasOpen) this.quiet.add(session);
    this.refs.set(id, (this.refs.get(id) ?? 0) + 1);
    this.cancelClose(id);
    if (!background) {
      this.background(this.deps.index.touch(id));
      this.countViewer(id, 1);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.refs.get(id) ?? 1) - 1;
      this.refs.set(id, left);
      if (!background) this.countViewer(id, -1);
      if (left > 0) return;
      if (background && !wasOpen && this.sessions.get(id) === session) this.closeNow(id);
      else this.scheduleClose(id);
    };
  }

  /**
   * How many screens show each community now (what arrives in a community while one
   * does counts as seen); a community no screen shows may be missing or at 0.
   */
  get viewers(): ReadableStore<ReadonlyMap<CommunityId, number>> {
    return this.viewersStore;
  }

  /**
   * Keeps the capability of an invite link on this device, so that the community can be
   * opened and synced. Resolves once it is stored.
   */
  async acceptInvite(
    id: CommunityId,
    capability: Capability,
    invite?: InviteSecret,
  ): Promise<void> {
    await this.deps.access.save(id, {
      capability,
      readOnly: false,
      ...(invite ? { joinInvite: invite } : {}),
    });
    const session = this.sessions.get(id);
    // A session opened before the link was followed had no access: open it again with it.
    if (session && !session.access.get()) {
      session.close();
      this.sessions.delete(id);
    }
  }

  async createCommunity(input: NewCommunity): Promise<Result<CommunityId, DomainError>> {
    const id = newCommunityId();
    // The room's secret: whoever holds it (through the invite link) can sync this community.
    const access: CommunityAccess = { capability: newCapability(), readOnly: false };
    const applyCommunityChange = await loadChangeCode();
    const doc = this.deps.engine.create(communityDocId(id));
    const { founderName, ...profile } = input;
    const keys = this.deps.identity.keys;
    const founder =
      keys && founderName?.trim()
        ? { id: keys.memberId, publicKey: keys.publicKey, displayName: founderName }
        : undefined;
    const change: CreateCommunity = {
      type: 'createCommunity',
      ...profile,
      ...(founder ? { founder } : {}),
    };
    const result = applyCommunityChange(doc, change, this.context(doc));
    if (!result.ok) {
      doc.destroy();
      return result;
    }
    this.background(this.deps.identity.saveClock());
    // Written before anything else happens to it; a failure is reported and retried later.
    await this.deps.store.append(doc.id, doc.encodeState()).catch(() => undefined);
    await this.deps.access.save(id, access).catch(this.deps.onBackgroundError);
    await this.deps.index
      .saveProfile(id, { name: profile.name.trim(), city: profile.city.trim() })
      .catch(this.deps.onBackgroundError);
    const session = this.newSession(id);
    this.plugIn(session, doc, access);
    this.scheduleClose(id);
    this.deps.onCommunityCreated?.();
    return ok(id);
  }

  /** Needs the change code: `await loadChangeCode()` first (screens that write do). */
  addEvent(id: CommunityId, input: NewEvent): Result<EventId, DomainError> {
    const doc = this.sessions.get(id)?.document;
    if (!doc) return err({ reason: DomainErrorReason.notInitialised });
    const result = changeCode()(doc, { type: 'addEvent', ...input }, this.context(doc));
    if (!result.ok) return result;
    this.background(this.deps.identity.saveClock());
    if (result.value.type !== 'event') throw new Error('unexpected change outcome');
    return ok(result.value.eventId);
  }

  /**
   * Applies one named change (RSVP, check-in, comment, event edit…) to an open community,
   * as this device. Nothing is written when the domain refuses it. Needs the change code:
   * `await loadChangeCode()` first (screens that write do).
   */
  change(id: CommunityId, change: CommunityChange): Result<ChangeOutcome, DomainError> {
    const doc = this.sessions.get(id)?.document;
    if (!doc) return err({ reason: DomainErrorReason.notInitialised });
    const result = changeCode()(doc, change, this.context(doc));
    if (result.ok) this.background(this.deps.identity.saveClock());
    return result;
  }

  /**
   * Who this device is in a community: its member id (from its public key) once the
   * community has members; in an open community (MEM5) its device id acts.
   */
  selfIn(id: CommunityId): MemberId {
    const doc = this.sessions.get(id)?.document;
    const keys = this.deps.identity.keys;
    if (keys && doc && hasMembership(doc)) return keys.memberId;
    return this.deps.identity.deviceId as string as MemberId;
  }

  /** This device's key pair, if it has one (not in an insecure context). */
  get keys() {
    return this.deps.identity.keys;
  }

  /** [BND1] This community and its projects as one file; undefined until it is loaded. */
  exportBundle(
    id: CommunityId,
    appVersion: string,
    /** [BND10] On request, the attachments' blobs this device holds go in the file. */
    blobs?: BlobCache,
  ): Promise<ExportedBundle | undefined> {
    return this.withBundle(id, (code, doc) =>
      code.exportCommunityFile(this.deps, doc, appVersion, blobs),
    );
  }

  /** Runs bundle code on a loaded community (the code loads on demand: not in the first load). */
  private async withBundle<T>(
    id: CommunityId,
    run: (code: Awaited<ReturnType<typeof bundleTransfer>>, doc: CrdtDocument) => Promise<T>,
  ): Promise<T | undefined> {
    const doc = this.sessions.get(id)?.document;
    if (!doc || !readCommunity(doc)) return undefined;
    return run(await bundleTransfer(), doc);
  }

  /**
   * Merges a bundle file: into `expected` (from its page: a file for another community is
   * refused) or, from the home screen, into whichever community it holds, which then
   * shows on the home list. A file grants no relay access: such a community stays on
   * this device until an invite link is opened.
   */
  async importBundle(
    bytes: Uint8Array,
    expected?: CommunityId,
    /** [BND12] Where the file's photos and files are kept (none: they are not kept). */
    blobs?: BlobCache,
  ): Promise<Result<ImportSummary, BundleError>> {
    const { importCommunityFile } = await bundleTransfer();
    const releases: (() => void)[] = [];
    try {
      const result = await importCommunityFile(
        this.deps,
        bytes,
        expected,
        (id) => {
          releases.push(this.retain(id));
          return this.whenOpen(this.session(id));
        },
        blobs,
      );
      if (result.ok) {
        const { communityId } = result.value;
        const store = this.directStore(communityId);
        const at = Date.now();
        store.set({ ...store.get(), lastImportAt: at });
        this.background(this.deps.index.recordImport(communityId, at));
      }
      return result;
    } finally {
      for (const release of releases) release();
    }
  }

  /** Direct paths of a community: devices syncing with this one, last file import. */
  directSync(id: CommunityId): ReadableStore<DirectSyncState> {
    return this.directStore(id);
  }

  /** Changes not yet sent to the relay and when it last had everything (kept after the session closes). */
  syncProgress(id: CommunityId): ReadableStore<SyncProgress> {
    return this.progressStore(id);
  }

  private progressStore(id: CommunityId): ValueStore<SyncProgress> {
    let store = this.progress.get(id);
    if (!store) {
      store = new ValueStore<SyncProgress>({ pending: 0 });
      this.progress.set(id, store);
    }
    return store;
  }

  /**
   * Starts pairing an open community with a nearby device (QR codes, no relay); undefined
   * while the community is not open on this device.
   */
  async startPairing(id: CommunityId): Promise<PairingPort | undefined> {
    const session = this.session(id);
    await this.whenOpen(session);
    return this.connections.get(id)?.pair?.();
  }

  /** Resolves once what was changed in this community is written on the device. */
  async whenSaved(id: CommunityId): Promise<void> {
    await this.deps.store.whenIdle(communityDocId(id));
  }

  private whenOpen(session: CommunitySession): Promise<CrdtDocument> {
    const { document } = session;
    if (document) return Promise.resolve(document);
    return new Promise((resolve) => {
      const stop = session.subscribe(() => {
        if (!session.document) return;
        stop();
        resolve(session.document);
      });
    });
  }

  private countViewer(id: CommunityId, delta: number): void {
    const viewers = new Map(this.viewersStore.get());
    viewers.set(id, (viewers.get(id) ?? 0) + delta);
    this.viewersStore.set(viewers);
  }

  private directStore(id: CommunityId): ValueStore<DirectSyncState> {
    let store = this.direct.get(id);
    if (!store) {
      const created = new ValueStore<DirectSyncState>({ peers: 0 });
      this.direct.set(id, created);
      // The last import is kept on the device (it survives a reload).
      this.deps.index.lastImport(id).then((at) => {
        if (at && !created.get().lastImportAt) created.set({ ...created.get(), lastImportAt: at });
      }, this.deps.onBackgroundError);
      store = created;
    }
    return store;
  }

  /** The device's clock, and its member id as the actor once the community has members. */
  private context(doc: CrdtDocument): ChangeContext {
    const keys = this.deps.identity.keys;
    const actor = keys && hasMembership(doc) ? keys.memberId : undefined;
    return { clock: this.deps.identity.clock, ...(actor ? { actor } : {}) };
  }

  private newSession(id: CommunityId): CommunitySession {
    const session = new CommunitySession(id, this.deps.network.get() ? 'connecting' : 'offline', {
      onOpen: (session, doc) => {
        const stopStoring = this.deps.store.attach(doc);
        const connection = this.deps.connect(doc, session.access.get(), {
          background: this.quiet.has(session),
        });
        this.connections.set(id, connection);
        const direct = this.directStore(id);
        const stopCounting = connection.peers?.subscribe(() =>
          direct.set({ ...direct.get(), peers: connection.peers?.get() ?? 0 }),
        );
        const progress = this.progressStore(id);
        const followProgress = () => {
          if (connection.progress) progress.set(connection.progress.get());
        };
        followProgress();
        const stopProgress = connection.progress?.subscribe(followProgress);
        return {
          status: connection.status,
          refusal: connection.refusal,
          close: () => {
            stopCounting?.();
            stopProgress?.();
            direct.set({ ...direct.get(), peers: 0 });
            if (this.connections.get(id) === connection) this.connections.delete(id);
            connection.destroy();
            stopStoring();
          },
        };
      },
      onRemoteChange: (_session, snapshot) => this.observeClock(snapshot),
      onSnapshot: (session) =>
        this.deps.digests?.schedule(id, () => {
          const view = session.getView();
          return view.status === 'ready' ? view.snapshot : undefined;
        }),
      onProfile: (_session, snapshot) =>
        this.background(
          this.deps.index.saveProfile(id, {
            name: snapshot.profile.name,
            city: snapshot.profile.city,
          }),
        ),
    });
    this.sessions.set(id, session);
    return session;
  }

  /**
   * Reads a community from the device: its digest first (painted at once, see
   * CommunitySession.showDigest), while its stored updates are read; then, once that paint
   * is on screen, applies the updates (the long part for a large community) and plugs the
   * document in. An unreadable document opens empty (the relay or a peer can fill it).
   */
  private async openFromDevice(
    session: CommunitySession,
    access: Promise<CommunityAccess | undefined>,
  ): Promise<void> {
    const docId = communityDocId(session.id);
    const stored = this.deps.store.loadUpdates(docId).catch((error: unknown) => {
      this.deps.onBackgroundError(error);
      return [];
    });
    await this.paintDigest(session);
    const [updates, grant] = await Promise.all([stored, access]);
    if (this.sessions.get(session.id) !== session) return;
    let doc: CrdtDocument;
    try {
      doc = this.deps.engine.load(docId, updates);
    } catch (error) {
      this.deps.onBackgroundError(error);
      doc = this.deps.engine.create(docId);
    }
    this.plugIn(session, doc, grant);
  }

  /** Shows the stored digest of a session's community, if any, and waits until it is painted. */
  private async paintDigest(session: CommunitySession): Promise<void> {
    const digest = await this.deps.digests?.read(session.id);
    if (digest && session.showDigest(digest)) await afterPaint();
  }

  private plugIn(
    session: CommunitySession,
    doc: CrdtDocument,
    access: CommunityAccess | undefined,
  ): void {
    if (this.sessions.get(session.id) !== session) {
      doc.destroy();
      return;
    }
    session.open(doc, access);
  }

  /** Remote changes carry the clocks of other devices: never issue a stamp behind them. */
  private observeClock(snapshot: CommunitySnapshot): void {
    const { clock } = this.deps.identity;
    if (snapshot.createdAt) clock.observe(snapshot.createdAt);
    for (const event of snapshot.events) if (event.createdAt) clock.observe(event.createdAt);
  }

  private scheduleClose(id: CommunityId): void {
    this.cancelClose(id);
    this.lingerTimers.set(
      id,
      setTimeout(() => {
        this.lingerTimers.delete(id);
        if ((this.refs.get(id) ?? 0) > 0) return;
        this.closeNow(id);
      }, this.deps.lingerMs ?? 30_000),
    );
  }

  private closeNow(id: CommunityId): void {
    this.cancelClose(id);
    this.sessions.get(id)?.close();
    this.sessions.delete(id);
    this.refs.delete(id);
  }

  private cancelClose(id: CommunityId): void {
    const timer = this.lingerTimers.get(id);
    if (timer !== undefined) clearTimeout(timer);
    this.lingerTimers.delete(id);
  }

  private background(task: Promise<unknown>): void {
    task.catch(this.deps.onBackgroundError);
  }
}
