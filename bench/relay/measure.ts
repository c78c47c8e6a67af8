import { readFileSync } from 'node:fs';

/** Clock ticks per second for /proc/<pid>/stat utime/stime (USER_HZ, 100 on Linux). */
const CLK_TCK = 100;

/** CPU seconds (user + system) used so far by a process. */
export function cpuSeconds(pid: number | 'self'): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: split after its closing paren.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); utime is field 14, stime field 15.
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** Resident set size in MiB (VmRSS), or NaN once the process is gone. */
export function rssMiB(pid: number | 'self'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match?.[1] === undefined ? Number.NaN : Number(match[1]) / 1024;
  } catch {
    return Number.NaN;
  }
}

/** Machine-wide steal and total jiffies from /proc/stat's "cpu" line. */
export function stealSnapshot(): { steal: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  return { steal: values[7] ?? 0, total };
}

/** A fixed busy loop (integer hashing); its duration tracks the CPU's current speed. */
export function cpuProbeMs(): number {
  const start = performance.now();
  let h = 0x811c9dc5;
  for (let i = 0; i < 30_000_000; i++) {
    h ^= i;
    h = Math.imul(h, 0x01000193);
  }
  const elapsed = performance.now() - start;
  if (h === 42) console.log(''); // keep the loop observable
  return Math.round(elapsed * 10) / 10;
}

/** CPU use of a process between two points in time, as % of one core. */
export class CpuMeter {
  private readonly pid: number | 'self';
  private cpu0 = 0;
  private t0 = 0;
  constructor(pid: number | 'self') {
    this.pid = pid;
    this.reset();
  }
  reset(): void {
    this.cpu0 = cpuSeconds(this.pid);
    this.t0 = performance.now();
  }
  /** % of one core since reset(). */
  percent(): number {
    const seconds = (performance.now() - this.t0) / 1000;
    return seconds <= 0
      ? 0
      : Math.round(((cpuSeconds(this.pid) - this.cpu0) / seconds) * 1000) / 10;
  }
}

/**
 * Latency histogram: 10 µs buckets up to 2 s, slower samples kept exactly.
 * Cheap enough for a few hundred thousand samples a second.
 */
export class LatencyHistogram {
  private static readonly RESOLUTION_MS = 0.01;
  private static readonly BUCKETS = 200_000;
  private readonly buckets = new Uint32Array(LatencyHistogram.BUCKETS);
  private readonly slow: number[] = [];
  count = 0;
  max = 0;

  add(ms: number): void {
    const value = Math.max(ms, 0);
    this.count++;
    if (value > this.max) this.max = value;
    const index = Math.floor(value / LatencyHistogram.RESOLUTION_MS);
    if (index < LatencyHistogram.BUCKETS) this.buckets[index] = (this.buckets[index] ?? 0) + 1;
    else this.slow.push(value);
  }

  percentile(p: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let i = 0; i < LatencyHistogram.BUCKETS; i++) {
      seen += this.buckets[i] ?? 0;
      if (seen >= rank) return round2((i + 1) * LatencyHistogram.RESOLUTION_MS);
    }
    const slow = [...this.slow].sort((a, b) => a - b);
    return round2(slow[rank - seen - 1] ?? this.max);
  }

  reset(): void {
    this.buckets.fill(0);
    this.slow.length = 0;
    this.count = 0;
    this.max = 0;
  }
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** CPU busy time of the whole machine (all cores), as % of one core. */
export class MachineMeter {
  private busy0 = 0;
  private t0 = 0;
  constructor() {
    this.reset();
  }
  private static busySeconds(): number {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal
    const busy = (v[0] ?? 0) + (v[1] ?? 0) + (v[2] ?? 0) + (v[5] ?? 0) + (v[6] ?? 0);
    return busy / CLK_TCK;
  }
  reset(): void {
    this.busy0 = MachineMeter.busySeconds();
    this.t0 = performance.now();
  }
  percent(): number {
    const seconds = (performance.now() - this.t0) / 1000;
    return seconds <= 0
      ? 0
      : Math.round(((MachineMeter.busySeconds() - this.busy0) / seconds) * 1000) / 10;
  }
}
