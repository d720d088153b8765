import express from 'express';
import { Redis } from 'ioredis';
import { listen, type RunningServer } from '../services/common/http.js';
import { buildGatewayBundle } from '../services/cli/demo-setup.js';
import { startDecisionService } from '../services/decision/index.js';
import { costNote, measuredLoad, medianOfRounds, type MeasuredRow } from './lib/load.js';
import type { BenchResult } from './lib/stats.js';
import { SAMPLE_INPUT } from './lib/sample-input.js';

export { SAMPLE_INPUT };

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 64;

/**
 * Decisions per second and latency for the gateway policy at 64
 * connections, beside an Express endpoint answering a constant JSON; then
 * both again at one connection, the latency of a decision without queueing.
 * Rounds interleave the two servers so load bursts on the machine hit both
 * alike; each figure is the median over the rounds.
 */
/** The Redis URL for decision logs, when one answers (REDIS_URL, else the local default). */
async function reachableRedis(): Promise<string | undefined> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000 });
  try {
    await client.connect();
    await client.ping();
    return url;
  } catch {
    return undefined;
  } finally {
    client.disconnect();
  }
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const client = new Redis(redisUrl);
  try {
    const keys = await client.keys(`${prefix}:*`);
    if (keys.length > 0) await client.del(...keys);
  } finally {
    client.disconnect();
  }
}

async function checkAllowed(url: string): Promise<void> {
  const check = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ input: SAMPLE_INPUT }),
  });
  const body = (await check.json()) as { result?: { allow?: boolean } };
  if (body.result?.allow !== true)
    throw new Error(`the sample input is not allowed: ${JSON.stringify(body)}`);
}

/**
 * Decisions per second and latency for the gateway policy at 64
 * connections, beside an Express endpoint answering a constant JSON, and
 * (when Redis answers) with every decision logged to Redis as deployed;
 * then all again at one connection, the latency of a decision without
 * queueing. Rounds interleave the servers so load bursts on the machine hit
 * all alike; each figure is the median over the rounds.
 */
export async function run(): Promise<BenchResult[]> {
  const servers: RunningServer[] = [];
  const app = express();
  app.use(express.json());
  app.post('/v1/data/gateway/decision', (_req, res) => {
    res.json({ result: { allow: true, reasons: [] } });
  });
  servers.push(await listen(app, 0));
  const bundle = await buildGatewayBundle();
  const rssBefore = process.memoryUsage().rss;
  const decision = await startDecisionService({ bundles: [bundle], port: 0 });
  const rssAfter = process.memoryUsage().rss;
  const redisUrl = await reachableRedis();
  const redisPrefix = `portcullis-bench-${process.pid}`;
  const logging = redisUrl
    ? await startDecisionService({ bundles: [bundle], port: 0, redisUrl, redisPrefix })
    : undefined;
  try {
    const path = '/v1/data/gateway/decision';
    const targets = [
      { name: 'express constant JSON', url: `${servers[0].url}${path}` },
      { name: 'decision service (gateway policy)', url: `${decision.url}${path}` },
    ];
    if (logging) targets.push({ name: '  + decision logs to Redis', url: `${logging.url}${path}` });
    for (const target of targets.slice(1)) await checkAllowed(target.url);
    const results: BenchResult[] = [];
    for (const connections of [CONNECTIONS, 1]) {
      const rounds: MeasuredRow[][] = targets.map(() => []);
      for (let round = 0; round < ROUNDS; round++) {
        for (const [i, target] of targets.entries()) {
          rounds[i].push(
            await measuredLoad(target.name, target.url, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ input: SAMPLE_INPUT }),
              connections,
              seconds: SECONDS,
              warmupSeconds: round === 0 ? 2 : 0,
            }),
          );
        }
      }
      const [baseline, ...services] = rounds.map(medianOfRounds);
      const memory = `+${((rssAfter - rssBefore) / 1048576).toFixed(1)} MiB RSS for the bundle and its workers`;
      const rows = services.map((row, i) => {
        const throughput = `throughput ${((row.per_sec! / baseline.per_sec!) * 100).toFixed(0)}% of baseline`;
        const extra = connections > 1 && i === 0 ? `; ${memory}` : '';
        return { ...row, note: `${throughput}; ${costNote(row)}${extra}` };
      });
      results.push({
        title: `POST ${path}, ${connections} connection${connections > 1 ? 's' : ''}, ${SECONDS} s x ${ROUNDS} rounds (median)`,
        baseline: baseline.name,
        rows: [{ ...baseline, note: costNote(baseline) }, ...rows],
      });
    }
    if (logging) {
      const stats = logging.context.queue?.stats();
      results[0].rows[2].note += `; decision logs: ${JSON.stringify(stats)}`;
    }
    return results;
  } finally {
    await decision.close();
    await logging?.close();
    if (redisUrl) await deleteKeys(redisUrl, redisPrefix);
    for (const server of servers) await server.close();
  }
}
