/** One row of a benchmark table. Times are in milliseconds. */
export interface BenchRow {
  name: string;
  median_ms: number;
  p99_ms: number;
  /** Throughput where it applies (requests or calls per second). */
  per_sec?: number;
  /** Free text (sizes, notes). */
  note?: string;
  /**
   * The ratio column when it is not this row's median over the baseline's
   * (a ratio measured pairwise, round by round).
   */
  ratio?: number;
}

export interface BenchResult {
  title: string;
  /** Name of the row the others are compared with. */
  baseline: string;
  rows: BenchRow[];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The median of each figure over rounds of one setup (the middle round's note). */
export function medianRow(rows: BenchRow[]): BenchRow {
  return {
    name: rows[0].name,
    median_ms: median(rows.map((r) => r.median_ms)),
    p99_ms: median(rows.map((r) => r.p99_ms)),
    per_sec: median(rows.map((r) => r.per_sec ?? 0)),
    note: rows[Math.floor(rows.length / 2)].note,
  };
}

/** Median and p99 of samples (ms). */
export function summarise(samples: number[]): { median_ms: number; p99_ms: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median_ms: percentile(sorted, 50), p99_ms: percentile(sorted, 99) };
}

/**
 * Times `fn` `iterations` times after `warmup` calls, in batches so that
 * sub-microsecond calls are still measurable; returns per-call samples.
 */
export async function timeCalls(
  fn: () => unknown | Promise<unknown>,
  options: { iterations?: number; warmup?: number; batch?: number } = {},
): Promise<number[]> {
  const iterations = options.iterations ?? 2000;
  const batch = options.batch ?? 1;
  for (let i = 0; i < (options.warmup ?? 200); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    for (let j = 0; j < batch; j++) await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6 / batch);
  }
  return samples;
}

export interface BatchTiming {
  /** Samples per function. */
  iterations: number;
  /** Calls per sample: a sample is the mean of a batch, so sub-microsecond calls are measurable. */
  batch: number;
  /** Untimed calls of each function first. */
  warmup: number;
}

/**
 * Per-call samples (ms) of synchronous functions timed batch by batch in
 * turn, the first of each turn rotating, so that the machine's drift and
 * bursts of load reach every function alike: on a shared machine, a ratio
 * between functions timed this way holds where separate runs do not.
 * Calls are not awaited (an await per call would add its own cost).
 */
export function timeInterleaved(fns: (() => unknown)[], timing: BatchTiming): number[][] {
  for (const fn of fns) for (let i = 0; i < timing.warmup; i++) fn();
  const samples: number[][] = fns.map(() => []);
  for (let i = 0; i < timing.iterations; i++) {
    for (let k = 0; k < fns.length; k++) {
      const which = (i + k) % fns.length;
      const fn = fns[which];
      const start = process.hrtime.bigint();
      for (let j = 0; j < timing.batch; j++) fn();
      samples[which].push(Number(process.hrtime.bigint() - start) / 1e6 / timing.batch);
    }
  }
  return samples;
}

function fmt(n: number | undefined, digits = 4): string {
  if (n === undefined || Number.isNaN(n)) return '-';
  if (n >= 100) return n.toFixed(0);
  return n.toPrecision(digits);
}

/** The table every bench prints: median, p99, throughput, ratio to the baseline's median. */
export function formatTable(result: BenchResult): string {
  const base = result.rows.find((r) => r.name === result.baseline);
  const header = ['case', 'median ms', 'p99 ms', 'per sec', `x ${result.baseline}`, 'note'];
  const lines = result.rows.map((row) => [
    row.name,
    fmt(row.median_ms),
    fmt(row.p99_ms),
    row.per_sec === undefined ? '-' : row.per_sec.toFixed(0),
    row.ratio !== undefined ? row.ratio.toFixed(2) : base ? (row.median_ms / base.median_ms).toFixed(2) : '-',
    row.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const render = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [
    `## ${result.title}`,
    render(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...lines.map(render),
  ].join('\n');
}
