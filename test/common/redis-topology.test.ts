import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster, Redis } from 'ioredis';
import { newApproval, reviewer } from '../approvals/support/fixtures.js';
import { Approvals } from '../../services/approvals/approvals.js';
import { ApprovalStore } from '../../services/approvals/store/store.js';
import {
  createRedis,
  duplicateRedis,
  isStandaloneUrl,
  parseRedisUrl,
  queuePrefix,
  taggedRoot,
} from '../../services/common/redis.js';
import { OwnRedis, freePort } from '../support/redis-server.js';
import { RedisCluster } from '../support/redis-cluster.js';

describe('Redis URLs', () => {
  it('reads one server, a cluster and a Sentinel set', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6379/2')).toEqual({
      kind: 'standalone',
      url: 'redis://127.0.0.1:6379/2',
    });
    expect(parseRedisUrl('redis-cluster://app:s%40cret@10.0.0.1:7000,10.0.0.2,[::1]:7002')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 6379 },
        { host: '::1', port: 7002 },
      ],
      options: { username: 'app', password: 's@cret' },
    });
    expect(
      parseRedisUrl('rediss-sentinel://:pw@s1:26379,s2/portcullis-main?db=3&sentinelPassword=sp'),
    ).toEqual({
      kind: 'sentinel',
      sentinels: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26379 },
      ],
      name: 'portcullis-main',
      options: { password: 'pw', tls: {}, db: 3, sentinelPassword: 'sp' },
    });
    expect(isStandaloneUrl('rediss://cache:6380')).toBe(true);
    expect(isStandaloneUrl('redis-cluster://a:1')).toBe(false);
  });

  it('refuses a malformed topology URL with config_invalid, never echoing its password', () => {
    const cases: [string, RegExp][] = [
      ['redis-sentinel://u:topsecret@s1:26379', /names no master/],
      ['redis-cluster://u:topsecret@a:1/0', /no path/],
      ['redis-cluster://u:topsecret@a:99999', /out of range/],
      ['redis-cluster://u:topsecret@a:1,,b:2', /is not host or host:port/],
      ['redis-sentinel://s1/main?db=x', /db "x" is not a number/],
    ];
    for (const [url, message] of cases) {
      let thrown: unknown;
      try {
        parseRedisUrl(url);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toMatchObject({ code: 'config_invalid', message: expect.stringMatching(message) });
      expect((thrown as Error).message).not.toContain('topsecret');
    }
  });

  it('hash-tags each domain and each queue', () => {
    expect(taggedRoot('acme', 'approvals')).toBe('acme:{approvals}');
    expect(queuePrefix('acme', 'approval-expiry')).toBe('acme:{approval-expiry}');
  });
});

/** A Sentinel (redis-server --sentinel) watching `master` on loopback; ready once it monitors it. */
async function startSentinel(
  masterPort: number,
  dir: string,
): Promise<{ port: number; stop(): Promise<void> }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const conf = join(dir, `sentinel-${port}.conf`);
    writeFileSync(
      conf,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor pc-main 127.0.0.1 ${masterPort} 1`,
        'sentinel down-after-milliseconds pc-main 5000',
      ].join('\n') + '\n',
    );
    const child: ChildProcess = spawn('redis-server', [conf, '--sentinel'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const ready = await new Promise<boolean>((resolve) => {
      let log = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('+monitor master pc-main')) resolve(true);
      });
      child.once('exit', () => resolve(false));
    });
    child.stdout!.resume();
    if (ready)
      return {
        port,
        stop: async () => {
          child.kill('SIGKILL');
          await exited;
        },
      };
    if (attempt >= 5) throw new Error('redis-server --sentinel did not start');
  }
}

describe('Redis Sentinel', () => {
  let master: OwnRedis;
  let sentinel: Awaited<ReturnType<typeof startSentinel>>;
  const dir = mkdtempSync(join(tmpdir(), 'pc-sentinel-'));

  beforeAll(async () => {
    master = await OwnRedis.start();
    sentinel = await startSentinel(master.port, dir);
  });

  afterAll(async () => {
    await sentinel?.stop();
    await master?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the master through the Sentinel and runs the approval scripts there', async () => {
    const client = createRedis(`redis-sentinel://127.0.0.1:${sentinel.port}/pc-main`, {
      maxRetriesPerRequest: 1,
    });
    expect(client).toBeInstanceOf(Redis);
    const direct = new Redis(master.port, '127.0.0.1', { maxRetriesPerRequest: 1 });
    try {
      const store = new ApprovalStore(client, { prefix: 'pc-sentinel' });
      const approvals = new Approvals(store, {
        executeWindowSeconds: 300,
        retentionDays: 1,
        maxReasonLength: 200,
        adminGroups: [],
      });
      const record = await approvals.request(newApproval());
      expect((await approvals.review(record.id, reviewer('dora'), 'approve', '', 'api')).outcome.kind).toBe(
        'approved',
      );
      // The master holds it: Sentinel named the server itself, not some other.
      expect(await direct.hget(store.keys.approval(record.id), 'status')).toBe('approved');
    } finally {
      client.disconnect();
      direct.disconnect();
    }
  });
});

describe('Redis Cluster client', () => {
  let cluster: RedisCluster;

  beforeAll(async () => {
    cluster = await RedisCluster.start(3);
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('runs every approval transition (multi-key Lua scripts) in one slot, and duplicates as a cluster client', async () => {
    const client = createRedis(cluster.url, { maxRetriesPerRequest: 1 });
    expect(client).toBeInstanceOf(Cluster);
    const blocking = duplicateRedis(client, { maxRetriesPerRequest: null, lazyConnect: true });
    expect(blocking).toBeInstanceOf(Cluster);
    try {
      const store = new ApprovalStore(client, { prefix: 'pc-cluster-unit' });
      const domain = new Approvals(store, {
        executeWindowSeconds: 300,
        retentionDays: 1,
        maxReasonLength: 200,
        adminGroups: ['approval-admins'],
      });
      const grantRequirement = {
        grant: { duration_seconds: 60, methods: ['DELETE'], paths: ['/tables/*'], max_uses: 2 },
      };
      const record = await domain.request(
        newApproval({
          requirement: { ...newApproval().requirement, ...grantRequirement },
        }),
      );
      const reviewed = await domain.review(record.id, reviewer('dora'), 'approve', 'ok', 'api');
      expect(reviewed.outcome.kind).toBe('approved');
      const settled = await domain.get(record.id);
      expect(settled?.grant_id).toBeTruthy();
      await domain.revoke(record.id, reviewer('admin', ['approval-admins']), 'done', 'api');
      await blocking.connect();
      // requested, reviewed, approved, grant.created, revoked, grant.revoked: one stream, one slot.
      expect(await blocking.xlen(store.keys.events)).toBeGreaterThanOrEqual(5);
    } finally {
      blocking.disconnect();
      client.disconnect();
    }
  });
});
