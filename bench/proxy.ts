import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { pino } from 'pino';
import { Pool } from 'undici';
import { startProxy, type ProxyConfigInput } from '../services/proxy/index.js';
import { costNote, loadTest, measuredLoad, medianOfRounds, type MeasuredRow } from './lib/load.js';
import { median, medianRow, type BenchResult, type BenchRow } from './lib/stats.js';

/**
 * `npm run bench -- proxy`: the cost of Portcullis on the request path
 * against a local upstream, in one run:
 *   1. direct to the upstream;
 *   2. through a bare undici pass-through proxy (no policy);
 *   3. through Portcullis (JWT check, decision, credential injection, masking),
 *      asking the decision service over HTTP;
 *   4. the same, deciding in-process (embedded: `decision.bundles`, same bundle).
 * Two tables: throughput at 64 connections (where latency is mostly
 * queueing: 64 / throughput), and unloaded latency at 1 connection, one
 * request at a time, which is what one request pays for passing Portcullis.
 * The decision comes from the real decision service serving policies/gateway
 * (compiled by our compiler), started in a worker thread; or from
 * PORTCULLIS_BENCH_DECISION_URL when set; or, if the service cannot start,
 * from a stand-in endpoint answering the gateway policy's decision for this
 * request (the row's note says which). When the real service is used, a
 * last row runs the same proxy against the stand-in, separating the
 * proxy's own cost from the decision service's.
 * Environment: PORTCULLIS_BENCH_SECONDS (5), _CONNECTIONS (64), _ROUNDS (5),
 * _DECISION_WORKERS (1, evaluation threads of the decision service and of
 * the embedded engine),
 * _LATENCY_SECONDS (3, per setup and round of the 1-connection table),
 * _ONLY (a comma-separated subset of http, embedded, stand-in: the
 * Portcullis rows to run, beside the bare proxy; for iterating),
 * _TABLES (throughput,latency: the tables to measure).
 * The load generator (autocannon, its own process) and the backends
 * (upstream and stand-in, one worker thread) run off the main thread, so the
 * proxies under test have the main event loop to themselves, as they would in
 * production. Each figure is the median over the interleaved rounds.
 */
const SECONDS = Number(process.env.PORTCULLIS_BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.PORTCULLIS_BENCH_CONNECTIONS ?? 64);
const WARMUP_SECONDS = 2;
// Five rounds: on a shared machine the ratios move with load; the median of more rounds moves less.
const ROUNDS = Number(process.env.PORTCULLIS_BENCH_ROUNDS ?? 5);
// One evaluation thread keeps up with this load (the gateway policy evaluates in
// tens of microseconds) and leaves the 2-core machines we bench on to the proxies.
const DECISION_WORKERS = Number(process.env.PORTCULLIS_BENCH_DECISION_WORKERS ?? 1);
const LATENCY_SECONDS = Number(process.env.PORTCULLIS_BENCH_LATENCY_SECONDS ?? 3);
const ONLY = new Set((process.env.PORTCULLIS_BENCH_ONLY ?? 'http,embedded,stand-in').split(','));
const TABLES = new Set((process.env.PORTCULLIS_BENCH_TABLES ?? 'throughput,latency').split(','));
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

/**
 * One measured load (after an unmeasured warm-up: JIT, keep-alive pools,
 * JWKS and token caches) from autocannon in its own process, so the load
 * generator competes for the cores like any other client instead of sharing
 * this process's threads. Every setup gets the same settings.
 */
function load(
  name: string,
  url: string,
  headers: Record<string, string>,
  note?: string,
): Promise<MeasuredRow> {
  const options = { connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, headers };
  return measuredLoad(name, url, options).then((row) => ({ ...row, note }));
}

const DECISION_ROLE = 'portcullis-bench-decision-service';

/**
 * The real decision service with the gateway policy compiled by our
 * compiler, in its own worker thread (this same module, see the end of the
 * file) so its HTTP front does not share the proxy's event loop.
 */
async function startGatewayDecisionService(): Promise<Closable & { bundle: string }> {
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { role: DECISION_ROLE, workers: DECISION_WORKERS },
  });
  const answer = await new Promise<{ url?: string; bundle?: string; error?: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no answer within 120 s')), 120_000);
    worker.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as { url?: string; bundle?: string; error?: string });
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  if (!answer.url || !answer.bundle) {
    await worker.terminate();
    throw new Error(answer.error ?? 'no URL');
  }
  return { url: answer.url, bundle: answer.bundle, close: async () => void (await worker.terminate()) };
}

async function serveGatewayDecisions(): Promise<void> {
  try {
    const { buildGatewayBundle } = await import('../services/cli/demo-setup.js');
    const { startDecisionService } = await import('../services/decision/index.js');
    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const bundle = await buildGatewayBundle();
    const service = await startDecisionService({
      bundles: [bundle],
      port: 0,
      logger: quiet,
      workers: (workerData as { workers: number }).workers,
    });
    parentPort!.postMessage({ url: service.url, bundle });
  } catch (err) {
    parentPort!.postMessage({ error: (err as Error).message });
  }
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === DECISION_ROLE) {
  void serveGatewayDecisions();
}

// Plain JS run in a worker thread: the upstream API and the decision stand-in (single and batch API).
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
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (!req.url.startsWith('/v1/batch/'))
        return res.end(JSON.stringify({ decision_id: 'bench-' + ++counter, result: workerData.decision }));
      const responses = {};
      for (const id of Object.keys(JSON.parse(Buffer.concat(chunks)).inputs))
        responses[id] = { decision_id: 'bench-' + ++counter, result: workerData.decision };
      res.end(JSON.stringify({ responses }));
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

/** A row of the bench: name, URL, request headers, note. */
type Setup = [string, string, Record<string, string>, string | undefined];

/**
 * The throughput table: every setup once per round, interleaved; each
 * Portcullis row's ratio is the median over rounds of its throughput over
 * the bare proxy's in the same round (steadier on a loaded machine than a
 * ratio of medians), and its headline cost is the median CPU time per
 * request of this process (proxy, decision service and upstream threads).
 */
async function throughputTable(setups: Setup[]): Promise<BenchRow[]> {
  const measured = new Map<string, MeasuredRow[]>(setups.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, url, headers, note] of setups)
      measured.get(name)!.push(await load(name, url, headers, note));
  }
  const bareRounds = measured.get('bare undici proxy')!;
  return setups.map(([name, , , note]) => {
    const rounds = measured.get(name)!;
    const row: BenchRow = medianRow(rounds);
    const cost = costNote(medianOfRounds(rounds));
    if (name === 'direct' || name === 'bare undici proxy') return { ...row, note: cost };
    const ratios = rounds.map((r, i) => r.per_sec! / bareRounds[i].per_sec!);
    const bare = medianRow(bareRounds);
    row.note =
      `${(100 * median(ratios)).toFixed(0)}% of the bare proxy's throughput, ` +
      `${(row.median_ms - bare.median_ms).toFixed(1)} ms added at p50; ${cost}${note ? `; ${note}` : ''}`;
    return row;
  });
}

/** The 1-connection table: unloaded latency, p50 and p99 added over the bare proxy. */
async function latencyTable(setups: Setup[]): Promise<BenchRow[]> {
  const sequential = new Map<string, BenchRow[]>(setups.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, url, headers] of setups)
      sequential
        .get(name)!
        .push(await loadTest(name, url, { connections: 1, seconds: LATENCY_SECONDS, headers }));
  }
  const bare = medianRow(sequential.get('bare undici proxy')!);
  return setups.map(([name, , , note]) => {
    const row = medianRow(sequential.get(name)!);
    if (name === 'direct' || name === 'bare undici proxy') return { ...row, note: undefined };
    const added = (field: 'median_ms' | 'p99_ms') => ((row[field] - bare[field]) * 1000).toFixed(0);
    return { ...row, note: `${added('median_ms')} us added at p50, ${added('p99_ms')} us at p99; ${note}` };
  });
}

export async function run(): Promise<BenchResult[]> {
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
    // The gateway bundle the decision service loaded (the embedded row loads the same file).
    let gatewayBundle: string | undefined;
    if (!decisionUrl) {
      try {
        const service = await startGatewayDecisionService();
        open.push(service);
        decisionUrl = service.url;
        gatewayBundle = service.bundle;
        decisionNote = 'decision service, policies/gateway';
      } catch (err) {
        decisionUrl = backends.decision;
        decisionNote = `stand-in decision endpoint (decision service failed: ${(err as Error).message})`;
      }
    }

    const { publicKey, privateKey } = await generateKeyPair('RS256');
    process.env.PORTCULLIS_BENCH_UPSTREAM_TOKEN = 'bench-upstream-token-0123456789';
    const pem = await exportSPKI(publicKey);
    const startPortcullis = (decisions: Pick<ProxyConfigInput, 'decisionUrl' | 'decision'>) =>
      startProxy(
        {
          ...decisions,
          identity: {
            issuers: [
              {
                issuer: 'https://bench.test',
                audience: 'portcullis',
                algorithms: ['RS256'],
                publicKeys: [{ pem, algorithm: 'RS256' }],
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
    const proxy = await startPortcullis({ decisionUrl });
    open.push(proxy);
    if (!gatewayBundle) {
      const { buildGatewayBundle } = await import('../services/cli/demo-setup.js');
      gatewayBundle = await buildGatewayBundle();
    }
    const embedded = await startPortcullis({
      decision: { bundles: [gatewayBundle], workers: DECISION_WORKERS },
    });
    open.push(embedded);
    // The same proxy against the stand-in endpoint: the proxy's own cost, without the decision service's.
    const standIn =
      decisionUrl === backends.decision
        ? undefined
        : await startPortcullis({ decisionUrl: backends.decision });
    if (standIn) open.push(standIn);
    const token = await new SignJWT({ groups: ['engineers'], email: 'alice@acme.test' })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer('https://bench.test')
      .setAudience('portcullis')
      .setSubject('alice')
      .setExpirationTime('1h')
      .sign(privateKey);

    const portcullis: Setup[] = [
      [
        'portcullis',
        `${proxy.url}/github/repos/acme/api`,
        { authorization: `Bearer ${token}` },
        decisionNote,
      ],
      [
        'portcullis, embedded decision',
        `${embedded.url}/github/repos/acme/api`,
        { authorization: `Bearer ${token}` },
        'engine in the proxy process, policies/gateway',
      ],
    ];
    if (standIn) {
      portcullis.push([
        'portcullis, stand-in decision',
        `${standIn.url}/github/repos/acme/api`,
        { authorization: `Bearer ${token}` },
        'constant answer from a bare node:http endpoint',
      ]);
    }
    const keys = ['http', 'embedded', 'stand-in'];
    const setups: Setup[] = [
      ['direct', `${upstream.url}/repos/acme/api`, {}, undefined],
      ['bare undici proxy', `${bare.url}/repos/acme/api`, {}, undefined],
      ...portcullis.filter((_, i) => ONLY.has(keys[i])),
    ];
    const workers = `${DECISION_WORKERS} evaluation worker${DECISION_WORKERS === 1 ? '' : 's'}`;
    const results: BenchResult[] = [];
    if (TABLES.has('throughput')) {
      results.push({
        title:
          `GET /repos/acme/api, ${CONNECTIONS} connections, median of ${ROUNDS} interleaved rounds of ${SECONDS} s ` +
          `(decision service and embedded engine: ${workers} each); ratio: to the bare proxy in the same round`,
        baseline: 'bare undici proxy',
        rows: await throughputTable(setups),
      });
    }
    if (TABLES.has('latency')) {
      results.push({
        title:
          `GET /repos/acme/api, 1 connection, one request at a time (unloaded latency), ` +
          `median of ${ROUNDS} interleaved rounds of ${LATENCY_SECONDS} s`,
        baseline: 'bare undici proxy',
        rows: await latencyTable(setups),
      });
    }
    return results;
  } finally {
    for (const item of open.reverse()) await item.close();
    delete process.env.PORTCULLIS_BENCH_UPSTREAM_TOKEN;
  }
}
