/**
 * bench:engines, memory: run in a child process per engine (node --expose-gc) so one
 * engine's heap or wasm memory never counts for the other. Loads the saved project,
 * reads the board and the notes, and prints what that added, after a full collection.
 * Usage (by bench/engines.ts): memory.ts <yjs|automerge> <state file>
 */
import { readFileSync } from 'node:fs';
import { documentEngine } from '../../shared/src/crdt/engines';
import { readProject } from '../../shared/src/index';
import { DOC_ID, notesOf } from './workload';

const [engineName, file] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!engineName || !file || !gc)
  throw new Error('usage: node --expose-gc memory.ts <engine> <file>');
const engine = await documentEngine(engineName);
const state = new Uint8Array(readFileSync(file));
// Warm the engine (wasm instantiated, code compiled) before the baseline.
engine.load(DOC_ID, [engine.mergeUpdates([])]).destroy();
gc();
const before = process.memoryUsage();
const doc = engine.load(DOC_ID, [state]);
const project = readProject(doc);
const notes = notesOf(doc).plain();
gc();
const after = process.memoryUsage();
const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
console.log(
  JSON.stringify({
    heapMiB: mib(after.heapUsed - before.heapUsed),
    // Automerge's document lives in wasm linear memory: an ArrayBuffer outside the JS heap.
    arrayBuffersMiB: mib(after.arrayBuffers - before.arrayBuffers),
    rssMiB: mib(after.rss - before.rss),
    tasks: project ? Object.values(project.columns).flat().length : 0,
    notesChars: notes.length,
  }),
);
