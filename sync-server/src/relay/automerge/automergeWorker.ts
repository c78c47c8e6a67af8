// Worker thread of an Automerge room's whole-room operations (merge, heads, diff), off the
// relay's event loop. Bundled to dist/automergeWorker.mjs by sync-server/bundle.mjs.
import { parentPort } from 'node:worker_threads';
import { headsOf, mergeChunks, missingChunks } from './automergeOps';

type Job =
  | { readonly id: number; readonly op: 'merge'; readonly updates: Uint8Array[] }
  | { readonly id: number; readonly op: 'stateVector'; readonly update: Uint8Array }
  | {
      readonly id: number;
      readonly op: 'diff';
      readonly update: Uint8Array;
      readonly stateVector: Uint8Array;
    };

function run(job: Job): Uint8Array {
  switch (job.op) {
    case 'merge':
      return mergeChunks(job.updates);
    case 'stateVector':
      return headsOf(job.update);
    case 'diff':
      return missingChunks(job.update, job.stateVector);
    default:
      throw new Error(`unknown operation ${(job as { op: string }).op}`);
  }
}

parentPort?.on('message', (job: Job) => {
  try {
    const result = run(job);
    parentPort?.postMessage({ id: job.id, ok: true, result });
  } catch (error) {
    parentPort?.postMessage({ id: job.id, ok: false, error: String(error) });
  }
});
