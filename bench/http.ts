import { createServer } from 'node:http';
import { createServiceApp, listen, type RunningServer } from '../services/common/http.js';
import { createLogger } from '../services/common/logger.js';
import { loadTest } from './lib/load.js';
import type { BenchResult } from './lib/stats.js';

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
      await loadTest('node:http', `${servers[0].url}/health`, { seconds: 5 }),
      await loadTest('service frame', `${servers[1].url}/health`, { seconds: 5 }),
    ];
    return { title: 'GET /health, 64 connections, 5 s each', baseline: 'node:http', rows };
  } finally {
    for (const server of servers) await server.close();
  }
}
