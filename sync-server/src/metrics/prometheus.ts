/**
 * A minimal Prometheus text-format (0.0.4) registry: counters with one
 * optional label, gauges read at scrape time, and a histogram. No
 * dependency; enough for the relay's /metrics.
 */

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

interface Metric {
  render(lines: string[]): void;
}

function header(lines: string[], name: string, help: string, type: string): void {
  lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function formatNumber(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  return Number.isInteger(value) ? String(value) : value.toPrecision(6);
}

export class Counter implements Metric {
  private value = 0;
  constructor(
    readonly name: string,
    private readonly help: string,
  ) {}
  inc(by = 1): void {
    this.value += by;
  }
  get(): number {
    return this.value;
  }
  render(lines: string[]): void {
    header(lines, this.name, this.help, 'counter');
    lines.push(`${this.name} ${formatNumber(this.value)}`);
  }
}

/** A counter split by one label (e.g. `type` or `reason`). */
export class LabeledCounter implements Metric {
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly label: string,
    initialLabels: readonly string[] = [],
  ) {
    for (const value of initialLabels) this.values.set(value, 0);
  }
  inc(labelValue: string, by = 1): void {
    this.values.set(labelValue, (this.values.get(labelValue) ?? 0) + by);
  }
  get(labelValue: string): number {
    return this.values.get(labelValue) ?? 0;
  }
  total(): number {
    let sum = 0;
    for (const value of this.values.values()) sum += value;
    return sum;
  }
  render(lines: string[]): void {
    header(lines, this.name, this.help, 'counter');
    for (const [labelValue, value] of [...this.values].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`${this.name}{${this.label}="${escapeLabel(labelValue)}"} ${formatNumber(value)}`);
    }
  }
}

/** A gauge read from the live state at scrape time. */
export class Gauge implements Metric {
  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly read: () => number,
  ) {}
  render(lines: string[]): void {
    header(lines, this.name, this.help, 'gauge');
    lines.push(`${this.name} ${formatNumber(this.read())}`);
  }
}

export class Histogram implements Metric {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;
  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly bounds: readonly number[],
  ) {
    this.counts = bounds.map(() => 0);
  }
  observe(value: number): void {
    this.sum += value;
    this.count++;
    const index = this.bounds.findIndex((bound) => value <= bound);
    if (index >= 0) this.counts[index] = (this.counts[index] ?? 0) + 1;
  }
  get observations(): number {
    return this.count;
  }
  render(lines: string[]): void {
    header(lines, this.name, this.help, 'histogram');
    let cumulative = 0;
    for (const [i, bound] of this.bounds.entries()) {
      cumulative += this.counts[i] ?? 0;
      lines.push(`${this.name}_bucket{le="${formatNumber(bound)}"} ${cumulative}`);
    }
    lines.push(`${this.name}_bucket{le="+Inf"} ${this.count}`);
    lines.push(`${this.name}_sum ${formatNumber(this.sum)}`);
    lines.push(`${this.name}_count ${this.count}`);
  }
}

export class Registry {
  private readonly metrics: Metric[] = [];
  register<T extends Metric>(metric: T): T {
    this.metrics.push(metric);
    return metric;
  }
  render(): string {
    const lines: string[] = [];
    for (const metric of this.metrics) metric.render(lines);
    return `${lines.join('\n')}\n`;
  }
}
