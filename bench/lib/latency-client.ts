import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';

/*
 * A one-connection client timing each request in microseconds (autocannon
 * reports whole milliseconds, too coarse for an unloaded request). Runs as
 * its own process: `node latency-client.js <json options>`; prints
 * `{ latencies_ms: { p50, p99 }, per_sec, errors }` as JSON.
 */

interface Options {
  url: string;
  seconds: number;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2]) as Options;
  const url = new URL(options.url);
  const pool = new Pool(url.origin, { connections: 1 });
  const samples: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + options.seconds * 1000;
  while (performance.now() < until) {
    const t0 = performance.now();
    const res = await pool.request({
      path: url.pathname + url.search,
      method: options.method,
      headers: options.headers,
      body: options.body,
    });
    await res.body.dump();
    samples.push(performance.now() - t0);
    if (res.statusCode >= 300) errors++;
  }
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  samples.sort((a, b) => a - b);
  const at = (p: number): number => samples[Math.min(samples.length - 1, Math.ceil(p * samples.length) - 1)];
  process.stdout.write(
    JSON.stringify({
      latencies_ms: { p50: at(0.5), p99: at(0.99) },
      per_sec: samples.length / elapsed,
      errors,
    }),
  );
}

await main();
