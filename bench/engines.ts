/**
 * bench:engines: the same project workload on Yjs and Automerge, side by side in one run
 * (bench/engines/workload.ts: 500 tasks, 200 KB of notes, 10,000 edits by 5 authors).
 * - editMs: the authors' 10,000 changes (domain API + engine), syncMs: their replicas
 *   applying each other's changes every 500 edits, one update per round and replica;
 * - liveApplyUsPerEdit: a replica holding the base state applies the first 200 updates
 *   one by one, as they arrive live from the network (the validating path);
 * - catchUpMs: a replica holding the base state applies all 10,000 as one update (a device
 *   coming back online);
 * - saveBytes: the final saved state; updateBytes: the 10,000 updates;
 * - loadMs: open the saved state and read the board and the notes (median of 5);
 * - memory: what the opened project holds, measured in a child process per engine.
 * Fails (exit 1) when a replica that applied the updates differs from the authors'.
 * Run: pnpm bench:engines
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { automergeEngine } from '../shared/src/crdt/automerge/AutomergeDocument';
import { type DocumentEngine, readProject, yjsEngine } from '../shared/src/index';
import { batchOf, DOC_ID, notesOf, runWorkload } from './engines/workload';

const LOAD_RUNS = 5;
const LIVE_SAMPLE = 200;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const time = (fn: () => void) => {
  const started = performance.now();
  fn();
  return performance.now() - started;
};
const board = (doc: Parameters<typeof readProject>[0]) =>
  JSON.stringify(
    Object.values(readProject(doc)?.columns ?? {}).map((c) => c.map((t) => [t.id, t.title])),
  );

function cpuProbeMs(): number {
  return time(() => {
    let x = 0;
    for (let i = 0; i < 30_000_000; i++) x = (x + i * 7) % 1_000_003;
    if (x < 0) console.log(x);
  });
}

const dir = mkdtempSync(join(tmpdir(), 'bench-engines-'));
const results: Record<string, Record<string, number | string>> = {};
const boards: Record<string, string> = {};
try {
  for (const engine of [yjsEngine, automergeEngine] as DocumentEngine[]) {
    const workload = runWorkload(engine);
    const state = workload.final.encodeState();
    const live = engine.load(DOC_ID, [workload.base]);
    const sample = workload.updates.slice(0, LIVE_SAMPLE);
    const liveMs = time(() => {
      for (const update of sample) live.applyUpdate(update, 'network');
    });
    live.destroy();
    const observer = engine.load(DOC_ID, [workload.base]);
    const batch = batchOf(engine, workload.updates);
    const catchUpMs = time(() => observer.applyUpdate(batch, 'network'));
    const same =
      board(observer) === board(workload.final) &&
      notesOf(observer).plain() === notesOf(workload.final).plain();
    if (!same) throw new Error(`${engine.name}: the replica that applied the updates differs`);
    boards[engine.name] = board(workload.final);
    observer.destroy();
    const loads: number[] = [];
    for (let run = 0; run < LOAD_RUNS; run++) {
      loads.push(
        time(() => {
          const doc = engine.load(DOC_ID, [state]);
          readProject(doc);
          notesOf(doc).plain();
          doc.destroy();
        }),
      );
    }
    const file = join(dir, `${engine.name}.bin`);
    writeFileSync(file, state);
    const memory = JSON.parse(
      execFileSync(
        process.execPath,
        [
          '--expose-gc',
          '--import',
          'tsx',
          join(import.meta.dirname, 'engines', 'memory.ts'),
          engine.name,
          file,
        ],
        {
          encoding: 'utf8',
        },
      )
        .trim()
        .split('\n')
        .pop() ?? '{}',
    ) as Record<string, number>;
    results[engine.name] = {
      editMs: Math.round(workload.editMs),
      syncMs: Math.round(workload.syncMs),
      liveApplyUsPerEdit: Math.round((liveMs / sample.length) * 1000),
      catchUpMs: Math.round(catchUpMs),
      saveBytes: state.length,
      updateBytes: workload.updates.reduce((sum, u) => sum + u.length, 0),
      loadMs: Math.round(median(loads)),
      heapMiB: memory.heapMiB ?? Number.NaN,
      arrayBuffersMiB: memory.arrayBuffersMiB ?? Number.NaN,
      rssMiB: memory.rssMiB ?? Number.NaN,
      notesChars: memory.notesChars ?? Number.NaN,
    };
    workload.final.destroy();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const [y, a] = [results.yjs ?? {}, results.automerge ?? {}];
const ratio = (key: string) => Math.round((Number(a[key]) / Number(y[key])) * 100) / 100;
const keys = Object.keys(y);
console.log('| measure | yjs | automerge | automerge / yjs |\n| --- | --- | --- | --- |');
for (const key of keys) console.log(`| ${key} | ${y[key]} | ${a[key]} | ${ratio(key)} |`);
console.log(
  JSON.stringify({
    node: process.version,
    cpuProbeMs: Math.round(cpuProbeMs()),
    sameBoardOnBothEngines: boards.yjs === boards.automerge,
    results,
  }),
);
