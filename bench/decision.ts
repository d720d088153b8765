import express from 'express';
import { listen, type RunningServer } from '../services/common/http.js';
import { buildGatewayBundle } from '../services/cli/demo-setup.js';
import { startDecisionService } from '../services/decision/index.js';
import { loadTest } from './lib/load.js';
import type { BenchResult } from './lib/stats.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 64;

/** A gateway decision input: an engineer reading a repository through the github connection. */
export const SAMPLE_INPUT = {
  phase: 'request',
  identity: {
    sub: 'alice',
    email: 'alice@example.com',
    groups: ['engineers'],
    type: 'user',
    method: 'jwt',
    claims: {},
  },
  connection: { name: 'github', tags: [] },
  request: {
    method: 'GET',
    path: '/repos/acme/api',
    segments: ['repos', 'acme', 'api'],
    query: {},
    headers: { accept: 'application/json' },
    body_status: 'empty',
    body_size: 0,
    content_type: null,
  },
  source: { ip: '127.0.0.1' },
  time: { unix_ms: 0, rfc3339: '2026-01-01T00:00:00Z', weekday: 'Thursday', hour: 0 },
};

/**
 * Decisions per second and latency for the gateway policy at 64
 * connections, beside an Express endpoint answering a constant JSON.
 */
export async function run(): Promise<BenchResult> {
  const servers: RunningServer[] = [];
  const app = express();
  app.use(express.json());
  app.post('/v1/data/gateway/decision', (_req, res) => {
    res.json({ result: { allow: true, reasons: [] } });
  });
  servers.push(await listen(app, 0));
  const rssBefore = process.memoryUsage().rss;
  const decision = await startDecisionService({ bundles: [await buildGatewayBundle()], port: 0 });
  const rssAfter = process.memoryUsage().rss;
  try {
    const check = await fetch(`${decision.url}/v1/data/gateway/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: SAMPLE_INPUT }),
    });
    const body = (await check.json()) as { result?: { allow?: boolean } };
    if (body.result?.allow !== true)
      throw new Error(`the sample input is not allowed: ${JSON.stringify(body)}`);
    const request = {
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: SAMPLE_INPUT }),
      connections: CONNECTIONS,
      seconds: SECONDS,
    };
    const rows = [
      await loadTest('express constant JSON', `${servers[0].url}/v1/data/gateway/decision`, request),
      await loadTest(
        'decision service (gateway policy)',
        `${decision.url}/v1/data/gateway/decision`,
        request,
      ),
    ];
    rows[1].note = `throughput ${((rows[1].per_sec! / rows[0].per_sec!) * 100).toFixed(0)}% of baseline; +${((rssAfter - rssBefore) / 1048576).toFixed(1)} MiB RSS for the bundle and its workers`;
    return {
      title: `POST /v1/data/gateway/decision, ${CONNECTIONS} connections, ${SECONDS} s each`,
      baseline: 'express constant JSON',
      rows,
    };
  } finally {
    await decision.close();
    for (const server of servers) await server.close();
  }
}
