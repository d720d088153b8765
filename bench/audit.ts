import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Redis } from 'ioredis';
import pg from 'pg';
import { pino } from 'pino';
import { auditConfigSchema } from '../services/audit/config.js';
import { requestEventBase, type RequestEvent } from '../services/audit/event.js';
import { AuditExporter } from '../services/audit/export/exporter.js';
import { AuditProducer } from '../services/audit/producer.js';
import { createSinkDriver } from '../services/audit/sinks/index.js';
import { auditStreamKeys } from '../services/audit/stream.js';
import { buildGatewayBundle } from '../services/cli/demo-setup.js';
import { startDecisionService } from '../services/decision/index.js';
import { startProxy } from '../services/proxy/index.js';
import { SAMPLE_INPUT } from './decision.js';
import { costNote, measuredLoad, medianOfRounds, type MeasuredRow } from './lib/load.js';
import { median, type BenchResult, type BenchRow } from './lib/stats.js';

/**
 * `npm run bench -- audit`: the audit trail's cost and throughput, in one run.
 *   1. Events per second from the producer to Redis (the baseline), to a
 *      JSONL file and to PostgreSQL (sinks of the export, as deployed).
 *   2. Proxy throughput with the policy's `audit: full` against `audit: none`.
 *   3. Decision service throughput with decision logs on against off.
 * Environment: PORTCULLIS_BENCH_AUDIT_EVENTS (20000 per round),
 * PORTCULLIS_BENCH_POSTGRES_URL (postgres://postgres@127.0.0.1:5432/test; the
 * PostgreSQL row is skipped when none answers), BENCH_SECONDS (5),
 * BENCH_ROUNDS (3), PORTCULLIS_BENCH_AUDIT_TABLES (export,proxy,decision:
 * the tables to run). Load generators run in their own process, backends in a
 * worker thread; rounds interleave the setups; each figure is the median.
 */
const EVENTS = Number(process.env.PORTCULLIS_BENCH_AUDIT_EVENTS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const POSTGRES_URL = process.env.PORTCULLIS_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const source = { service: 'bench', instance: 'bench' };

/** A request event as the proxy records one at level full for a small JSON answer. */
function sampleEvent(i: number): RequestEvent {
  return {
    ...requestEventBase(source, Date.now()),
    level: 'full',
    outcome: 'forwarded',
    error: null,
    identity: {
      sub: `user-${i % 50}`,
      type: 'user',
      method: 'jwt',
      issuer: 'https://idp',
      groups: ['engineers'],
    },
    connection: 'github',
    source_ip: '127.0.0.1',
    request: {
      method: 'GET',
      path: `/repos/acme/api/issues/${i}`,
      query: { state: ['open'] },
      headers: { accept: 'application/json', 'user-agent': 'bench' },
    },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: {
        size: 180,
        encoding: 'utf8',
        content: JSON.stringify({ id: i, title: 'Issue', body: 'x'.repeat(120), state: 'open' }),
        truncated: false,
      },
    },
    decision: {
      allow: true,
      reasons: ['allowed by the gateway role rules'],
      masks: { fields: ['**.ssn'], detectors: ['email'] },
      approval_required: false,
      fail_open: false,
    },
    durations: { total_ms: 1.2, authenticate_ms: 0.1, decide_ms: 0.5, upstream_ms: 0.4 },
    decision_id: randomBytes(16).toString('hex'),
  };
}

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function deleteKeys(prefix: string): Promise<void> {
  const client = new Redis(REDIS_URL);
  try {
    const keys = await client.keys(`${prefix}:*`);
    if (keys.length > 0) await client.del(...keys);
  } finally {
    client.disconnect();
  }
}

/**
 * One round: `EVENTS` events recorded by a producer; with a sink, until the
 * export has delivered them all. Returns the seconds it took.
 */
async function exportRound(
  sink: Record<string, unknown> | undefined,
): Promise<{ seconds: number; cpuSeconds: number }> {
  const prefix = `portcullis-bench-audit-${process.pid}-${randomBytes(3).toString('hex')}`;
  const producer = new AuditProducer({ redisUrl: REDIS_URL, prefix, source, bufferSize: 50_000 });
  await producer.ready();
  const config = auditConfigSchema.parse({
    transport: { trimIntervalMs: 100 },
    spool: { enabled: false },
    sinks: sink ? [{ ...sink, batch: { maxEvents: 1000, timeoutMs: 20 } }] : [],
  });
  const exporter = sink
    ? new AuditExporter({ redisUrl: REDIS_URL, prefix, config, logger: quiet, driverFor: createSinkDriver })
    : undefined;
  await exporter?.start();
  const events = Array.from({ length: EVENTS }, (_, i) => sampleEvent(i));
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < events.length; i++) {
    producer.record(events[i]);
    if (i % 5000 === 4999) await producer.flush(60_000);
  }
  await producer.flush(120_000);
  if (exporter) {
    // The driver's own count (health() refreshes only every trim interval).
    const driver = exporter.driver(config.sinks[0].name)!;
    const done = () => {
      const h = driver.health?.() ?? {};
      return Number(h.written ?? h.inserted ?? 0) >= EVENTS;
    };
    while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  await exporter?.close();
  await producer.close();
  await deleteKeys(prefix);
  return { seconds, cpuSeconds };
}

async function exportTable(): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'pc-bench-audit-'));
  const schema = `bench_audit_${process.pid}`;
  const withPostgres = await postgresAnswers();
  const setups: [string, () => Record<string, unknown> | undefined][] = [
    ['producer to Redis (stream)', () => undefined],
    [
      'producer to JSONL file',
      () => ({ type: 'file', name: 'file', dir: join(dir, `f${randomBytes(3).toString('hex')}`) }),
    ],
  ];
  if (withPostgres) {
    setups.push([
      'producer to PostgreSQL',
      () => ({
        type: 'postgres',
        name: 'store',
        url: POSTGRES_URL,
        schema: `${schema}_${randomBytes(3).toString('hex')}`,
      }),
    ]);
  }
  const times = new Map<string, number[]>(setups.map(([name]) => [name, []]));
  const cpus = new Map<string, number[]>(setups.map(([name]) => [name, []]));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, sink] of setups) {
        const { seconds, cpuSeconds } = await exportRound(sink());
        times.get(name)!.push(seconds);
        cpus.get(name)!.push(cpuSeconds);
      }
    }
  } finally {
    if (withPostgres) {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      const { rows } = await client.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`, [
        `${schema}%`,
      ]);
      for (const row of rows as { nspname: string }[])
        await client.query(`DROP SCHEMA "${row.nspname}" CASCADE`);
      await client.end();
    }
    await rm(dir, { recursive: true, force: true });
  }
  const rows: BenchRow[] = setups.map(([name]) => {
    const secs = times.get(name)!;
    const perSec = EVENTS / median(secs);
    const cpuPerEvent = (median(cpus.get(name)!) / EVENTS) * 1e6;
    return {
      name,
      median_ms: median(secs) * 1000,
      p99_ms: Math.max(...secs) * 1000,
      per_sec: perSec,
      note:
        `${Math.round(perSec).toLocaleString('en')} events/s (${EVENTS.toLocaleString('en')} per round, slowest round as p99); ` +
        `${cpuPerEvent.toFixed(1)} us CPU/event in this process (producer and export; Redis and PostgreSQL servers apart)`,
    };
  });
  if (!withPostgres)
    rows.push({
      name: 'producer to PostgreSQL',
      median_ms: NaN,
      p99_ms: NaN,
      note: `skipped: no PostgreSQL at ${POSTGRES_URL}`,
    });
  return {
    title: `Audit export: ${EVENTS.toLocaleString('en')} request events from the producer until every one is delivered, ${ROUNDS} rounds (median)`,
    baseline: rows[0].name,
    rows,
  };
}

// Plain JS in a worker thread: the upstream and two decision stand-ins (audit none, audit full; single and batch API).
const BACKENDS = `
const { createServer } = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const listen = (handler) => new Promise((resolve) => {
  const server = createServer(handler);
  server.keepAliveTimeout = 10000;
  server.listen(0, '127.0.0.1', () => resolve(server.address().port));
});
let counter = 0;
const decide = (level) => {
  const result = { ...workerData.decision, audit: { level, labels: { policy: 'bench' } } };
  return (req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (!req.url.startsWith('/v1/batch/'))
        return res.end(JSON.stringify({ decision_id: 'bench-' + ++counter, result }));
      const responses = {};
      for (const id of Object.keys(JSON.parse(Buffer.concat(chunks)).inputs))
        responses[id] = { decision_id: 'bench-' + ++counter, result };
      res.end(JSON.stringify({ responses }));
    });
  };
};
Promise.all([
  listen((_req, res) => { res.setHeader('content-type', 'application/json'); res.end(workerData.body); }),
  listen(decide('none')),
  listen(decide('full')),
]).then(([upstream, none, full]) => parentPort.postMessage({ upstream, none, full }));
`;

const UPSTREAM_BODY = JSON.stringify({
  id: 42,
  name: 'api',
  owner: { login: 'acme', email: 'ops@acme.test' },
  private: false,
});
const DECISION = {
  allow: true,
  reasons: ['allowed by the gateway role rules'],
  require_approval: null,
  mask: {
    fields: ['**.ssn', '**.password'],
    detectors: ['email', 'phone', 'credit_card', 'aws_key', 'private_key', 'jwt', 'bearer_token'],
  },
  headers: { set: { 'x-gateway-roles': 'developer' }, remove: [] },
  inspect_response: false,
};

async function proxyTable(): Promise<BenchResult> {
  const worker = new Worker(BACKENDS, {
    eval: true,
    workerData: { body: UPSTREAM_BODY, decision: DECISION },
  });
  const ports = await new Promise<{ upstream: number; none: number; full: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const prefix = `portcullis-bench-audit-proxy-${process.pid}`;
  // Bounded: the bench records hundreds of thousands of events and nothing exports them.
  const producer = new AuditProducer({ redisUrl: REDIS_URL, prefix, source, maxStreamLength: 20_000 });
  await producer.ready();
  process.env.PORTCULLIS_BENCH_UPSTREAM_TOKEN = 'bench-upstream-token-0123456789';
  const apiKey = `bench-key-${randomBytes(12).toString('hex')}`;
  const proxyFor = (decisionPort: number) =>
    startProxy(
      {
        decisionUrl: `http://127.0.0.1:${decisionPort}`,
        identity: {
          apiKeys: [
            {
              id: 'bench',
              sha256: createHash('sha256').update(apiKey).digest('hex'),
              subject: 'alice',
              groups: ['engineers'],
            },
          ],
        },
        connections: [
          {
            name: 'github',
            match: { pathPrefix: '/github' },
            upstream: `http://127.0.0.1:${ports.upstream}`,
            credential: { type: 'bearer', value: { env: 'PORTCULLIS_BENCH_UPSTREAM_TOKEN' } },
          },
        ],
      },
      { port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }), audit: producer },
    );
  const none = await proxyFor(ports.none);
  const full = await proxyFor(ports.full);
  const setups: [string, string][] = [
    ['proxy, audit: none (baseline)', `${none.url}/github/repos/acme/api`],
    ['proxy, audit: full', `${full.url}/github/repos/acme/api`],
  ];
  const measured = new Map<string, MeasuredRow[]>(setups.map(([name]) => [name, []]));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, url] of setups) {
        measured.get(name)!.push(
          await measuredLoad(name, url, {
            connections: 64,
            seconds: SECONDS,
            warmupSeconds: round === 0 ? 2 : 0,
            headers: { 'x-api-key': apiKey },
          }),
        );
      }
    }
  } finally {
    await none.close();
    await full.close();
    await producer.close();
    await worker.terminate();
    await deleteKeys(prefix);
  }
  const [baseline, audited] = setups.map(([name]) => medianOfRounds(measured.get(name)!));
  const stats = producer.stats();
  return {
    title: `Proxy GET through Portcullis, 64 connections, ${SECONDS} s x ${ROUNDS} rounds (median): the policy's audit level full against none`,
    baseline: baseline.name,
    rows: [
      { ...baseline, note: costNote(baseline) },
      {
        ...audited,
        note:
          `throughput ${((100 * audited.per_sec!) / baseline.per_sec!).toFixed(0)}% of audit: none ` +
          `(CPU ${((100 * baseline.cpu_us_per_request) / audited.cpu_us_per_request).toFixed(0)}%); ${costNote(audited)}; ` +
          `events sent ${stats.sent}, dropped ${stats.dropped}`,
      },
    ],
  };
}

async function decisionTable(): Promise<BenchResult> {
  const bundle = await buildGatewayBundle();
  const prefix = `portcullis-bench-audit-decision-${process.pid}`;
  const off = await startDecisionService({ bundles: [bundle], port: 0, logger: quiet });
  const on = await startDecisionService({
    bundles: [bundle],
    port: 0,
    logger: quiet,
    redisUrl: REDIS_URL,
    redisPrefix: prefix,
  });
  const path = '/v1/data/gateway/decision';
  const setups: [string, string][] = [
    ['decision service, decision logs off (baseline)', `${off.url}${path}`],
    ['decision service, decision logs to the audit stream', `${on.url}${path}`],
  ];
  const trim = new Redis(REDIS_URL);
  const measured = new Map<string, MeasuredRow[]>(setups.map(([name]) => [name, []]));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, url] of setups) {
        measured.get(name)!.push(
          await measuredLoad(name, url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ input: SAMPLE_INPUT }),
            connections: 64,
            seconds: SECONDS,
            warmupSeconds: round === 0 ? 2 : 0,
          }),
        );
        // Nothing exports in the bench: keep the stream from growing round after round.
        await trim.xtrim(auditStreamKeys(prefix).events, 'MAXLEN', 0);
      }
    }
  } finally {
    await off.close();
    await on.close();
    await trim.del(auditStreamKeys(prefix).events);
    trim.disconnect();
  }
  const [baseline, logged] = setups.map(([name]) => medianOfRounds(measured.get(name)!));
  return {
    title: `POST ${path} (gateway policy, its system.log.mask), 64 connections, ${SECONDS} s x ${ROUNDS} rounds (median): decision logs on against off`,
    baseline: baseline.name,
    rows: [
      { ...baseline, note: costNote(baseline) },
      {
        ...logged,
        note:
          `throughput ${((100 * logged.per_sec!) / baseline.per_sec!).toFixed(0)}% of logs off ` +
          `(CPU ${((100 * baseline.cpu_us_per_request) / logged.cpu_us_per_request).toFixed(0)}%); ${costNote(logged)}`,
      },
    ],
  };
}

const TABLES: Record<string, () => Promise<BenchResult>> = {
  export: exportTable,
  proxy: proxyTable,
  decision: decisionTable,
};

export async function run(): Promise<BenchResult[]> {
  const names = (process.env.PORTCULLIS_BENCH_AUDIT_TABLES ?? Object.keys(TABLES).join(',')).split(',');
  const results: BenchResult[] = [];
  for (const name of names) {
    const table = TABLES[name.trim()];
    if (!table)
      throw new Error(`PORTCULLIS_BENCH_AUDIT_TABLES: no table "${name}" (export, proxy, decision)`);
    results.push(await table());
  }
  return results;
}
