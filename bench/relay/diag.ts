/**
 * Diagnostics preloaded into our relay by bench:relay when BENCH_DIAG=<file>:
 * every 500 ms, one JSON line with the event loop's delay (max, p99) and the
 * GC pauses (count, total, longest, by kind) of that interval. Measures where
 * latency spikes come from without touching the relay's code.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const out = process.env.BENCH_DIAG_FILE;
if (out !== undefined) {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const kinds: Record<number, string> = {
    [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
    [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
    [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
  };
  let gc = { count: 0, totalMs: 0, maxMs: 0, maxKind: '' };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind =
        kinds[(entry as unknown as { detail?: { kind: number } }).detail?.kind ?? -1] ?? '?';
      gc.count++;
      gc.totalMs += entry.duration;
      if (entry.duration > gc.maxMs) gc = { ...gc, maxMs: entry.duration, maxKind: kind };
    }
  }).observe({ entryTypes: ['gc'] });
  /** RSS by kind of mapping (KiB), from /proc/self/smaps: where native memory sits. */
  const smaps = (): Record<string, number> => {
    const byKind: Record<string, number> = {};
    let kind = '';
    let size = 0;
    for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
      const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
      if (head !== null) {
        const [start, end] = (line.split(' ')[0] as string).split('-').map((h) => parseInt(h, 16));
        size = ((end as number) - (start as number)) / 1024;
        const name = head[1] ?? '';
        kind =
          name === ''
            ? size >= 60000
              ? 'anon-64M'
              : 'anon'
            : name.startsWith('/')
              ? 'file'
              : name;
      } else if (line.startsWith('Rss:')) {
        byKind[kind] = (byKind[kind] ?? 0) + Number(line.split(/\s+/)[1]);
      }
    }
    return byKind;
  };
  let ticks = 0;
  const timer = setInterval(() => {
    const mem = process.memoryUsage();
    if (ticks++ % 10 === 0) appendFileSync(out, `${JSON.stringify({ smaps: smaps() })}\n`);
    appendFileSync(
      out,
      `${JSON.stringify({
        t: Math.round(performance.now()),
        loopMaxMs: Math.round(loop.max / 1e4) / 100,
        loopP99Ms: Math.round(loop.percentile(99) / 1e4) / 100,
        gcCount: gc.count,
        gcTotalMs: Math.round(gc.totalMs * 10) / 10,
        gcMaxMs: Math.round(gc.maxMs * 10) / 10,
        gcMaxKind: gc.maxKind,
        heapMiB: Math.round(mem.heapUsed / 1048576),
        heapTotalMiB: Math.round(mem.heapTotal / 1048576),
        externalMiB: Math.round(mem.external / 1048576),
        rssMiB: Math.round(mem.rss / 1048576),
      })}\n`,
    );
    loop.reset();
    gc = { count: 0, totalMs: 0, maxMs: 0, maxKind: '' };
  }, 500);
  timer.unref();
}
