import 'fake-indexeddb/auto';
import {
  type CommunityId,
  type CrdtDocument,
  documentEpoch,
  listProjects,
  projectDocId,
  yjsEngine,
} from '@ensemble/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { ephemeralDeviceIdentity } from '../../identity/DeviceIdentity';
import { AccessStore, type CommunityAccess } from '../../storage/AccessStore';
import { CommunityIndex } from '../../storage/CommunityIndex';
import { DocumentStore } from '../../storage/DocumentStore';
import { type EnsembleDatabase, openEnsembleDatabase } from '../../storage/EnsembleDatabase';
import { NetworkStatus } from '../../sync/NetworkStatus';
import type { SyncState } from '../../sync/syncStatus';
import { ValueStore } from '../../util/ValueStore';
import { CommunityRepository } from '../CommunityRepository';
import { ProjectRepository } from './ProjectRepository';

let db: EnsembleDatabase | undefined;

afterEach(async () => {
  await db?.delete();
  db = undefined;
});

interface Connected {
  readonly doc: CrdtDocument;
  readonly grant: CommunityAccess | undefined;
  readonly epoch: () => string | undefined;
  destroyed: boolean;
}

function setup() {
  db = openEnsembleDatabase(`projects-${Math.random()}`);
  const identity = ephemeralDeviceIdentity();
  const store = new DocumentStore(db, yjsEngine);
  const access = new AccessStore(db);
  const network = new NetworkStatus();
  const errors: unknown[] = [];
  const fakeConnection = () => ({
    status: new ValueStore<SyncState>('synced'),
    refusal: new ValueStore(undefined),
    destroy: () => undefined,
  });
  const communities = new CommunityRepository({
    engine: yjsEngine,
    store,
    index: new CommunityIndex(db),
    identity,
    network,
    access,
    connect: fakeConnection,
    onBackgroundError: (error) => errors.push(error),
    lingerMs: 10,
  });
  const connections: Connected[] = [];
  const projects = new ProjectRepository({
    engine: yjsEngine,
    store,
    identity,
    network,
    access,
    communities,
    connect: (doc, grant, epoch) => {
      const connected: Connected = { doc, grant, epoch, destroyed: false };
      connections.push(connected);
      return {
        ...fakeConnection(),
        destroy: () => {
          connected.destroyed = true;
        },
      };
    },
    onBackgroundError: (error) => errors.push(error),
    lingerMs: 10,
  });
  return { communities, projects, connections, errors, access, store };
}

async function community(communities: CommunityRepository): Promise<CommunityId> {
  const created = await communities.createCommunity({
    name: 'La fabrique',
    description: '',
    city: '',
  });
  if (!created.ok) throw new Error('community not created');
  return created.value;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ProjectRepository', () => {
  it('[PRJ1] creates the project document and lists it in the community index', async () => {
    const { communities, projects, connections, access, errors } = setup();
    const communityId = await community(communities);
    const releaseCommunity = communities.retain(communityId);
    const created = await projects.createProject(communityId, {
      title: 'Cabane',
      summary: 'On construit',
    });
    if (!created.ok) throw new Error('project not created');
    const doc = communities.session(communityId).document;
    expect(doc && listProjects(doc).map((p) => p.title)).toEqual(['Cabane']);

    const view = projects.session(communityId, created.value).getView();
    expect(view.status === 'ready' && view.snapshot.title).toBe('Cabane');
    // Its relay room opens with the community's capability and the project's own epoch.
    const connection = connections.find((c) => c.doc.id === projectDocId(created.value));
    expect(connection?.grant).toEqual(await access.get(communityId));
    expect(connection?.epoch()).toBe(documentEpoch(connection?.doc as CrdtDocument));
    expect(connection?.epoch()).not.toBe(documentEpoch(doc as CrdtDocument));
    releaseCommunity();
    expect(errors).toEqual([]);
  });

  it('refuses a project without a title and keeps nothing', async () => {
    const { communities, projects } = setup();
    const communityId = await community(communities);
    const release = communities.retain(communityId);
    const created = await projects.createProject(communityId, { title: ' ', summary: '' });
    expect(created).toMatchObject({ ok: false, error: { reason: 'required', field: 'title' } });
    const doc = communities.session(communityId).document;
    expect(doc && listProjects(doc)).toEqual([]);
    release();
  });

  it('applies task changes to the open project, and reopens it from the device later', async () => {
    const { communities, projects, connections } = setup();
    const communityId = await community(communities);
    const releaseCommunity = communities.retain(communityId);
    const created = await projects.createProject(communityId, { title: 'Fresque', summary: '' });
    if (!created.ok) throw new Error('project not created');
    const id = created.value;
    const release = projects.retain(communityId, id);
    const session = projects.session(communityId, id);
    let renders = 0;
    session.subscribe(() => {
      renders += 1;
    });
    expect(projects.change(id, { type: 'addTask', title: 'Acheter la peinture' }).ok).toBe(true);
    expect(projects.change(id, { type: 'addTask', title: '' })).toMatchObject({ ok: false });
    await wait(0);
    expect(renders).toBe(1);
    const view = session.getView();
    expect(view.status === 'ready' && view.snapshot.columns.todo.map((t) => t.title)).toEqual([
      'Acheter la peinture',
    ]);
    expect(view.status === 'ready' && view.snapshot.activity[0]?.by).toBe(
      projects.selfIn(communityId),
    );

    // Let go: after the linger the document closes (and its connection with it).
    release();
    await projects.whenSaved(id);
    await wait(30);
    expect(connections.find((c) => (c.doc.id as string) === id)?.destroyed).toBe(true);
    const releaseAgain = projects.retain(communityId, id);
    const reopened = projects.session(communityId, id);
    expect(reopened).not.toBe(session);
    await expect
      .poll(() => {
        const again = reopened.getView();
        return again.status === 'ready' ? again.snapshot.columns.todo.map((t) => t.title) : [];
      })
      .toEqual(['Acheter la peinture']);
    releaseAgain();
    releaseCommunity();
  });

  it('shares one session between screens and keeps it while one still shows it', async () => {
    const { communities, projects } = setup();
    const communityId = await community(communities);
    const releaseCommunity = communities.retain(communityId);
    const created = await projects.createProject(communityId, { title: 'Jardin', summary: '' });
    if (!created.ok) throw new Error('project not created');
    const first = projects.retain(communityId, created.value);
    const second = projects.retain(communityId, created.value);
    const session = projects.session(communityId, created.value);
    first();
    await wait(30);
    expect(projects.session(communityId, created.value)).toBe(session);
    expect(session.document).toBeDefined();
    second();
    releaseCommunity();
  });
});
