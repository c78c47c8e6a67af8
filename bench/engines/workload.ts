/**
 * The project workload of bench:engines, the same on both engines: a board of 500 tasks,
 * 200 KB of notes in 1,000 paragraphs, then 10,000 edits by 5 authors on 5 replicas that
 * sync every 500 edits (moves, renames, archives through the domain API; typing and
 * deleting in the notes through each engine's rich-text surface). Seeded: the same
 * operations in the same order on both engines.
 */
import * as Y from 'yjs';
import { automergeRichText } from '../../shared/src/crdt/automerge/richText';
import type { CrdtDocument, DocumentEngine } from '../../shared/src/crdt/DocumentPort';
import { yjsRichText } from '../../shared/src/crdt/yjs/richText';
import {
  applyProjectChange,
  type ChangeContext,
  type CommunityId,
  concatAutomergeUpdates,
  type DeviceId,
  type DocId,
  HybridLogicalClock,
  type MemberId,
  type ProjectChange,
  type TaskId,
} from '../../shared/src/index';
import { SeededRandom } from '../../shared/src/simulation/random';

/** Updates as one update: Automerge chunks back to back, Yjs updates merged. */
export function batchOf(engine: DocumentEngine, updates: readonly Uint8Array[]): Uint8Array {
  return engine.name === 'automerge'
    ? concatAutomergeUpdates(updates)
    : engine.mergeUpdates(updates);
}

export const TASKS = 500;
export const PARAGRAPHS = 1_000;
export const PARAGRAPH_CHARS = 200;
export const EDITS = Number(process.env.BENCH_EDITS ?? 10_000);
export const AUTHORS = 5;
/**
 * Authors sync every 500 edits, each receiving the round's changes of every other author
 * as ONE update (a sync message): Automerge 3.5 pays about the size of the document for
 * each update it applies (~66 ms per call here with 200 KB of notes), so per-edit delivery
 * would take most of an hour (see BENCHMARKS.md).
 */
export const SYNC_EVERY = 500;
export const DOC_ID = 'bench-project-0000001' as DocId;

const WORDS = ['bois', 'palette', 'perceuse', 'samedi', 'fresque', 'peinture', 'vis', 'atelier'];
const PARAGRAPH = { type: 'paragraph', parents: [], attrs: {} };

function paragraphText(random: SeededRandom): string {
  let text = '';
  while (text.length < PARAGRAPH_CHARS) text += `${random.pick(WORDS)} `;
  return text.slice(0, PARAGRAPH_CHARS);
}

/** Rich-text operations as each engine's editor binding performs them. */
export interface NotesSurface {
  fill(paragraphs: readonly string[]): void;
  insert(paragraph: number, offset: number, text: string): void;
  remove(paragraph: number, offset: number, length: number): void;
  /** The notes as plain text (paragraphs joined by newlines), to compare engines. */
  plain(): string;
}

export function notesOf(doc: CrdtDocument): NotesSurface {
  if (doc.engine === 'yjs') {
    const fragment = yjsRichText(doc, 'notes');
    const textAt = (p: number) => (fragment.get(p) as Y.XmlElement).get(0) as Y.XmlText;
    return {
      fill: (paragraphs) =>
        doc.transact(() =>
          fragment.insert(
            0,
            paragraphs.map((text) => {
              const element = new Y.XmlElement('paragraph');
              element.insert(0, [new Y.XmlText(text)]);
              return element;
            }),
          ),
        ),
      insert: (p, offset, text) => doc.transact(() => textAt(p).insert(offset, text)),
      remove: (p, offset, length) => doc.transact(() => textAt(p).delete(offset, length)),
      plain: () =>
        fragment
          .toArray()
          .map((element) => ((element as Y.XmlElement).get(0) as Y.XmlText).toString())
          .join('\n'),
    };
  }
  const notes = automergeRichText(doc, 'notes');
  // Where paragraph p's text starts: after its block marker (positions are not timed).
  const start = (p: number) => {
    const text = notes.text();
    let at = -1;
    for (let i = 0; i <= p; i++) at = text.indexOf('\uFFFC', at + 1);
    return at + 1;
  };
  return {
    fill: (paragraphs) =>
      notes.updateSpans(
        paragraphs.flatMap((text) => [
          { type: 'block' as const, value: PARAGRAPH },
          { type: 'text' as const, value: text },
        ]),
      ),
    insert: (p, offset, text) => {
      const at = start(p) + offset;
      notes.splice(at, 0, text);
    },
    remove: (p, offset, length) => {
      const at = start(p) + offset;
      notes.splice(at, length);
    },
    plain: () =>
      notes
        .text()
        .replace(/^\uFFFC/, '')
        .split('\uFFFC')
        .join('\n'),
  };
}

export interface Workload {
  /** The board and notes before the edits, as one saved state. */
  readonly base: Uint8Array;
  /** Every edit as the update its author's replica emitted, in the order they were made. */
  readonly updates: readonly Uint8Array[];
  /** Milliseconds spent in the authors' changes (domain + engine), positions excluded. */
  readonly editMs: number;
  /** Milliseconds spent by the authors' replicas applying each other's rounds (20 rounds x 5). */
  readonly syncMs: number;
  readonly final: CrdtDocument;
}

const context = (i: number): ChangeContext => ({
  clock: new HybridLogicalClock(`device-${i}` as DeviceId, () =>
    Date.parse('2026-12-01T10:00:00Z'),
  ),
  actor: `member-${i}` as MemberId,
});

function must(doc: CrdtDocument, change: ProjectChange, ctx: ChangeContext): void {
  const result = applyProjectChange(doc, change, ctx);
  if (!result.ok) throw new Error(`${change.type}: ${result.error.reason}`);
}

export function runWorkload(engine: DocumentEngine, seed = 13): Workload {
  const random = new SeededRandom(seed);
  const contexts = Array.from({ length: AUTHORS }, (_, i) => context(i));
  const origin = engine.create(DOC_ID);
  const ctx0 = contexts[0] as ChangeContext;
  must(
    origin,
    {
      type: 'createProject',
      communityId: 'c-0000000000000001' as CommunityId,
      title: 'Fresque',
      summary: '',
    },
    ctx0,
  );
  const taskIds: TaskId[] = [];
  for (let i = 0; i < TASKS; i++) {
    const id = `task-${String(i).padStart(16, '0')}` as TaskId;
    taskIds.push(id);
    must(
      origin,
      {
        type: 'addTask',
        id,
        title: `Tâche ${i}`,
        status: random.pick(['todo', 'doing', 'done'] as const),
      },
      contexts[i % AUTHORS] as ChangeContext,
    );
  }
  notesOf(origin).fill(Array.from({ length: PARAGRAPHS }, () => paragraphText(random)));
  const base = origin.encodeState();
  const replicas = contexts.map(() => engine.load(DOC_ID, [base]));
  const updates: Uint8Array[] = [];
  const outboxes: Uint8Array[][] = replicas.map(() => []);
  replicas.forEach((replica, i) => {
    replica.onUpdate((update, from) => {
      if (from === 'sync') return;
      updates.push(update);
      outboxes[i]?.push(update);
    });
  });
  const notes = replicas.map(notesOf);
  let editMs = 0;
  let syncMs = 0;
  for (let edit = 0; edit < EDITS; edit++) {
    const author = edit % AUTHORS;
    const doc = replicas[author] as CrdtDocument;
    const ctx = contexts[author] as ChangeContext;
    const roll = random.next();
    const taskId = random.pick(taskIds);
    const p = random.int(0, PARAGRAPHS - 1);
    const offset = random.int(0, 5);
    const started = performance.now();
    if (roll < 0.4) notes[author]?.insert(p, offset, `${random.pick(WORDS)} `);
    else if (roll < 0.5) notes[author]?.remove(p, offset, 3);
    else if (roll < 0.75)
      must(
        doc,
        {
          type: 'moveTask',
          taskId,
          status: random.pick(['todo', 'doing', 'done'] as const),
          index: random.int(0, 10),
        },
        ctx,
      );
    else if (roll < 0.9)
      must(doc, { type: 'updateTask', taskId, title: `Tâche renommée ${edit}` }, ctx);
    else must(doc, { type: 'archiveTask', taskId, archived: random.chance(0.5) }, ctx);
    editMs += performance.now() - started;
    if ((edit + 1) % SYNC_EVERY === 0 || edit === EDITS - 1) {
      const syncStart = performance.now();
      const batches = outboxes.map((outbox) =>
        outbox.length > 0 ? batchOf(engine, outbox) : undefined,
      );
      for (const outbox of outboxes) outbox.length = 0;
      replicas.forEach((replica, to) => {
        const incoming = batches.filter((batch, from) => from !== to && batch !== undefined);
        if (incoming.length > 0)
          replica.applyUpdate(batchOf(engine, incoming as Uint8Array[]), 'sync');
      });
      syncMs += performance.now() - syncStart;
    }
  }
  for (const replica of replicas.slice(1)) replica.destroy();
  origin.destroy();
  return { base, updates, editMs, syncMs, final: replicas[0] as CrdtDocument };
}
