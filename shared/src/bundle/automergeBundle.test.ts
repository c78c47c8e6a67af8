import { describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../clock/HybridLogicalClock';
import { automergeEngine } from '../crdt/automerge/AutomergeDocument';
import type { CrdtDocument, DocumentEngine } from '../crdt/DocumentPort';
import { yjsEngine } from '../crdt/yjs/YjsDocument';
import { readCommunity } from '../domain/community/read';
import { communityWithFounder, makeActor, TEST_DOC } from '../domain/community/testkit';
import { applyProjectChange } from '../domain/project/changes';
import { readProject } from '../domain/project/read';
import type { CommunityId, DeviceId, DocId, MemberId } from '../ids';
import { encodeBundle } from './encodeBundle';
import { applyBundle, prepareBundle } from './importBundle';

const COMMUNITY = TEST_DOC as string as CommunityId;
const PROJECT = 'project-automerge-0001' as DocId;
const ada = makeActor('ada');
const engines: DocumentEngine[] = [yjsEngine, automergeEngine];

function automergeProject(): CrdtDocument {
  const doc = automergeEngine.create(PROJECT);
  const context = {
    clock: new HybridLogicalClock('device-ada' as DeviceId, () => Date.parse('2026-12-01')),
    actor: ada.id as MemberId,
  };
  applyProjectChange(
    doc,
    { type: 'createProject', communityId: COMMUNITY, title: 'Fresque', summary: '' },
    context,
  );
  applyProjectChange(doc, { type: 'addTask', title: 'Esquisse' }, context);
  return doc;
}

/** The same document, except for the bytes it exports. */
function exportingBytes(doc: CrdtDocument, bytes: Uint8Array): CrdtDocument {
  return Object.create(doc, { encodeState: { value: () => bytes } }) as CrdtDocument;
}

function fileOf(community: CrdtDocument, project: CrdtDocument): Uint8Array {
  return encodeBundle({
    communityId: COMMUNITY,
    appVersion: 'test',
    createdAt: new Date('2026-12-01T10:00:00Z'),
    documents: [
      { doc: community, kind: 'community' },
      { doc: project, kind: 'project' },
    ],
  });
}

function importInto(bytes: Uint8Array, local: Map<DocId, CrdtDocument>) {
  const prepared = prepareBundle(bytes, { engines });
  if (!prepared.ok) return prepared;
  for (const document of prepared.value.documents) {
    if (local.has(document.id)) continue;
    const engine = engines.find((e) => e.name === document.engine) as DocumentEngine;
    local.set(document.id, engine.create(document.id));
  }
  return applyBundle(prepared.value, local);
}

describe('file bundles with Automerge projects', () => {
  it('[BND9] an Automerge project travels in a file beside its Yjs community, engine recorded', () => {
    const community = communityWithFounder(ada);
    const project = automergeProject();
    const local = new Map<DocId, CrdtDocument>();
    const result = importInto(fileOf(community, project), local);
    expect(result.ok).toBe(true);
    const imported = local.get(PROJECT) as CrdtDocument;
    expect(imported.engine).toBe('automerge');
    expect(readProject(imported)?.columns.todo.map((t) => t.title)).toEqual(['Esquisse']);
  });

  it('[BND9] a damaged or foreign (Yjs) Automerge update refuses the whole file; nothing local changes', () => {
    const community = communityWithFounder(ada);
    const project = automergeProject();
    const state = project.encodeState();
    const damaged = state.slice();
    damaged[Math.floor(damaged.length / 2)] =
      (damaged[Math.floor(damaged.length / 2)] as number) ^ 0x40;
    const foreign = yjsEngine.create(PROJECT);
    foreign.transact(() =>
      foreign.map('meta').set('epoch', project.map('meta').getValue('epoch') ?? null),
    );
    for (const bytes of [damaged, foreign.encodeState()]) {
      const target = yjsEngine.create(TEST_DOC);
      const localProject = automergeEngine.create(PROJECT);
      const before = localProject.encodeState();
      const local = new Map<DocId, CrdtDocument>([
        [TEST_DOC, target],
        [PROJECT, localProject],
      ]);
      const result = importInto(fileOf(community, exportingBytes(project, bytes)), local);
      // Refused by the engine itself, not only by the epoch check that follows it.
      expect(result).toMatchObject({
        ok: false,
        error: { reason: 'corrupted', detail: expect.stringContaining('is not a valid update') },
      });
      expect(readCommunity(target)).toBeUndefined();
      expect(localProject.encodeState()).toEqual(before);
    }
  });
});
