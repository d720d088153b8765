import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { median, medianRow, type BenchRow } from './stats.js';

const AUTOCANNON = fileURLToPath(new URL('../../../node_modules/autocannon/autocannon.js', import.meta.url));
const AUTOCANNON_SRC = fileURLToPath(new URL('../../node_modules/autocannon/autocannon.js', import.meta.url));

export interface LoadOptions {
  /** @defaultValue 64 */
  connections?: number;
  /** @defaultValue BENCH_SECONDS or 8 */
  seconds?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

/**
 * HTTP load with autocannon in its own process, so the load generator does
 * not share the measured servers' event loop. Any non-2xx answer or error
 * fails the run: a benchmark of errors measures nothing.
 */
export function loadTest(name: string, url: string, options: LoadOptions = {}): Promise<BenchRow> {
  if (options.connections === 1) return oneConnection(name, url, options);
  const seconds = options.seconds ?? Number(process.env.BENCH_SECONDS ?? 8);
  const args = [
    '-j',
    '-c',
    String(options.connections ?? 64),
    '-d',
    String(seconds),
    '-m',
    options.method ?? 'GET',
  ];
  for (const [key, value] of Object.entries(options.headers ?? {})) args.push('-H', `${key}=${value}`);
  if (options.body !== undefined) args.push('-b', options.body);
  const script = import.meta.url.includes('/dist/') ? AUTOCANNON : AUTOCANNON_SRC;
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [script, ...args, url], { maxBuffer: 1 << 24 }, (err, stdout) => {
      if (err) return reject(err);
      const r = JSON.parse(stdout) as {
        non2xx: number;
        errors: number;
        latency: { p50: number; p99: number };
        requests: { average: number };
      };
      if (r.non2xx || r.errors)
        return reject(new Error(`${name}: ${r.non2xx} non-2xx answers, ${r.errors} errors`));
      resolve({ name, median_ms: r.latency.p50, p99_ms: r.latency.p99, per_sec: r.requests.average });
    }),
  );
}

/** Sequential requests on one connection, timed to the microsecond by latency-client.ts in its own process. */
function oneConnection(name: string, url: string, options: LoadOptions): Promise<BenchRow> {
  const script = fileURLToPath(
    new URL(`./latency-client${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
  );
  const args = JSON.stringify({
    url,
    seconds: options.seconds ?? Number(process.env.BENCH_SECONDS ?? 8),
    method: options.method ?? 'GET',
    headers: options.headers ?? {},
    body: options.body,
  });
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [script, args], { maxBuffer: 1 << 20 }, (err, stdout) => {
      if (err) return reject(err);
      const r = JSON.parse(stdout) as {
        latencies_ms: { p50: number; p99: number };
        per_sec: number;
        errors: number;
      };
      if (r.errors) return reject(new Error(`${name}: ${r.errors} answers were not 2xx`));
      resolve({ name, median_ms: r.latencies_ms.p50, p99_ms: r.latencies_ms.p99, per_sec: r.per_sec });
    }),
  );
}

/** A load's row plus what it cost this process (all its threads, not the load generator) per request. */
export interface MeasuredRow extends BenchRow {
  cpu_us_per_request: number;
  main_thread_busy_us_per_request: number;
}

/**
 * `loadTest` after an unmeasured warm-up, with this process's CPU time and
 * main-thread busy time per request: steadier than throughput when other
 * work shares the machine.
 */
export async function measuredLoad(
  name: string,
  url: string,
  options: LoadOptions & { warmupSeconds?: number },
): Promise<MeasuredRow> {
  const seconds = options.seconds ?? Number(process.env.BENCH_SECONDS ?? 8);
  if (options.warmupSeconds) await loadTest(name, url, { ...options, seconds: options.warmupSeconds });
  const busyBefore = performance.eventLoopUtilization();
  const cpuBefore = process.cpuUsage();
  const row = await loadTest(name, url, { ...options, seconds });
  const cpu = process.cpuUsage(cpuBefore);
  const busy = performance.eventLoopUtilization(busyBefore);
  const requests = Math.max(1, (row.per_sec ?? 0) * seconds);
  return {
    ...row,
    cpu_us_per_request: (cpu.user + cpu.system) / requests,
    main_thread_busy_us_per_request: (busy.active * 1000) / requests,
  };
}

/** The median of each figure over rounds of the same setup. */
export function medianOfRounds(rows: MeasuredRow[]): MeasuredRow {
  return {
    ...medianRow(rows),
    cpu_us_per_request: median(rows.map((r) => r.cpu_us_per_request)),
    main_thread_busy_us_per_request: median(rows.map((r) => r.main_thread_busy_us_per_request)),
  };
}

/** What a measured row cost, as a table note. */
export function costNote(row: MeasuredRow): string {
  const cpu = row.cpu_us_per_request.toFixed(0);
  const busy = row.main_thread_busy_us_per_request.toFixed(0);
  return `${cpu} us CPU/request, ${busy} us main-thread busy/request`;
}
