import { startDecisionService, type RunningDecisionService } from '../../../services/decision/index.js';
import type { DecisionLogAuditEvent } from '../../../services/audit/event.js';
import { readAuditStream } from '../../support/audit-stream.js';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../../support/redis.js';
import { cleanup, getJson, postJson, tempDir, waitFor, writeFiles } from '../support.js';
import { TcpProxy } from '../tcp-proxy.js';

let dir: string;
const services: RunningDecisionService[] = [];
const prefixes: string[] = [];

beforeAll(async () => {
  dir = await tempDir('logs');
  await writeFiles(dir, {
    '.manifest': { revision: 'L1', roots: ['app'] },
    'app/data.json': { allow: true },
  });
});
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
  await Promise.all(prefixes.splice(0).map((p) => deleteKeys(p)));
});
afterAll(() => cleanup(dir));

describe('decision logs through the service', () => {
  test("each decision is recorded on the audit stream, in OPA's shape, after the bundle activation", async () => {
    const prefix = uniquePrefix('svc-logs');
    prefixes.push(prefix);
    const service = await startDecisionService({
      bundles: [dir],
      workers: 1,
      redisUrl: testRedisUrl(),
      redisPrefix: prefix,
    });
    services.push(service);
    const { body } = await postJson(`${service.url}/v1/data/app/allow`, { input: { user: 'bob' } });
    await service.context.decisionLogger.settle();
    expect(await service.context.queue!.flush(5000)).toBe(true);
    const events = await readAuditStream(testRedisUrl(), prefix);
    expect(events.map((e) => e.kind)).toEqual(['bundle', 'decision_log']);
    expect(events[0]).toMatchObject({ bundle: { name: dir, revision: 'L1', outcome: 'activated' } });
    const logged = events[1] as DecisionLogAuditEvent;
    expect(logged).toMatchObject({
      decision_id: body.decision_id,
      source: { service: 'decision' },
      decision_log: {
        decision_id: body.decision_id,
        path: 'app/allow',
        input: { user: 'bob' },
        result: true,
        bundles: { [dir]: { revision: 'L1' } },
      },
    });
    const status = (await getJson(`${service.url}/v1/status`)).body.result;
    expect(status.decision_logs).toMatchObject({
      events: 1,
      queue: { sent: 2, dropped: 0, redis_connected: true },
    });
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toContain('portcullis_audit_producer_sent 2');
    expect(metrics).toContain('portcullis_audit_producer_dropped 0');
    expect((await getJson(`${service.url}/health?plugins`)).status).toBe(200);
  });

  test('with Redis down, decisions are still answered and the loss shows in /health, /v1/status and /metrics', async () => {
    const proxy = new TcpProxy('127.0.0.1', 1);
    await proxy.start();
    const deadUrl = proxy.url;
    await proxy.stop();
    const service = await startDecisionService({
      bundles: [dir],
      workers: 1,
      redisUrl: deadUrl,
      decisionLogBufferSize: 2,
    });
    services.push(service);
    for (let i = 0; i < 5; i++) {
      const { status, body } = await postJson(`${service.url}/v1/data/app/allow`, { input: { i } });
      expect(status).toBe(200);
      expect(body.result).toBe(true);
    }
    await service.context.decisionLogger.settle();
    const status = await waitFor('loss reported', async () => {
      const s = (await getJson(`${service.url}/v1/status`)).body.result;
      // Five decision logs and the bundle activation, two of them kept.
      return s.decision_logs.queue.dropped === 4 ? s : undefined;
    });
    expect(status.decision_logs.queue).toMatchObject({ redis_connected: false, buffered: 2, sent: 0 });
    expect(status.plugins.decision_logs.state).toBe('ERROR');
    const live = await getJson(`${service.url}/health`);
    expect(live).toMatchObject({ status: 200, body: { audit: { dropped: 4, redis_connected: false } } });
    const health = await getJson(`${service.url}/health?plugins`);
    expect(health.status).toBe(500);
    expect(health.body.error).toContain('Redis');
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toContain('portcullis_decision_logs_dropped 4');
    // The producer's figures under the names the proxy uses too.
    expect(metrics).toContain('portcullis_audit_producer_dropped 4');
    expect(metrics).toContain('portcullis_audit_producer_buffered 2');
    expect(metrics).toContain('portcullis_audit_producer_sent 0');
    expect(metrics).toContain('portcullis_audit_producer_spooled 0');
    expect(metrics).toContain('portcullis_audit_spool_bytes 0');
  });
});
