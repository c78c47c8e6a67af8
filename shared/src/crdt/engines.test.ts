import { describe, expect, it } from 'vitest';
import { listProjects } from '../domain/community/projects';
import { ProjectIndexRecords } from '../domain/community/schema';
import { communityWithFounder, makeActor } from '../domain/community/testkit';
import type { ProjectId } from '../ids';
import { documentEngine, UnknownEngineError } from './engines';

describe('engines per document', () => {
  it('[AM6] the engine is found by its recorded name; Automerge is imported on first use', async () => {
    expect((await documentEngine('yjs')).name).toBe('yjs');
    const automerge = await documentEngine('automerge');
    expect(automerge.name).toBe('automerge');
    expect(automerge.create('engine-doc-000000001' as never).engine).toBe('automerge');
    await expect(documentEngine('loro')).rejects.toBeInstanceOf(UnknownEngineError);
  });

  it('[PRJ6] a project records its engine at registration; older entries are Yjs; edits cannot change it', () => {
    const ada = makeActor('ada');
    const doc = communityWithFounder(ada);
    const register = (projectId: string, engine?: 'yjs' | 'automerge') =>
      ada.apply(doc, {
        type: 'registerProject',
        projectId: projectId as ProjectId,
        title: projectId,
        summary: '',
        ...(engine ? { engine } : {}),
      });
    expect(register('project-000000000001').ok).toBe(true);
    expect(register('project-000000000002', 'automerge').ok).toBe(true);
    // An entry written by an app that recorded no engine.
    doc.transact(() =>
      doc.map(ProjectIndexRecords.records).set('project-000000000003', {
        title: 'Ancien',
        summary: '',
        createdAt: '0',
        createdBy: ada.id,
      }),
    );
    // A peer's edit that tries to switch the engine is folded over the fields, not the engine.
    doc.transact(() =>
      doc
        .map(ProjectIndexRecords.edits)
        .set('project-000000000002|zzzz', { engine: 'yjs', title: 'Renommé' }),
    );
    const engines = Object.fromEntries(listProjects(doc).map((p) => [p.id, [p.engine, p.title]]));
    expect(engines).toEqual({
      'project-000000000001': ['yjs', 'project-000000000001'],
      'project-000000000002': ['automerge', 'Renommé'],
      'project-000000000003': ['yjs', 'Ancien'],
    });
    expect(
      ada.apply(doc, {
        type: 'registerProject',
        projectId: 'project-000000000004' as ProjectId,
        title: 'x',
        summary: '',
        engine: 'loro' as never,
      }),
    ).toMatchObject({ ok: false, error: { field: 'engine' } });
  });
});
