import { createServer } from 'node:http';
import autocannon from 'autocannon';
import { createServiceApp, listen, type RunningServer } from '../services/common/http.js';
import { createLogger } from '../services/common/logger.js';
import type { BenchResult, BenchRow } from './lib/stats.js';

/** autocannon against `url` for `seconds`; latency figures in ms. */
export async function load(name: string, url: string, seconds = 5, connections = 64): Promise<BenchRow> {
  const result = await autocannon({ url, connections, duration: seconds });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${name}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  }
  return {
    name,
    median_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    per_sec: result.requests.average,
  };
}

/**
 * The cost of the service frame every Portcullis service shares (Express,
 * request ids, JSON logs) on `GET /health`, against a bare node:http server.
 */
export async function run(): Promise<BenchResult> {
  const bare = createServer((_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end('{}');
  });
  const servers: RunningServer[] = [];
  try {
    servers.push(await listen(bare as never, 0));
    const devNull = { write: () => true } as unknown as NodeJS.WritableStream;
    const app = createServiceApp({ service: 'bench', logger: createLogger({ destination: devNull }) });
    servers.push(await listen(app, 0));
    const rows = [
      await load('node:http', `${servers[0].url}/health`),
      await load('service frame', `${servers[1].url}/health`),
    ];
    return { title: 'GET /health, 64 connections, 5 s each', baseline: 'node:http', rows };
  } finally {
    for (const server of servers) await server.close();
  }
}
