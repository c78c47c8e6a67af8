import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Gives memory back once the relay goes quiet after work.
 *
 * Under load the relay needs a roomy young generation (a 1 MiB semi-space,
 * or `--optimize-for-size`, spent a quarter of its CPU in the garbage
 * collector at 5,000 updates/s: bench:relay (a)). But V8 keeps the heap it
 * grew: after a burst of 10,000 rooms touched once, the idle relay held
 * ~70 MiB more than at start, and V8's memory reducer did not shrink it
 * within 10 s (bench:relay (b)). So: when the event loop has been nearly idle
 * for a whole interval, after at least `minBusyMs` of work since the last
 * trim, and the heap has grown by `minGrowthBytes` since then, run one full
 * collection. V8 then returns the emptied pages and shrinks the young
 * generation (allocation has stopped). A full collection of the relay's small
 * live heap takes a few milliseconds, and only at idle; past `maxHeapBytes`
 * (a heap of live data, whose collection would pause the relay for long)
 * there is no trim.
 */

export interface IdleTrimOptions {
  /** Runs a full garbage collection. */
  readonly collect: () => void;
  /** Event-loop utilization so far (node:perf_hooks `performance.eventLoopUtilization`). */
  readonly utilization: () => { readonly active: number; readonly idle: number };
  /** How often the loop is sampled. Default 1 s. */
  readonly intervalMs?: number;
  /** An interval is quiet under this share of busy time. Default 0.02. */
  readonly quietBelow?: number;
  /** Work (ms of busy event loop) since the last trim that makes a trim worth it. Default 500 ms. */
  readonly minBusyMs?: number;
  /** The heap's size now (v8 `getHeapStatistics().total_heap_size`). */
  readonly heapBytes: () => number;
  /** Growth of the heap since the last trim (or start) that makes a trim worth it. Default 16 MiB. */
  readonly minGrowthBytes?: number;
  /** No trim above this heap size (two full collections would pause the relay too long). Default 256 MiB. */
  readonly maxHeapBytes?: number;
  /** Called after each trim with its duration (logs, metrics). */
  readonly onTrim?: (durationMs: number) => void;
  readonly now?: () => number;
}

export interface IdleTrim {
  /** One sample: what the interval timer runs (exposed for tests). */
  sample(): void;
  stop(): void;
}

export function startIdleTrim(options: IdleTrimOptions): IdleTrim {
  const quietBelow = options.quietBelow ?? 0.02;
  const minBusyMs = options.minBusyMs ?? 500;
  const now = options.now ?? (() => performance.now());
  const minGrowthBytes = options.minGrowthBytes ?? 16 * 1024 * 1024;
  const maxHeapBytes = options.maxHeapBytes ?? 256 * 1024 * 1024;
  let last = options.utilization();
  let busySinceTrim = 0;
  let heapAfterTrim = options.heapBytes();
  const sample = (): void => {
    const current = options.utilization();
    const active = current.active - last.active;
    const total = active + (current.idle - last.idle);
    last = current;
    busySinceTrim += active;
    if (total <= 0 || active / total >= quietBelow || busySinceTrim < minBusyMs) return;
    const heap = options.heapBytes();
    if (heap < heapAfterTrim + minGrowthBytes || heap > maxHeapBytes) return;
    const startedAt = now();
    options.collect();
    busySinceTrim = 0;
    heapAfterTrim = options.heapBytes();
    // The collection itself is not work to trim after.
    last = options.utilization();
    options.onTrim?.(now() - startedAt);
  };
  const timer = setInterval(sample, options.intervalMs ?? 1_000);
  timer.unref();
  return { sample, stop: () => clearInterval(timer) };
}

/**
 * V8's full collection, without `--expose-gc` on the command line: the flag
 * set at run time exposes `gc` to contexts created afterwards. Undefined if
 * that fails (then the relay simply does not trim).
 */
export function fullCollection(): (() => void) | undefined {
  let gc: unknown = (globalThis as { gc?: unknown }).gc;
  try {
    if (typeof gc !== 'function') {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc');
    }
  } catch {
    return undefined;
  }
  if (typeof gc !== 'function') return undefined;
  const collect = gc as () => void;
  // Started with --optimize-for-size by its operator: every collection compacts already.
  const sizeFirst = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some(
    (flag) => flag === '--optimize-for-size' || flag === '--optimize_for_size',
  );
  if (sizeFirst) return () => collect();
  return () => {
    // Optimizing for size makes the collector compact the old generation
    // (evacuate sparse pages) instead of only sweeping it: heapTotal 70 -> 12
    // MiB after a burst, against 70 -> 70 for a plain collection. Only for
    // this collection: under load the flag costs a quarter of the CPU.
    // Two: after one, heapTotal stayed at 38 MiB in bench:relay (b); after two, ~19.
    setFlagsFromString('--optimize-for-size');
    try {
      collect();
      collect();
    } finally {
      setFlagsFromString('--no-optimize-for-size');
    }
  };
}
