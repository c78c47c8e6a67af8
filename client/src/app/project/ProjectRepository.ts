import {
  applyProjectChange,
  type CommunityId,
  type CrdtDocument,
  type DocumentEngine,
  type DomainError,
  DomainErrorReason,
  documentEpoch,
  err,
  type MemberId,
  newProjectId,
  ok,
  type ProjectChange,
  type ProjectId,
  type ProjectOutcome,
  projectDocId,
  type Result,
} from '@ensemble/shared';
import type { DeviceIdentity } from '../../identity/DeviceIdentity';
import type { AccessStore, CommunityAccess } from '../../storage/AccessStore';
import type { DocumentStore } from '../../storage/DocumentStore';
import { DocAwareness } from '../../sync/DocAwareness';
import type { NetworkStatus } from '../../sync/NetworkStatus';
import type { CommunityRepository, DocumentConnection } from '../CommunityRepository';
import { type OpenedConnection, ProjectSession } from './ProjectSession';

export interface ProjectRepositoryDeps {
  readonly engine: DocumentEngine;
  readonly store: DocumentStore;
  readonly identity: DeviceIdentity;
  readonly network: NetworkStatus;
  /** The community's capabilities: a project's room opens with its community's capability. */
  readonly access: AccessStore;
  /** Where the project index lives, and who this device acts as. */
  readonly communities: CommunityRepository;
  /** Connects a document to its peers; `epoch` is read at each (re)connection. */
  readonly connect: (
    doc: CrdtDocument,
    access: CommunityAccess | undefined,
    epoch: () => string | undefined,
  ) => DocumentConnection;
  readonly onBackgroundError: (error: unknown) => void;
  /** How long a project stays open after its last screen leaves it. */
  readonly lingerMs?: number;
  /** How often the list of people here may change on screen. */
  readonly presenceThrottleMs?: number;
}

export interface NewProject {
  readonly title: string;
  readonly summary: string;
}

/**
 * The UI's way to project documents (one per project, apart from the community's so its
 * notes can grow): opens them from the device, then syncs them through the relay room of
 * the same id with the community's capability; shares them between screens; applies
 * changes through the domain API, stamped with this device's clock and actor.
 */
export class ProjectRepository {
  private readonly sessions = new Map<ProjectId, ProjectSession>();
  private readonly refs = new Map<ProjectId, number>();
  private readonly lingerTimers = new Map<ProjectId, ReturnType<typeof setTimeout>>();
  private readonly names = new Map<string, string>();

  constructor(private readonly deps: ProjectRepositoryDeps) {}

  /** The session of a project, opening it if needed (it closes itself unless retained). */
  session(communityId: CommunityId, id: ProjectId): ProjectSession {
    let session = this.sessions.get(id);
    if (!session) {
      const opened = this.newSession(communityId, id);
      session = opened;
      const access = this.deps.access.get(communityId).catch((error: unknown) => {
        this.deps.onBackgroundError(error);
        return undefined;
      });
      this.deps.store.load(projectDocId(id)).then(
        async (doc) => this.plugIn(opened, doc, await access),
        async (error: unknown) => {
          this.deps.onBackgroundError(error);
          this.plugIn(opened, this.deps.engine.create(projectDocId(id)), await access);
        },
      );
      this.scheduleClose(id);
    }
    return session;
  }

  /** Keeps a project open while a screen shows it; call the returned function to let go. */
  retain(communityId: CommunityId, id: ProjectId): () => void {
    this.session(communityId, id);
    this.refs.set(id, (this.refs.get(id) ?? 0) + 1);
    this.cancelClose(id);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.refs.get(id) ?? 1) - 1;
      this.refs.set(id, left);
      if (left <= 0) this.scheduleClose(id);
    };
  }

  /**
   * [PRJ1] Creates the project's own document, then lists it in the community's index.
   * The community must be open (its page is). Nothing is kept when either refuses.
   */
  async createProject(
    communityId: CommunityId,
    input: NewProject,
  ): Promise<Result<ProjectId, DomainError>> {
    const id = newProjectId();
    const doc = this.deps.engine.create(projectDocId(id));
    const created = applyProjectChange(
      doc,
      { type: 'createProject', communityId, title: input.title, summary: input.summary },
      this.context(communityId),
    );
    if (!created.ok) {
      doc.destroy();
      return created;
    }
    const listed = this.deps.communities.change(communityId, {
      type: 'registerProject',
      projectId: id,
      title: input.title,
      summary: input.summary,
    });
    if (!listed.ok) {
      doc.destroy();
      return listed;
    }
    this.background(this.deps.identity.saveClock());
    // Written before it is shared; a failure is reported and retried with the next write.
    await this.deps.store.append(doc.id, doc.encodeState()).catch(() => undefined);
    const session = this.newSession(communityId, id);
    const access = await this.deps.access.get(communityId).catch((error: unknown) => {
      this.deps.onBackgroundError(error);
      return undefined;
    });
    this.plugIn(session, doc, access);
    this.scheduleClose(id);
    return ok(id);
  }

  /** Applies one named change (task added, moved, edited, archived…) to an open project. */
  change(id: ProjectId, change: ProjectChange): Result<ProjectOutcome, DomainError> {
    const session = this.sessions.get(id);
    const doc = session?.document;
    if (!session || !doc) return err({ reason: DomainErrorReason.notInitialised });
    const result = applyProjectChange(doc, change, this.context(session.communityId));
    if (result.ok) this.background(this.deps.identity.saveClock());
    return result;
  }

  /**
   * Names of the people seen on projects (from presence) during this visit: an open
   * community keeps no member names, and an assignee should not be a bare id.
   */
  get knownNames(): ReadonlyMap<string, string> {
    return this.names;
  }

  rememberName(id: string, name: string): void {
    if (name) this.names.set(id, name);
  }

  /** Who this device acts as: the same as in the project's community. */
  selfIn(communityId: CommunityId): MemberId {
    return this.deps.communities.selfIn(communityId);
  }

  /** Resolves once what was changed in this project is written on the device. */
  async whenSaved(id: ProjectId): Promise<void> {
    await this.deps.store.whenIdle(projectDocId(id));
  }

  private context(communityId: CommunityId) {
    return { clock: this.deps.identity.clock, actor: this.selfIn(communityId) };
  }

  private newSession(communityId: CommunityId, id: ProjectId): ProjectSession {
    const session = new ProjectSession(
      communityId,
      id,
      this.deps.network.get() ? 'connecting' : 'offline',
    );
    this.sessions.set(id, session);
    return session;
  }

  private plugIn(
    session: ProjectSession,
    doc: CrdtDocument,
    access: CommunityAccess | undefined,
  ): void {
    if (this.sessions.get(session.id) !== session) {
      doc.destroy();
      return;
    }
    session.open(doc, (opened) => this.connectDocument(opened, access));
  }

  private connectDocument(
    doc: CrdtDocument,
    access: CommunityAccess | undefined,
  ): OpenedConnection {
    const stopStoring = this.deps.store.attach(doc);
    // The project document's own creation id: a relay holding another document under this
    // room id refuses instead of merging the two.
    const connection = this.deps.connect(doc, access, () => documentEpoch(doc));
    // Who is here: the document's awareness, shared by the relay and the direct links.
    const presence = DocAwareness.of(doc).presence(this.deps.presenceThrottleMs);
    return {
      status: connection.status,
      refusal: connection.refusal,
      presence,
      peers: connection.peers,
      close: () => {
        presence.destroy();
        connection.destroy();
        stopStoring();
      },
    };
  }

  private scheduleClose(id: ProjectId): void {
    this.cancelClose(id);
    this.lingerTimers.set(
      id,
      setTimeout(() => {
        this.lingerTimers.delete(id);
        if ((this.refs.get(id) ?? 0) > 0) return;
        this.sessions.get(id)?.close();
        this.sessions.delete(id);
        this.refs.delete(id);
      }, this.deps.lingerMs ?? 30_000),
    );
  }

  private cancelClose(id: ProjectId): void {
    const timer = this.lingerTimers.get(id);
    if (timer !== undefined) clearTimeout(timer);
    this.lingerTimers.delete(id);
  }

  private background(task: Promise<unknown>): void {
    task.catch(this.deps.onBackgroundError);
  }
}
