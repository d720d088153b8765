import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueEvents } from 'bullmq';
import { Cluster } from 'ioredis';
import { stringify } from 'yaml';
import { ApprovalKeys } from '../../services/approvals/store/keys.js';
import { EXPIRY_QUEUE, NOTIFY_QUEUE } from '../../services/approvals/queues.js';
import { auditStreamKeys } from '../../services/audit/stream.js';
import { createRedis, queuePrefix } from '../../services/common/redis.js';
import { hashApiKey } from '../../services/proxy/identity/api-keys.js';
import { gatewayBundle } from '../approvals/support/stack.js';
import { startUpstream } from '../proxy/support/servers.js';
import { startWatched, type WatchedProcess } from '../support/child-process.js';
import { dropSchema, onTestDatabase, testPostgresUrl, uniqueSchema } from '../support/postgres.js';
import { RedisCluster } from '../support/redis-cluster.js';

/**
 * Scale-out on a Redis Cluster: three masters on loopback, and two of each
 * Portcullis process (decision service, workers, proxy) run from the
 * command line against it with one `redis-cluster://` URL. Requests through
 * either proxy are decided by either decision service; their decision logs
 * and request events reach the audit store through whichever worker; an
 * approval opened through one proxy is approved on the other workers' API
 * and executed through the other proxy.
 *
 * Short in `npm test`; PORTCULLIS_CLUSTER_LONG=1 sends many more requests
 * and approvals, concurrently, through both proxies.
 */
const LONG = process.env.PORTCULLIS_CLUSTER_LONG === '1';
const REQUESTS = LONG ? 2000 : 8;
const APPROVALS = LONG ? 50 : 1;

const BIN = join(process.cwd(), 'bin/portcullis.js');
const CALLER_KEY = 'pc_cluster_caller_' + 'c'.repeat(16);
/** One requester per approval: an approval opens a grant, which would let the same caller's next request through. */
const REQUESTER_KEYS = Array.from(
  { length: APPROVALS },
  (_, n) => `pc_cluster_requester_${n}_` + 'q'.repeat(16),
);
const REVIEWER_KEY = 'pc_cluster_reviewer_' + 'r'.repeat(16);
const AUDITOR_KEY = 'pc_cluster_auditor_' + 'a'.repeat(16);

interface Service {
  name: string;
  url: string;
  run: WatchedProcess;
}

describe('two of each process on a three-node Redis Cluster', () => {
  let cluster: RedisCluster;
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  const services: Service[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'pc-cluster-'));
  const prefix = `pc-cluster-${Math.random().toString(36).slice(2, 8)}`;
  const schema = uniqueSchema('cluster');
  const tokenEnv = 'PC_CLUSTER_UPSTREAM_TOKEN';

  /** Starts `portcullis <args>` and waits for its "listening on <url>" line. */
  async function start(name: string, args: string[], env: Record<string, string> = {}): Promise<Service> {
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !/^(PORTCULLIS_|REDIS_URL|OTEL_)/.test(key)),
    );
    const run = startWatched(process.execPath, [BIN, ...args], {
      env: { ...clean, [tokenEnv]: 'cluster-upstream-secret', ...env },
    });
    const service = { name, url: '', run };
    services.push(service);
    service.url = (await run.waitFor(/listening on (http:\/\/\S+)/))[1];
    return service;
  }

  const get = (proxy: Service, path: string, headers: Record<string, string> = {}) =>
    fetch(`${proxy.url}${path}`, { headers: { 'x-api-key': CALLER_KEY, ...headers } });
  const post = (proxy: Service, key: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${proxy.url}/crm/customers`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    [cluster, upstream] = await Promise.all([RedisCluster.start(3), startUpstream()]);
    const bundle = await gatewayBundle();
    const config = {
      redis: { url: cluster.url, prefix, autostart: false },
      log: { level: 'warn', format: 'json' },
      audit: {
        dataDir: join(dir, 'data'),
        spool: { enabled: false },
        transport: { trimIntervalMs: 200 },
        api: { auditorGroup: 'auditors' },
        sinks: [
          { type: 'postgres', name: 'store', url: testPostgresUrl(), schema, batch: { timeoutMs: 50 } },
        ],
      },
      proxy: {
        identity: {
          apiKeys: [
            { id: 'caller', sha256: hashApiKey(CALLER_KEY), subject: 'hank', groups: ['engineers'] },
            { id: 'reviewer', sha256: hashApiKey(REVIEWER_KEY), subject: 'rita', groups: ['crm-owners'] },
            { id: 'auditor', sha256: hashApiKey(AUDITOR_KEY), subject: 'aude', groups: ['auditors'] },
            ...REQUESTER_KEYS.map((key, n) => ({
              id: `requester-${n}`,
              sha256: hashApiKey(key),
              subject: `requester-${n}`,
              groups: ['engineers'],
            })),
          ],
        },
        connections: [
          {
            name: 'crm',
            match: { pathPrefix: '/crm' },
            stripPrefix: true,
            upstream: upstream.url,
            credential: { type: 'bearer', value: { env: tokenEnv } },
            approval: { mode: 'async' },
            audit: { mode: 'async', level: 'basic' },
          },
        ],
      },
    };
    const file = join(dir, 'portcullis.yaml');
    writeFileSync(file, stringify(config));
    const common = ['--config', file, '--port', '0'];
    const [decisionA, decisionB] = await Promise.all([
      start('decision A', ['decision', ...common, '--bundle', bundle]),
      start('decision B', ['decision', ...common, '--bundle', bundle]),
    ]);
    await Promise.all([
      start('workers A', ['workers', ...common]),
      start('workers B', ['workers', ...common]),
    ]);
    await Promise.all([
      start('proxy A', ['proxy', ...common], { PORTCULLIS_DECISION_URL: decisionA.url }),
      start('proxy B', ['proxy', ...common], { PORTCULLIS_DECISION_URL: decisionB.url }),
    ]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(
      services.map(async ({ run }) => {
        if (run.child.exitCode === null) run.child.kill('SIGTERM');
        await run.exited;
      }),
    );
    await upstream?.close();
    await cluster?.stop();
    await dropSchema(schema);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const named = (name: string) => services.find((s) => s.name === name)!;

  it('keeps each domain in one slot and spreads the domains over the nodes', async () => {
    const approvals = new ApprovalKeys(prefix);
    const audit = auditStreamKeys(prefix);
    const slotOwners = await Promise.all([
      cluster.nodeOf(approvals.approval('x')),
      cluster.nodeOf(approvals.pending),
      cluster.nodeOf(approvals.events),
      cluster.nodeOf(approvals.grants),
    ]);
    expect(new Set(slotOwners).size).toBe(1);
    expect(
      new Set(await Promise.all([cluster.nodeOf(audit.events), cluster.nodeOf(audit.sinkStats('store'))]))
        .size,
    ).toBe(1);
    const owners = await Promise.all(
      [
        approvals.events,
        audit.events,
        `${queuePrefix(prefix, EXPIRY_QUEUE)}:x`,
        `${queuePrefix(prefix, NOTIFY_QUEUE)}:x`,
      ].map((key) => cluster.nodeOf(key)),
    );
    expect(new Set(owners).size).toBeGreaterThan(1);
  });

  it('decides through either proxy and decision service, and exports decision logs and request events through the workers', async () => {
    const proxies = [named('proxy A'), named('proxy B')];
    // At most 16 in flight: the load of a busy deployment, not a burst that only measures the machine.
    const answers: { status: number; decisionId: string }[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(16, REQUESTS) }, async () => {
        while (next < REQUESTS) {
          const i = next++;
          const res = await get(proxies[i % 2], `/crm/customers/${i}`);
          await res.text();
          answers.push({ status: res.status, decisionId: res.headers.get('x-portcullis-decision-id')! });
        }
      }),
    );
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    const refused = await fetch(`${proxies[1].url}/crm/customers/1`, {
      method: 'DELETE',
      headers: { 'x-api-key': CALLER_KEY },
    });
    expect(refused.status).toBe(403);
    const ids = [...answers.map((a) => a.decisionId), refused.headers.get('x-portcullis-decision-id')!];

    // Every decision's log and request event reaches the store, through whichever worker exports it.
    const stored = async () =>
      onTestDatabase(async (client) => {
        const { rows } = await client.query(
          `SELECT decision_id, kind FROM "${schema}".events WHERE decision_id = ANY($1)`,
          [ids],
        );
        const kinds = new Map<string, Set<string>>();
        for (const { decision_id: id, kind } of rows as { decision_id: string; kind: string }[]) {
          if (!kinds.has(id)) kinds.set(id, new Set());
          kinds.get(id)!.add(kind);
        }
        return ids.every((id) => kinds.get(id)?.has('request') && kinds.get(id)?.has('decision_log'));
      });
    // Export is asynchronous: look again until all are there (Jest's timeout bounds a failure).
    while (!(await stored())) await new Promise((resolve) => setTimeout(resolve, 200));

    // The workers' API reads the same store from either process.
    for (const workers of [named('workers A'), named('workers B')]) {
      const page = await fetch(`${workers.url}/v1/audit/events?decision_id=${ids[0]}`, {
        headers: { 'x-api-key': AUDITOR_KEY },
      });
      expect(page.status).toBe(200);
      const { events } = (await page.json()) as { events: { kind: string }[] };
      expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['request', 'decision_log']));
    }
    // Both decision services answered (their decision logs name them as the instance that decided).
    const instances = await onTestDatabase(async (client) => {
      const { rows } = await client.query(
        `SELECT DISTINCT event::jsonb -> 'source' ->> 'instance' AS instance
           FROM "${schema}".events WHERE kind = 'decision_log'`,
      );
      return rows.map((r: { instance: string }) => r.instance);
    });
    expect(new Set(instances).size).toBe(2);
  }, 120_000);

  it('opens an approval through one proxy, approves it on the other workers and executes it through the other proxy', async () => {
    const [proxyA, proxyB] = [named('proxy A'), named('proxy B')];
    const workersB = named('workers B');
    const redis = createRedis(cluster.url, { maxRetriesPerRequest: null }) as Cluster;
    const expiry = new QueueEvents(EXPIRY_QUEUE, {
      connection: redis,
      prefix: queuePrefix(prefix, EXPIRY_QUEUE),
    });
    await expiry.waitUntilReady();
    const timers = new Set<string>();
    const timerSet = new Map<string, () => void>();
    expiry.on('delayed', ({ jobId }) => {
      timers.add(jobId);
      timerSet.get(jobId)?.();
    });
    try {
      await Promise.all(
        REQUESTER_KEYS.map(async (key, n) => {
          const customer = { name: `Customer ${n}`, email: `c${n}@example.com` };
          const opened = await post(proxyA, key, customer);
          expect(opened.status).toBe(202);
          const { approval_id: id } = (await opened.json()) as { approval_id: string };
          // Some worker saw the transition and set the approval's expiry timer (a delayed job, id = approval id).
          await new Promise<void>((resolve) => (timers.has(id) ? resolve() : timerSet.set(id, resolve)));

          const approved = await fetch(`${workersB.url}/v1/approvals/${id}/approve`, {
            method: 'POST',
            headers: { 'x-api-key': REVIEWER_KEY, 'content-type': 'application/json' },
            body: JSON.stringify({ reason: 'known customer' }),
          });
          expect(approved.status).toBe(200);

          const executed = await post(proxyB, key, customer, { 'portcullis-approval': id });
          expect(executed.status).toBe(200);
          await executed.text();
          const reached = upstream.requests.filter(
            (r) => r.method === 'POST' && r.body.includes(`"Customer ${n}"`),
          );
          expect(reached).toHaveLength(1);
        }),
      );
    } finally {
      await expiry.close();
      redis.disconnect();
    }
  }, 120_000);

  it('has every process still up, each having logged no error', () => {
    for (const { name, run } of services) {
      expect({ name, exited: run.child.exitCode }).toEqual({ name, exited: null });
      const errors = run
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { level: string; msg: string })
        .filter((line) => line.level === 'error' || line.level === 'fatal');
      expect({ name, errors }).toEqual({ name, errors: [] });
    }
  });
});
