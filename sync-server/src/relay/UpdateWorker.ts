import { Worker } from 'node:worker_threads';
import { assertNever } from '@ensemble/shared';
import { mergeAll, missingFrom, stateVectorOf } from './yjsUpdates';

/**
 * Whole-document operations on encoded updates, each O(document size). A
 * room awaits them; they must not stall the relay's event loop: a 460 KB
 * document takes ~40 ms to merge, and a relay that merges inline stops every
 * other room for that long (bench:relay (c): event-loop stalls of 90-170 ms,
 * measured with bench/relay/diag.ts, were exactly these merges).
 */
export interface UpdateOps {
  merge(updates: readonly Uint8Array[]): Promise<Uint8Array>;
  stateVector(update: Uint8Array): Promise<Uint8Array>;
  diff(update: Uint8Array, stateVector: Uint8Array): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Runs everything on the calling thread (tests, small documents). */
export const inlineUpdateOps: UpdateOps = {
  merge: async (updates) => mergeAll(updates),
  stateVector: async (update) => stateVectorOf(update),
  diff: async (update, stateVector) => missingFrom(update, stateVector),
  close: async () => undefined,
};

type Job =
  | { readonly op: 'merge'; readonly updates: readonly Uint8Array[] }
  | { readonly op: 'stateVector'; readonly update: Uint8Array }
  | { readonly op: 'diff'; readonly update: Uint8Array; readonly stateVector: Uint8Array };

interface Reply {
  readonly id: number;
  readonly ok: boolean;
  readonly result?: Uint8Array;
  readonly error?: string;
}

/** Below this many input bytes an operation runs inline (well under a millisecond or two). */
export const DEFAULT_INLINE_BYTES = 32 * 1024;
/** The worker is stopped after this long without work: idle relays hold no second heap. */
const IDLE_STOP_MS = 10_000;

/**
 * Runs large operations on one worker thread, started on first need and
 * stopped when idle; small ones inline. If the worker fails, its jobs fall
 * back to running inline: never a lost merge.
 */
export class WorkerUpdateOps implements UpdateOps {
  private worker: Worker | undefined;
  private readonly jobs = new Map<number, PendingJob>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly inlineBytes: number;
  private readonly inline: SyncOps;
  private readonly workerUrl: URL;

  /**
   * `inline` and `workerUrl` pick the engine (default: Yjs, mergeWorker.mjs); an Automerge
   * room passes its own (relay/automerge/automergeUpdateOps.ts).
   */
  constructor(
    options: {
      readonly inlineBytes?: number;
      readonly inline?: SyncOps;
      readonly workerUrl?: URL;
    } = {},
  ) {
    this.inlineBytes = options.inlineBytes ?? DEFAULT_INLINE_BYTES;
    this.inline = options.inline ?? yjsSyncOps;
    this.workerUrl = options.workerUrl ?? new URL('./mergeWorker.mjs', import.meta.url);
  }

  merge(updates: readonly Uint8Array[]): Promise<Uint8Array> {
    let bytes = 0;
    for (const update of updates) bytes += update.byteLength;
    if (updates.length <= 1 || bytes < this.inlineBytes)
      return this.runInline({ op: 'merge', updates });
    return this.submit({ op: 'merge', updates });
  }

  stateVector(update: Uint8Array): Promise<Uint8Array> {
    if (update.byteLength < this.inlineBytes) return this.runInline({ op: 'stateVector', update });
    return this.submit({ op: 'stateVector', update });
  }

  diff(update: Uint8Array, stateVector: Uint8Array): Promise<Uint8Array> {
    if (update.byteLength < this.inlineBytes) {
      return this.runInline({ op: 'diff', update, stateVector });
    }
    return this.submit({ op: 'diff', update, stateVector });
  }

  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = undefined;
    if (worker !== undefined) await worker.terminate();
  }

  private async runInline(job: Job): Promise<Uint8Array> {
    return runJob(this.inline, job);
  }

  private settleInline(entry: PendingJob): void {
    try {
      entry.resolve(runJob(this.inline, entry.job));
    } catch (error) {
      entry.reject(error);
    }
  }

  private submit(job: Job): Promise<Uint8Array> {
    clearTimeout(this.idleTimer);
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.jobs.set(id, { resolve, reject, job, worker });
      worker.postMessage({ ...job, id });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker !== undefined) return this.worker;
    const worker = new Worker(this.workerUrl);
    worker.unref();
    worker.on('message', (reply: Reply) => this.onReply(reply));
    worker.on('error', () => this.failAll(worker));
    worker.on('exit', () => this.failAll(worker));
    this.worker = worker;
    return worker;
  }

  private onReply(reply: Reply): void {
    const entry = this.jobs.get(reply.id);
    if (entry === undefined) return;
    this.jobs.delete(reply.id);
    if (reply.ok && reply.result !== undefined) entry.resolve(reply.result);
    else this.settleInline(entry); // a throwing input throws here, as it would inline
    if (this.jobs.size === 0) {
      this.idleTimer = setTimeout(() => void this.close(), IDLE_STOP_MS);
      this.idleTimer.unref();
    }
  }

  /** The worker died: its jobs run inline (or throw there, as they would have). */
  private failAll(worker: Worker): void {
    if (this.worker === worker) this.worker = undefined;
    for (const [id, entry] of this.jobs) {
      if (entry.worker !== worker) continue;
      this.jobs.delete(id);
      this.settleInline(entry);
    }
  }
}

interface PendingJob {
  resolve(result: Uint8Array): void;
  reject(error: unknown): void;
  readonly job: Job;
  readonly worker: Worker;
}

/** The engine's operations, synchronous (inline, or as a worker's fallback). */
export interface SyncOps {
  merge(updates: readonly Uint8Array[]): Uint8Array;
  stateVector(update: Uint8Array): Uint8Array;
  diff(update: Uint8Array, stateVector: Uint8Array): Uint8Array;
}

const yjsSyncOps: SyncOps = { merge: mergeAll, stateVector: stateVectorOf, diff: missingFrom };

function runJob(ops: SyncOps, job: Job): Uint8Array {
  switch (job.op) {
    case 'merge':
      return ops.merge(job.updates);
    case 'stateVector':
      return ops.stateVector(job.update);
    case 'diff':
      return ops.diff(job.update, job.stateVector);
    default:
      return assertNever(job, 'update job');
  }
}
