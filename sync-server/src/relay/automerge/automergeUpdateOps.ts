import { WorkerUpdateOps } from '../UpdateWorker';

type Ops = typeof import('./automergeOps');
let loaded: Ops | undefined;

/** Loads Automerge (and its wasm) into this thread: done before the first Automerge room. */
export async function loadAutomergeOps(): Promise<void> {
  loaded ??= await import('./automergeOps');
}

function ops(): Ops {
  if (loaded === undefined) throw new Error('Automerge room operations used before loading');
  return loaded;
}

/**
 * An Automerge room's whole-room operations: on a worker thread past 32 KB of input
 * (dist/automergeWorker.mjs, built beside the relay), inline below; if the worker cannot
 * start or dies, its jobs run inline: never a lost merge. A relay with no Automerge room
 * never loads Automerge.
 */
export function automergeUpdateOps(): WorkerUpdateOps {
  return new WorkerUpdateOps({
    inline: {
      merge: (updates) => ops().mergeChunks(updates),
      stateVector: (update) => ops().headsOf(update),
      diff: (update, heads) => ops().missingChunks(update, heads),
    },
    workerUrl: new URL('./automergeWorker.mjs', import.meta.url),
  });
}
