import { describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../clock/HybridLogicalClock';
import { automergeEngine } from '../../crdt/automerge/AutomergeDocument';
import type { CrdtDocument, DocumentEngine } from '../../crdt/DocumentPort';
import { yjsEngine } from '../../crdt/yjs/YjsDocument';
import type { CommunityId, DeviceId, DocId, MemberId, TaskId } from '../../ids';
import { applyProjectChange, type ProjectChange } from './changes';
import { placeAt } from './ordering';
import { projectAccess, readProject } from './read';

const DOC = 'project-test-000000001' as DocId;

function actor(name: string) {
  const context = {
    clock: new HybridLogicalClock(`device-${name}` as DeviceId, () =>
      Date.parse('2026-11-01T10:00:00Z'),
    ),
    actor: `member-${name}` as MemberId,
  };
  return (doc: CrdtDocument, change: ProjectChange) => applyProjectChange(doc, change, context);
}
const ada = actor('ada');
const bo = actor('bo');

function board(engine: DocumentEngine): CrdtDocument {
  const doc = engine.create(DOC);
  ada(doc, {
    type: 'createProject',
    communityId: 'community-00000000001' as CommunityId,
    title: 'Cabane',
    summary: 'On construit',
  });
  for (const [i, title] of ['Plans', 'Bois', 'Outils'].entries()) {
    ada(doc, { type: 'addTask', id: `task-${i}-000000000000` as TaskId, title });
  }
  return doc;
}

const titles = (doc: CrdtDocument, status: 'todo' | 'doing' | 'done' = 'todo') =>
  readProject(doc)?.columns[status].map((t) => t.title);

const sync = (a: CrdtDocument, b: CrdtDocument) => {
  b.applyUpdate(a.encodeUpdateSince(b.encodeStateVector()));
  a.applyUpdate(b.encodeUpdateSince(a.encodeStateVector()));
};

// The domain does not know its engine: the same rules hold on both.
for (const engine of [yjsEngine, automergeEngine])
  describe(`projects (${engine.name})`, () => {
    it('[TSK1] tasks are added at the end of their column or at a position', () => {
      const doc = board(engine);
      ada(doc, { type: 'addTask', title: 'Peinture', index: 1 });
      expect(titles(doc)).toEqual(['Plans', 'Peinture', 'Bois', 'Outils']);
      expect(ada(doc, { type: 'addTask', title: '  ' })).toMatchObject({
        ok: false,
        error: { reason: 'required', field: 'title' },
      });
      expect(ada(doc, { type: 'addTask', title: 'x', due: '2026-13-45' })).toMatchObject({
        ok: false,
        error: { reason: 'invalid-date' },
      });
    });

    it('[TSK2] moving a task changes its column and position; archiving hides it', () => {
      const doc = board(engine);
      ada(doc, {
        type: 'moveTask',
        taskId: 'task-2-000000000000' as TaskId,
        status: 'todo',
        index: 0,
      });
      expect(titles(doc)).toEqual(['Outils', 'Plans', 'Bois']);
      ada(doc, {
        type: 'moveTask',
        taskId: 'task-0-000000000000' as TaskId,
        status: 'doing',
        index: 0,
      });
      expect(titles(doc, 'doing')).toEqual(['Plans']);
      ada(doc, { type: 'archiveTask', taskId: 'task-1-000000000000' as TaskId, archived: true });
      expect(titles(doc)).toEqual(['Outils']);
      ada(doc, { type: 'archiveTask', taskId: 'task-1-000000000000' as TaskId, archived: false });
      expect(titles(doc)).toEqual(['Outils', 'Bois']);
    });

    it('[TSK3] concurrent moves converge to one total order on every replica', () => {
      const doc = board(engine);
      const a = engine.load(DOC, [doc.encodeState()]);
      const b = engine.load(DOC, [doc.encodeState()]);
      ada(a, {
        type: 'moveTask',
        taskId: 'task-2-000000000000' as TaskId,
        status: 'todo',
        index: 0,
      });
      bo(b, {
        type: 'moveTask',
        taskId: 'task-1-000000000000' as TaskId,
        status: 'todo',
        index: 0,
      });
      bo(b, {
        type: 'moveTask',
        taskId: 'task-2-000000000000' as TaskId,
        status: 'done',
        index: 0,
      });
      sync(a, b);
      expect(titles(a)).toEqual(titles(b));
      expect(titles(a, 'done')).toEqual(titles(b, 'done'));
      const all = [
        ...(titles(a) ?? []),
        ...(titles(a, 'doing') ?? []),
        ...(titles(a, 'done') ?? []),
      ];
      expect(all.sort()).toEqual(['Bois', 'Outils', 'Plans']);
    });

    it('[TSK3] dropping between two tasks that share a key (after concurrent moves) lands exactly there', () => {
      const column = [
        { id: 'a', order: 'a0' },
        { id: 'b', order: 'a1' },
        { id: 'c', order: 'a1' },
        { id: 'd', order: 'a2' },
      ];
      const placement = placeAt(column, 2);
      const after = column.map((item) => ({
        ...item,
        order: placement.rekeyed.find((r) => r.id === item.id)?.order ?? item.order,
      }));
      const withNew = [...after, { id: 'new', order: placement.order }].sort((x, y) =>
        x.order < y.order ? -1 : x.order > y.order ? 1 : x.id < y.id ? -1 : 1,
      );
      expect(withNew.map((i) => i.id)).toEqual(['a', 'b', 'new', 'c', 'd']);
    });

    it('[PRJ4] every change is in the activity list and its author among the contributors', () => {
      const doc = board(engine);
      bo(doc, {
        type: 'updateTask',
        taskId: 'task-0-000000000000' as TaskId,
        assignees: ['member-bo' as MemberId],
        due: '2026-12-01',
      });
      const project = readProject(doc);
      expect(project?.contributors).toEqual(['member-ada', 'member-bo']);
      expect(project?.activity.map((a) => a.change)).toEqual([
        'updateTask',
        'addTask',
        'addTask',
        'addTask',
        'createProject',
      ]);
      expect(project?.columns.todo[0]).toMatchObject({
        assignees: ['member-bo'],
        due: '2026-12-01',
      });
    });

    it('[PRJ2] a project document from a newer schema is read-only', () => {
      const doc = board(engine);
      doc.transact(() => doc.map('meta').set('schemaVersion', 7));
      expect(projectAccess(doc)).toMatchObject({ mode: 'read-only' });
      expect(ada(doc, { type: 'addTask', title: 'x' })).toEqual({
        ok: false,
        error: { reason: 'read-only' },
      });
    });
  });
