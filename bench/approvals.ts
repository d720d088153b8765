import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { openApprovals } from '../services/approvals/connect.js';
import { ApprovalKeys } from '../services/approvals/store/keys.js';
import type { NewApproval } from '../services/approvals/types.js';
import { hashApiKey } from '../services/proxy/identity/api-keys.js';
import { startProxy, type ProxyConfigInput } from '../services/proxy/index.js';
import { startWorkers } from '../services/workers/index.js';
import { costNote, measuredLoad } from './lib/load.js';
import { medianRow, summarise, type BenchResult, type BenchRow } from './lib/stats.js';

/**
 * `npm run bench -- approvals`, in one run:
 *   1. wake-up: from the approving API call (POST /v1/approvals/{id}/approve
 *      on the workers) to the held request reaching the upstream, one
 *      approval at a time; the baseline is a request that needs no
 *      approval through the same proxy;
 *   2. throughput of requests that need no approval with the grants lookup
 *      on (the proxy has an approval store; grants cached up to a second,
 *      dropped on pub/sub) as a ratio to the same proxy without one; a third
 *      row looks grants up in Redis on every request (cache off);
 *   3. Redis memory per pending approval: every key of the approvals (record,
 *      indexes, transitions stream, its BullMQ expiry job), summed with
 *      MEMORY USAGE under a prefix of the bench's own, divided by the count.
 * Redis: REDIS_URL (default redis://127.0.0.1:6379); every key is deleted after.
 * Environment: PORTCULLIS_BENCH_APPROVALS (wake-ups, 200), _SECONDS (5),
 * _CONNECTIONS (64), _ROUNDS (3), _PENDING (memory sample, 1000).
 */
const WAKEUPS = Number(process.env.PORTCULLIS_BENCH_APPROVALS ?? 200);
const SECONDS = Number(process.env.PORTCULLIS_BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.PORTCULLIS_BENCH_CONNECTIONS ?? 64);
const ROUNDS = Number(process.env.PORTCULLIS_BENCH_ROUNDS ?? 3);
const PENDING = Number(process.env.PORTCULLIS_BENCH_PENDING ?? 1000);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const API_KEY = 'bench-caller-key-' + 'c'.repeat(20);
const REVIEWER_KEY = 'bench-reviewer-key-' + 'r'.repeat(20);
const BODY = JSON.stringify({ id: 42, name: 'api', owner: { login: 'acme' } });

const quiet = pino({ level: 'silent' });

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler);
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const identity = {
  apiKeys: [
    { id: 'caller', sha256: hashApiKey(API_KEY), subject: 'alice', groups: ['engineers'] },
    { id: 'reviewer', sha256: hashApiKey(REVIEWER_KEY), subject: 'bob', groups: ['owners'] },
  ],
};

/** The decision every bench request gets: POSTs need approval, the rest are allowed. */
function decisionFor(method: string) {
  return {
    allow: true,
    reasons: ['bench'],
    require_approval:
      method === 'POST'
        ? {
            reason: 'bench',
            reviewers: { groups: ['owners'], users: [] },
            min_approvals: 1,
            ttl_seconds: 600,
          }
        : null,
  };
}

function proxyConfig(
  decisionUrl: string,
  upstream: string,
  extra: Partial<ProxyConfigInput>,
): ProxyConfigInput {
  process.env.PORTCULLIS_BENCH_UPSTREAM_TOKEN = 'bench-upstream-token-0123456789';
  return {
    decisionUrl,
    identity,
    connections: [
      {
        name: 'api',
        match: { pathPrefix: '/api' },
        upstream,
        credential: { type: 'bearer', value: { env: 'PORTCULLIS_BENCH_UPSTREAM_TOKEN' } },
        approval: { mode: 'hold', holdSeconds: 60 },
      },
    ],
    ...extra,
  };
}

/** 1: approve → held request at the upstream, against a request that needs no approval. */
async function wakeups(prefix: string): Promise<BenchResult> {
  const arrivals: number[] = [];
  const upstream = await serve((req, res) => {
    arrivals.push(performance.now());
    req.resume();
    req.on('end', () => res.end(BODY));
  });
  const decision = await serve((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { input } = JSON.parse(Buffer.concat(chunks).toString()) as {
        input: { request: { method: string } };
      };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ decision_id: 'bench', result: decisionFor(input.request.method) }));
    });
  });
  const workers = await startWorkers({
    redisUrl: REDIS_URL,
    prefix,
    host: '127.0.0.1',
    port: 0,
    logger: quiet,
    approvals: { identity },
  });
  const proxy = await startProxy(
    proxyConfig(decision.url, upstream.url, { approvals: { redisUrl: REDIS_URL, prefix } }),
    { port: 0, host: '127.0.0.1', logger: quiet },
  );
  const subscriber = new Redis(REDIS_URL);
  const keys = new ApprovalKeys(prefix);
  let onPending: ((id: string) => void) | undefined;
  subscriber.on('message', (_channel, text: string) => {
    const notice = JSON.parse(text) as { k: string; id: string; s: string };
    if (notice.k === 'a' && notice.s === 'pending') onPending?.(notice.id);
  });
  await subscriber.subscribe(keys.changes);
  try {
    const wake: number[] = [];
    const api: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < WAKEUPS + 20; i++) {
      const created = new Promise<string>((resolve) => (onPending = resolve));
      const held = fetch(`${proxy.url}/api/items`, {
        method: 'POST',
        headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ n: i }),
      });
      const id = await created;
      const before = arrivals.length;
      const started = performance.now();
      const approved = await fetch(`${workers.url}/v1/approvals/${id}/approve`, {
        method: 'POST',
        headers: { 'x-api-key': REVIEWER_KEY, 'content-type': 'application/json' },
        body: '{}',
      });
      const answered = performance.now();
      await approved.arrayBuffer();
      const response = await held;
      await response.arrayBuffer();
      if (response.status !== 200 || arrivals.length !== before + 1)
        throw new Error(`held request answered ${response.status}`);
      const plainStart = performance.now();
      const get = await fetch(`${proxy.url}/api/items`, { headers: { 'x-api-key': API_KEY } });
      await get.arrayBuffer();
      const plainEnd = performance.now();
      if (i < 20) continue; // warm-up
      wake.push(arrivals[before] - started);
      api.push(answered - started);
      plain.push(plainEnd - plainStart);
    }
    const rows: BenchRow[] = [
      {
        name: 'request with no approval (baseline)',
        ...summarise(plain),
        note: 'GET through the same proxy, one at a time',
      },
      {
        name: 'approve call answered',
        ...summarise(api),
        note: 'POST /v1/approvals/{id}/approve on the workers',
      },
      {
        name: 'approve call → held request at upstream',
        ...summarise(wake),
        note: `target p50 < 20 ms; ${WAKEUPS} approvals, one at a time (API, Lua, pub/sub, execute, forward)`,
      },
    ];
    return {
      title: 'approvals: waking a held request',
      baseline: 'request with no approval (baseline)',
      rows,
    };
  } finally {
    subscriber.disconnect();
    await proxy.close();
    await workers.close();
    await Promise.all([upstream.close(), decision.close()]);
  }
}

// The upstream and the decision stand-in for the throughput table, in a worker thread.
const BACKENDS = `
const { createServer } = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const listen = (handler) => new Promise((resolve) => {
  const server = createServer(handler);
  server.keepAliveTimeout = 10000;
  server.listen(0, '127.0.0.1', () => resolve(server.address().port));
});
Promise.all([
  listen((_req, res) => { res.setHeader('content-type', 'application/json'); res.end(workerData.body); }),
  listen((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(workerData.decision);
    });
  }),
]).then(([upstream, decision]) => parentPort.postMessage({ upstream, decision }));
`;

/** 2: throughput of requests needing no approval, grants lookup on (cached, and uncached) against off. */
async function throughput(prefix: string): Promise<BenchResult> {
  const decision = JSON.stringify({ decision_id: 'bench', result: decisionFor('GET') });
  const worker = new Worker(BACKENDS, { eval: true, workerData: { body: BODY, decision } });
  const ports = await new Promise<{ upstream: number; decision: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const upstream = `http://127.0.0.1:${ports.upstream}`;
  const decisionUrl = `http://127.0.0.1:${ports.decision}`;
  const store = { redisUrl: REDIS_URL, prefix };
  const start = (extra: Partial<ProxyConfigInput>) =>
    startProxy(proxyConfig(decisionUrl, upstream, extra), { port: 0, host: '127.0.0.1', logger: quiet });
  const off = await start({});
  const on = await start({ approvals: store });
  const uncached = await start({ approvals: { ...store, grantCacheMs: 0 } });
  try {
    const setups: [string, string][] = [
      ['grants lookup off (baseline)', off.url],
      ['grants lookup on', on.url],
      ['grants lookup on, no cache', uncached.url],
    ];
    const measured = new Map<string, BenchRow[]>(setups.map(([name]) => [name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, url] of setups) {
        const row = await measuredLoad(name, `${url}/api/items`, {
          connections: CONNECTIONS,
          seconds: SECONDS,
          warmupSeconds: 2,
          headers: { 'x-api-key': API_KEY },
        });
        measured.get(name)!.push({ ...row, note: costNote(row) });
      }
    }
    const rows = setups.map(([name]) => medianRow(measured.get(name)!));
    const base = rows[0].per_sec!;
    for (const row of rows.slice(1))
      row.note = `${((100 * row.per_sec!) / base).toFixed(1)}% of the baseline's throughput (target ≥ 95% cached); ${row.note}`;
    return {
      title: `approvals: proxy throughput, requests needing no approval, ${CONNECTIONS} connections`,
      baseline: 'grants lookup off (baseline)',
      rows,
    };
  } finally {
    await Promise.all([off.close(), on.close(), uncached.close()]);
    await worker.terminate();
  }
}

/** 3: bytes of Redis per pending approval, with its transition event and its expiry job. */
async function memory(prefix: string): Promise<BenchResult> {
  const workers = await startWorkers({
    redisUrl: REDIS_URL,
    prefix,
    host: '127.0.0.1',
    port: 0,
    logger: quiet,
    approvals: { identity },
  });
  const opened = openApprovals({
    redisUrl: REDIS_URL,
    prefix,
    settings: { executeWindowSeconds: 3600, retentionDays: 7, maxReasonLength: 1000 },
  });
  const redis = new Redis(REDIS_URL);
  try {
    const approval: NewApproval = {
      requester: { sub: 'alice', email: 'alice@example.com', groups: ['engineers'], type: 'user' },
      connection: 'crm',
      digest: 'd'.repeat(64),
      requirement: {
        reason: "creating a customer needs a CRM owner's approval",
        reviewers: { groups: ['crm-owners'], users: [] },
        min_approvals: 1,
        ttl_seconds: 900,
        reason_required: false,
        grant: { duration_seconds: 900, methods: ['POST'], paths: ['/customers'], max_uses: 5 },
        break_glass: false,
        notify: { slack_channels: [] },
      },
      policy_reasons: [
        'allowed by the gateway role rules',
        "creating a customer needs a CRM owner's approval",
      ],
      caller_reason: 'onboarding a new customer',
      request: {
        method: 'POST',
        path: '/customers',
        query: {},
        headers: { 'content-type': 'application/json', 'user-agent': 'curl/8.5.0', accept: '*/*' },
        body: {
          size: 120,
          content_type: 'application/json',
          excerpt: JSON.stringify({
            name: 'Grace Hopper',
            email: '[MASKED]',
            phone: '[MASKED]',
            plan: 'pro',
          }),
          truncated: false,
        },
      },
      decision_id: '0190d8f0-0000-7000-8000-000000000000',
      mode: 'async',
    };
    const ids: string[] = [];
    for (let i = 0; i < PENDING; i++) ids.push((await opened.approvals.request(approval)).id);
    // Wait until the feed has scheduled every expiry job (each job id is its approval's id).
    for (;;) {
      const delayed = await workers.approvals!.queues.expiry.getDelayedCount();
      if (delayed >= PENDING) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    let bytes = 0;
    let keyCount = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        bytes += Number((await redis.memory('USAGE', key, 'SAMPLES', '0')) ?? 0);
        keyCount++;
      }
    } while (cursor !== '0');
    const record = Number(
      (await redis.memory('USAGE', new ApprovalKeys(prefix).approval(ids[0]), 'SAMPLES', '0')) ?? 0,
    );
    const per = bytes / PENDING;
    return {
      title: 'approvals: Redis memory per pending approval',
      baseline: 'per pending approval, everything',
      rows: [
        {
          name: 'per pending approval, everything',
          median_ms: NaN,
          p99_ms: NaN,
          note: `${per.toFixed(0)} bytes (${(bytes / 1024 / 1024).toFixed(2)} MiB for ${PENDING}, ${keyCount} keys: records, indexes, stream, expiry jobs)`,
        },
        {
          name: 'the approval record alone',
          median_ms: NaN,
          p99_ms: NaN,
          note: `${record} bytes (one hash)`,
        },
      ],
    };
  } finally {
    redis.disconnect();
    await opened.close();
    await workers.close();
  }
}

async function deletePrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}

export async function run(): Promise<BenchResult[]> {
  const prefix = `pc-bench-approvals-${process.pid}`;
  const results: BenchResult[] = [];
  try {
    results.push(await wakeups(`${prefix}-wake`));
    results.push(await throughput(`${prefix}-load`));
    results.push(await memory(`${prefix}-memory`));
  } finally {
    for (const part of ['wake', 'load', 'memory']) await deletePrefix(`${prefix}-${part}`);
  }
  return results;
}
