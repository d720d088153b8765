import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Redis } from 'ioredis';
import type { AuditEvent, DecisionLogAuditEvent, RequestEvent } from '../../services/audit/event.js';
import { AuditProducer } from '../../services/audit/producer.js';
import { demoProxyConfig, POLICIES_DIR } from '../../services/cli/demo-setup.js';
import { listen } from '../../services/common/http.js';
import { createLogger } from '../../services/common/logger.js';
import { buildBundle, readPolicySources } from '../../services/compiler/project.js';
import { startDecisionService } from '../../services/decision/index.js';
import { createDemoUpstream, DEFAULT_DEMO_TOKEN } from '../../services/demo/upstream.js';
import { proxyConfigSchema } from '../../services/proxy/config.js';
import { startProxy } from '../../services/proxy/index.js';
import { startWorkers } from '../../services/workers/index.js';
import { waitForHealth } from './support/export.js';
import { onTestDatabase, testPostgresUrl, uniqueSchema } from '../support/postgres.js';
import { OwnRedis } from '../support/redis-server.js';
import { auditEventProblems } from './support/schema.js';
import { startSiems, type FakeSiems } from './support/siems.js';

const logger = createLogger({ level: 'silent' });
const AUDITOR_KEY = 'no-leak-auditor-' + 'q'.repeat(20);

/** Values the demo API returns that the caller is shown masked, and the injected credential. */
const SECRETS = [
  '078-05-1120',
  '219-09-9999',
  'ada@example.com',
  'alan@example.com',
  '+44 20 7946 0018',
  '7946 0019',
  DEFAULT_DEMO_TOKEN,
];

/** Every file under `dir` (whose name ends with `only`), gunzipped where needed, as text. */
async function filesText(dir: string, only = ''): Promise<string> {
  let text = '';
  for (const name of await readdir(dir, { recursive: true })) {
    if (!String(name).replace(/\.gz$/, '').endsWith(only)) continue;
    const path = join(dir, String(name));
    const raw = await readFile(path).catch(() => undefined);
    if (!raw) continue; // a directory
    text += String(name).endsWith('.gz') ? gunzipSync(raw).toString() : raw.toString('latin1');
    text += '\n';
  }
  return text;
}

/** Every value of every key in this Redis, whatever its type. */
async function redisText(url: string): Promise<string> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let text = '';
    for (const key of await client.keys('*')) {
      const type = await client.type(key);
      if (type === 'string') text += await client.get(key);
      else if (type === 'hash') text += JSON.stringify(await client.hgetall(key));
      else if (type === 'list') text += JSON.stringify(await client.lrange(key, 0, -1));
      else if (type === 'set') text += JSON.stringify(await client.smembers(key));
      else if (type === 'zset') text += JSON.stringify(await client.zrange(key, '0', '-1'));
      else if (type === 'stream') text += JSON.stringify(await client.xrange(key, '-', '+'));
      text += '\n';
    }
    return text;
  } finally {
    client.disconnect();
  }
}

describe('no leak: what the caller saw masked appears nowhere the audit trail keeps it', () => {
  let dir: string;
  let redis: OwnRedis;
  let siems: FakeSiems;
  const schema = uniqueSchema('no_leak');
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await onTestDatabase((c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    await redis?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('after demo requests, with Redis up and down: not in Redis, the spools, any sink, nor the store', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pc-no-leak-'));
    redis = await OwnRedis.start();
    siems = await startSiems();
    closers.push(() => siems.close());
    const prefix = 'leak';

    const demo = await listen(createDemoUpstream({ logger }), 0);
    closers.push(demo.close);
    // The shipped gateway policy, recording reads with their bodies too (data.json's audit.reads).
    const sources = readPolicySources([POLICIES_DIR]);
    const gatewayData = sources.data.gateway as { config: { audit: { reads: string } } };
    gatewayData.config.audit.reads = 'full';
    const bundleFile = join(dir, 'gateway.tar.gz');
    const { bundle } = await buildBundle(sources, { entrypoints: ['gateway/decision', 'system/log/mask'] });
    await import('node:fs/promises').then((fs) => fs.writeFile(bundleFile, bundle));
    const decision = await startDecisionService({
      bundles: [bundleFile],
      workers: 1,
      redisUrl: redis.url,
      redisPrefix: prefix,
      auditSpool: { dir: join(dir, 'spool', 'decision') },
    });
    closers.push(decision.close);

    const producer = new AuditProducer({
      redisUrl: redis.url,
      prefix,
      source: { service: 'proxy', instance: 'no-leak' },
      spool: { dir: join(dir, 'spool', 'proxy') },
    });
    closers.push(() => producer.close());
    const { config, apiKey } = demoProxyConfig(proxyConfigSchema.parse({}), demo.url, decision.url);
    const proxy = await startProxy(config, { port: 0, logger, audit: producer });
    closers.push(proxy.close);

    const call = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(`${proxy.url}${path}`, {
        ...init,
        headers: { 'x-api-key': apiKey!, 'content-type': 'application/json' },
      });
      return { status: res.status, text: await res.text() };
    };
    const seen: string[] = [];
    const list = await call('/crm/customers');
    expect(list.status).toBe(200);
    seen.push(list.text);
    expect(list.text).toContain('Ada Lovelace');
    expect(list.text).toContain('[MASKED]');
    // Redis goes away: the proxy's and the decision service's events go to their spools.
    await redis.kill();
    const one = await call('/crm/customers/c1');
    expect(one.status).toBe(200);
    seen.push(one.text);
    const create = await call('/crm/customers', {
      method: 'POST',
      body: JSON.stringify({ name: 'Grace', ssn: '078-05-1120', email: 'ada@example.com' }),
    });
    expect([202, 403]).toContain(create.status);
    await decision.context.decisionLogger.settle();
    const spooled = await filesText(join(dir, 'spool'));
    expect(spooled).toContain('Ada Lovelace');
    for (const secret of SECRETS) expect(spooled).not.toContain(secret);
    await redis.restart();
    expect(await producer.flush(20_000)).toBe(true);
    expect(await decision.context.queue!.flush(20_000)).toBe(true);
    // Everything is in Redis now (no worker has read it yet): nothing the caller saw masked is.
    const inRedis = await redisText(redis.url);
    expect(inRedis).toContain('Ada Lovelace');

    // The workers export it to every sink, then trim the stream.
    const workers = await startWorkers({
      redisUrl: redis.url,
      prefix,
      host: '127.0.0.1',
      port: 0,
      logger,
      audit: {
        identity: {
          apiKeys: [
            {
              id: 'auditor',
              sha256: (await import('../../services/proxy/identity/api-keys.js')).hashApiKey(AUDITOR_KEY),
              subject: 'ann',
              groups: ['auditors'],
            },
          ],
        },
        config: {
          transport: { trimIntervalMs: 50 },
          spool: { dir: join(dir, 'spool') },
          sinks: [
            { type: 'postgres', name: 'store', url: testPostgresUrl(), schema, batch: { timeoutMs: 50 } },
            { type: 'file', name: 'trail', dir: join(dir, 'files'), batch: { timeoutMs: 50 } },
            ...siems.sinkConfigs({ batch: { timeoutMs: 50 } }),
          ],
        },
      },
    });
    closers.push(workers.close);

    // Everything reached every sink.
    const exporter = workers.audit!.exporter;
    const names = ['store', 'trail', ...siems.names];
    await waitForHealth(exporter, (h) =>
      names.every((n) => h.sinks[n].delivered + h.sinks[n].skipped >= 9 && h.sinks[n].lag === 0),
    );
    for (const caller of seen) for (const secret of SECRETS) expect(caller).not.toContain(secret);

    const rows = await onTestDatabase(
      async (c) =>
        (
          await c.query<{ event: string; bodies: string | null }>(
            `SELECT event, bodies FROM "${schema}".events ORDER BY seq`,
          )
        ).rows,
    );
    const stored = rows.map((r) => r.event + (r.bodies ?? ''));
    const events = rows.map((r) => JSON.parse(r.event) as AuditEvent);
    const requests = events.filter((e): e is RequestEvent => e.kind === 'request');
    expect(requests.map((e) => e.level)).toEqual(['full', 'full', 'full']);
    const logs = events.filter((e): e is DecisionLogAuditEvent => e.kind === 'decision_log');
    expect(logs.length).toBeGreaterThanOrEqual(4);
    expect(logs.some((e) => (e.decision_log.erased ?? []).includes('/input/response/body'))).toBe(true);

    // What the file sink wrote, bodies included, matches the documented schema.
    const problems = auditEventProblems();
    const written = (await filesText(join(dir, 'files'), '.jsonl')).split('\n').filter(Boolean);
    const inFiles = written.map((line) => JSON.parse(line) as AuditEvent);
    const fileIds = new Set(inFiles.map((e) => e.event_id));
    expect(events.filter((e) => !fileIds.has(e.event_id))).toEqual([]);
    expect(new Set(inFiles.map((e) => e.kind))).toEqual(new Set(['request', 'decision_log', 'bundle']));
    for (const event of inFiles)
      expect({ kind: event.kind, problems: problems(event) }).toEqual({ kind: event.kind, problems: [] });

    const everywhere: Record<string, string> = {
      redis: inRedis,
      'redis after export': await redisText(redis.url),
      spools: await filesText(join(dir, 'spool')),
      files: await filesText(join(dir, 'files')),
      store: stored.join('\n'),
      ...siems.received(),
    };
    for (const [where, text] of Object.entries(everywhere)) {
      // Each place does hold the trail (the names the caller saw in clear; OPA's gets decision logs only)...
      const marker = where === 'siem-opa' ? '"path":"gateway/decision"' : 'Ada Lovelace';
      if (where !== 'spools' && where !== 'redis after export')
        expect({ where, found: text.includes(marker) }).toEqual({ where, found: true });
      // ...and none of what the caller saw masked, nor the injected credential, nor the caller's key.
      for (const secret of [...SECRETS, apiKey!])
        expect({ where, secret, found: text.includes(secret) }).toEqual({
          where,
          secret,
          found: false,
        });
    }
  }, 180_000);
});
