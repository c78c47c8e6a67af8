// Worker thread of UpdateWorker.ts: runs whole-document Yjs operations (merge,
// state vector, diff) off the relay's event loop. Plain JavaScript so that it
// loads the same under tsx, vitest and plain node.
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';

const FANOUT = 32;

function mergeAll(updates) {
  let level = updates;
  while (level.length > 1) {
    const next = [];
    for (let i = 0; i < level.length; i += FANOUT) {
      const group = level.slice(i, i + FANOUT);
      next.push(group.length === 1 ? group[0] : Y.mergeUpdates(group));
    }
    level = next;
  }
  return level[0] ?? Uint8Array.of(0, 0);
}

function run(job) {
  switch (job.op) {
    case 'merge':
      return mergeAll(job.updates);
    case 'stateVector':
      return Y.encodeStateVectorFromUpdate(job.update);
    case 'diff':
      return Y.diffUpdate(job.update, job.stateVector);
    default:
      throw new Error(`unknown operation ${job.op}`);
  }
}

parentPort?.on('message', (job) => {
  try {
    const result = run(job);
    parentPort?.postMessage({ id: job.id, ok: true, result }, [result.buffer]);
  } catch (error) {
    parentPort?.postMessage({ id: job.id, ok: false, error: String(error?.message ?? error) });
  }
});
