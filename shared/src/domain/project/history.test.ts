import { describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../clock/HybridLogicalClock';
import { automergeEngine } from '../../crdt/automerge/AutomergeDocument';
import { automergeRichText } from '../../crdt/automerge/richText';
import type { CrdtDocument } from '../../crdt/DocumentPort';
import { yjsEngine } from '../../crdt/yjs/YjsDocument';
import type { CommunityId, DeviceId, DocId, MemberId, TaskId } from '../../ids';
import { applyProjectChange, type ProjectChange } from './changes';
import { projectAt, projectHistory, restoreProjectVersion } from './history';
import { readProject } from './read';

const DOC = 'project-history-000001' as DocId;
const TASK = 'task-history-0000000001' as TaskId;
const member = (name: string) => {
  const context = {
    clock: new HybridLogicalClock(`device-${name}` as DeviceId, () =>
      Date.parse('2026-12-01T10:00:00Z'),
    ),
    actor: `member-${name}` as MemberId,
  };
  return {
    context,
    apply: (doc: CrdtDocument, change: ProjectChange) => applyProjectChange(doc, change, context),
  };
};
const ada = member('ada');
const bo = member('bo');
const title = (doc: CrdtDocument) =>
  readProject(doc)?.columns.todo.find((t) => t.id === TASK)?.title;

function twoReplicas(): [CrdtDocument, CrdtDocument] {
  const a = automergeEngine.create(DOC);
  ada.apply(a, {
    type: 'createProject',
    communityId: 'c-0000000000000001' as CommunityId,
    title: 'Cabane',
    summary: '',
  });
  ada.apply(a, { type: 'addTask', id: TASK, title: 'Plans' });
  automergeRichText(a, 'notes').splice(0, 0, 'Matériaux');
  const b = automergeEngine.load(DOC, [a.encodeState()]);
  bo.apply(b, { type: 'updateTask', taskId: TASK, title: 'Plans v2' });
  automergeRichText(b, 'notes').splice(9, 0, ' : bois');
  a.applyUpdate(b.encodeUpdateSince(a.encodeStateVector()));
  return [a, b];
}

describe('project history (Automerge)', () => {
  it('[HIS1] lists who did what, newest first; notes typed in the editor are credited to their replica’s member', () => {
    const [a] = twoReplicas();
    const history = projectHistory(a) ?? [];
    expect(history.map((e) => [e.by, e.changes.join(',')])).toEqual([
      ['member-bo', 'editNotes'],
      ['member-bo', 'updateTask'],
      ['member-ada', 'editNotes'],
      ['member-ada', 'addTask'],
      ['member-ada', 'createProject'],
    ]);
    expect(history[1]?.taskIds).toEqual([TASK]);
    expect(history.every((e) => e.at > Date.parse('2020-01-01'))).toBe(true);
  });

  it('[HIS2] a past version shows the board and the notes as they were, and cannot be edited', () => {
    const [a] = twoReplicas();
    const afterAdd = projectHistory(a)?.find((e) => e.changes.includes('addTask'));
    const past = projectAt(a, afterAdd?.version ?? '') as CrdtDocument;
    expect(title(past)).toBe('Plans');
    expect(automergeRichText(past, 'notes').text()).toBe('');
    expect(() => past.transact(() => past.map('tasks').set('x', 1))).toThrow(/read-only/);
    expect(title(a)).toBe('Plans v2');
    expect(projectAt(a, 'f'.repeat(64))).toBeUndefined();
  });

  it('[HIS3] restoring a version is a new change: board and notes come back, every version stays, peers and reloads see it', () => {
    const [a, b] = twoReplicas();
    const before = projectHistory(a) ?? [];
    const afterNotes = before.find((e) => e.by === 'member-ada' && e.changes.includes('editNotes'));
    expect(restoreProjectVersion(a, afterNotes?.version ?? '', ada.context).ok).toBe(true);
    expect(title(a)).toBe('Plans');
    expect(automergeRichText(a, 'notes').text()).toBe('Matériaux');
    const after = projectHistory(a) ?? [];
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]).toMatchObject({ by: 'member-ada', changes: ['restoreVersion'] });
    expect(after.slice(1)).toEqual(before);
    b.applyUpdate(a.encodeUpdateSince(b.encodeStateVector()));
    expect(title(b)).toBe('Plans');
    const reloaded = automergeEngine.load(DOC, [a.encodeState()]);
    expect(title(reloaded)).toBe('Plans');
    expect(automergeRichText(reloaded, 'notes').text()).toBe('Matériaux');
    // Restoring the newest version before the restore brings the later edits back.
    expect(restoreProjectVersion(a, before[0]?.version ?? '', bo.context).ok).toBe(true);
    expect(title(a)).toBe('Plans v2');
  });

  it('[HIS3] a Yjs project has no history: nothing to list, a restore is refused', () => {
    const doc = yjsEngine.create(DOC);
    ada.apply(doc, {
      type: 'createProject',
      communityId: 'c-0000000000000001' as CommunityId,
      title: 'x',
      summary: '',
    });
    expect(projectHistory(doc)).toBeUndefined();
    expect(restoreProjectVersion(doc, 'x', ada.context)).toMatchObject({
      ok: false,
      error: { field: 'engine' },
    });
  });
});
