import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { pino } from 'pino';
import { Pool } from 'undici';
import { startProxy } from '../services/proxy/index.js';
import type { BenchResult, BenchRow } from './lib/stats.js';

/**
 * `npm run bench -- proxy`: the cost of Portcullis on the request path, at
 * 64 connections against a local upstream, in one run:
 *   1. direct to the upstream;
 *   2. through a bare undici pass-through proxy (no policy);
 *   3. through Portcullis (JWT check, decision, credential injection, masking).
 * The decision comes from the real decision service serving policies/gateway
 * (compiled by our compiler), started in a worker thread; or from
 * PORTCULLIS_BENCH_DECISION_URL when set; or, if the service cannot start,
 * from a stand-in endpoint answering the gateway policy's decision for this
 * request (the row's note says which).
 * Environment: PORTCULLIS_BENCH_SECONDS (5), _CONNECTIONS (64), _ROUNDS (3).
 * The load generator (autocannon workers) and the backends (upstream and
 * stand-in, one worker thread) run off the main thread, so the proxies under
 * test have the main event loop to themselves, as they would in production.
 */
const SECONDS = Number(process.env.PORTCULLIS_BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.PORTCULLIS_BENCH_CONNECTIONS ?? 64);
const WARMUP_SECONDS = 2;
const ROUNDS = Number(process.env.PORTCULLIS_BENCH_ROUNDS ?? 3);
const BODY = JSON.stringify({
  id: 42,
  name: 'api',
  owner: { login: 'acme', email: 'ops@acme.test' },
  private: false,
});

interface Closable {
  url: string;
  close(): Promise<void>;
}

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Closable> {
  const server: Server = createServer(handler);
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What policies/gateway decides for an engineer reading a repository. */
const GATEWAY_DECISION = {
  allow: true,
  reasons: ['allowed by the gateway role rules'],
  require_approval: null,
  mask: {
    fields: ['**.ssn', '**.password', '**.date_of_birth', '**.card_number'],
    detectors: ['email', 'phone', 'credit_card', 'iban', 'aws_key', 'private_key', 'jwt', 'bearer_token'],
  },
  headers: { set: { 'x-gateway-roles': 'developer' }, remove: [] },
  audit: { level: 'basic', labels: { policy: 'gateway', connection: 'github' } },
  inspect_response: false,
};

async function load(
  name: string,
  url: string,
  headers: Record<string, string> = {},
  note?: string,
): Promise<BenchRow> {
  // Warm-up (not measured): JIT, keep-alive pools, JWKS and token caches.
  await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_SECONDS, headers, workers: 1 });
  const before = performance.eventLoopUtilization();
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers, workers: 1 });
  const busy = performance.eventLoopUtilization(before);
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${name}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  }
  // Main-thread busy time per request: what the proxy under test costs, less sensitive to a loaded machine.
  const busyUs = (busy.active * 1000) / Math.max(1, result.requests.total);
  const cost = `${busyUs.toFixed(0)} us main-thread busy/request`;
  return {
    name,
    median_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    per_sec: result.requests.average,
    note: note ? `${note}; ${cost}` : cost,
  };
}

const DECISION_ROLE = 'portcullis-bench-decision-service';

/**
 * The real decision service with the gateway policy compiled by our
 * compiler, in its own worker thread (this same module, see the end of the
 * file) so its HTTP front does not share the proxy's event loop.
 */
async function startGatewayDecisionService(): Promise<Closable> {
  const worker = new Worker(new URL(import.meta.url), { workerData: { role: DECISION_ROLE } });
  const answer = await new Promise<{ url?: string; error?: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no answer within 120 s')), 120_000);
    worker.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as { url?: string; error?: string });
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  if (!answer.url) {
    await worker.terminate();
    throw new Error(answer.error ?? 'no URL');
  }
  return { url: answer.url, close: async () => void (await worker.terminate()) };
}

async function serveGatewayDecisions(): Promise<void> {
  try {
    const { buildGatewayBundle } = await import('../services/cli/demo-setup.js');
    const { startDecisionService } = await import('../services/decision/index.js');
    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const service = await startDecisionService({
      bundles: [await buildGatewayBundle()],
      port: 0,
      logger: quiet,
    });
    parentPort!.postMessage({ url: service.url });
  } catch (err) {
    parentPort!.postMessage({ error: (err as Error).message });
  }
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === DECISION_ROLE) {
  void serveGatewayDecisions();
}

// Plain JS run in a worker thread: the upstream API and the decision stand-in.
const BACKENDS = `
const { createServer } = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const listen = (handler) => new Promise((resolve) => {
  const server = createServer(handler);
  server.keepAliveTimeout = 10000;
  server.listen(0, '127.0.0.1', () => resolve(server.address().port));
});
let counter = 0;
Promise.all([
  listen((_req, res) => { res.setHeader('content-type', 'application/json'); res.end(workerData.body); }),
  listen((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ decision_id: 'bench-' + ++counter, result: workerData.decision }));
    });
  }),
]).then(([upstream, decision]) => parentPort.postMessage({ upstream, decision }));
`;

async function startBackends(): Promise<{ upstream: string; decision: string; close(): Promise<void> }> {
  const worker = new Worker(BACKENDS, { eval: true, workerData: { body: BODY, decision: GATEWAY_DECISION } });
  const ports = await new Promise<{ upstream: number; decision: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    upstream: `http://127.0.0.1:${ports.upstream}`,
    decision: `http://127.0.0.1:${ports.decision}`,
    close: async () => void (await worker.terminate()),
  };
}

export async function run(): Promise<BenchResult> {
  const open: Closable[] = [];
  try {
    const backends = await startBackends();
    open.push({ url: '', close: backends.close });
    const upstream = { url: backends.upstream };

    const pool = new Pool(upstream.url, { connections: 128 });
    const bare = await serve(async (req, res) => {
      try {
        const answer = await pool.request({
          method: 'GET',
          path: req.url!,
          headers: { 'x-forwarded-for': '127.0.0.1' },
        });
        res.writeHead(answer.statusCode, answer.headers as Record<string, string>);
        await pipeline(answer.body, res);
      } catch {
        res.destroy();
      }
    });
    open.push(bare, { url: '', close: () => pool.close() });

    let decisionUrl = process.env.PORTCULLIS_BENCH_DECISION_URL;
    let decisionNote = 'decision service at PORTCULLIS_BENCH_DECISION_URL';
    if (!decisionUrl) {
      try {
        const service = await startGatewayDecisionService();
        open.push(service);
        decisionUrl = service.url;
        decisionNote = 'decision service, policies/gateway';
      } catch (err) {
        decisionUrl = backends.decision;
        decisionNote = `stand-in decision endpoint (decision service failed: ${(err as Error).message})`;
      }
    }

    const { publicKey, privateKey } = await generateKeyPair('RS256');
    process.env.PORTCULLIS_BENCH_UPSTREAM_TOKEN = 'bench-upstream-token-0123456789';
    const proxy = await startProxy(
      {
        decisionUrl,
        identity: {
          issuers: [
            {
              issuer: 'https://bench.test',
              audience: 'portcullis',
              algorithms: ['RS256'],
              publicKeys: [{ pem: await exportSPKI(publicKey), algorithm: 'RS256' }],
            },
          ],
        },
        connections: [
          {
            name: 'github',
            match: { pathPrefix: '/github' },
            upstream: upstream.url,
            credential: { type: 'bearer', value: { env: 'PORTCULLIS_BENCH_UPSTREAM_TOKEN' } },
          },
        ],
      },
      { port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) },
    );
    open.push(proxy);
    const token = await new SignJWT({ groups: ['engineers'], email: 'alice@acme.test' })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer('https://bench.test')
      .setAudience('portcullis')
      .setSubject('alice')
      .setExpirationTime('1h')
      .sign(privateKey);

    // Rounds interleave the setups; each keeps its best round, so a burst of
    // load from elsewhere on the machine does not decide the comparison.
    const setups: [string, string, Record<string, string>, string | undefined][] = [
      ['direct', `${upstream.url}/repos/acme/api`, {}, undefined],
      ['bare undici proxy', `${bare.url}/repos/acme/api`, {}, undefined],
      [
        'portcullis',
        `${proxy.url}/github/repos/acme/api`,
        { authorization: `Bearer ${token}` },
        decisionNote,
      ],
    ];
    const best = new Map<string, BenchRow>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, url, headers, note] of setups) {
        const row = await load(name, url, headers, note);
        const kept = best.get(name);
        if (!kept || (row.per_sec ?? 0) > (kept.per_sec ?? 0)) best.set(name, row);
      }
    }
    const rows = setups.map(([name]) => best.get(name)!);
    return {
      title: `GET /repos/acme/api, ${CONNECTIONS} connections, best of ${ROUNDS} rounds of ${SECONDS} s`,
      baseline: 'bare undici proxy',
      rows,
    };
  } finally {
    for (const item of open.reverse()) await item.close();
    delete process.env.PORTCULLIS_BENCH_UPSTREAM_TOKEN;
  }
}
