import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './stats.js';

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
