import { Redis } from 'ioredis';
import { decisionLogEvent, type AuditEvent } from '../../services/audit/event.js';
import { AuditExporter } from '../../services/audit/export/exporter.js';
import { retryAfterMs } from '../../services/audit/sinks/http-post.js';
import { createSinkDriver } from '../../services/audit/sinks/index.js';
import { auditStreamKeys, EVENT_FIELD } from '../../services/audit/stream.js';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';
import {
  auditConfig,
  putOnStream,
  quietLogger,
  sampleEvents,
  source,
  waitForHealth,
} from './support/export.js';
import { startHttpReceiver, startOpaReceiver, startSplunkReceiver, type Receiver } from './support/siems.js';

const prefixes: string[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await Promise.all(prefixes.splice(0).map((p) => deleteKeys(p)));
});

/** An exporter with the given sinks on a prefix of its own. */
async function exporterFor(sinks: Record<string, unknown>[]) {
  const prefix = uniquePrefix('http-sinks');
  prefixes.push(prefix);
  const config = auditConfig({ sinks: sinks as never });
  const exporter = new AuditExporter({
    redisUrl: testRedisUrl(),
    prefix,
    config,
    logger: quietLogger,
    driverFor: createSinkDriver,
  });
  await exporter.start();
  closers.push(() => exporter.close());
  return { exporter, prefix, put: (events: AuditEvent[]) => putOnStream(testRedisUrl(), prefix, events) };
}

async function receiverFor<T extends Receiver>(start: Promise<T>): Promise<T> {
  const r = await start;
  closers.push(() => r.close());
  return r;
}

const fast = {
  batch: { maxEvents: 50, timeoutMs: 50 },
  request: { retry: { initialBackoffMs: 20, maxBackoffMs: 2000 } },
};

describe('http sink', () => {
  it('posts JSON arrays signed with HMAC-SHA256, or NDJSON in OCSF', async () => {
    const signed = await receiverFor(startHttpReceiver('signed', 'k3y'));
    const ndjson = await receiverFor(startHttpReceiver('ndjson'));
    const { exporter, put } = await exporterFor([
      { type: 'http', name: 'signed', url: `${signed.url}/in`, hmac: { secret: { value: 'k3y' } }, ...fast },
      {
        type: 'http',
        name: 'ndjson',
        url: `${ndjson.url}/in`,
        encoding: { framing: 'ndjson', format: 'ocsf' },
        ...fast,
      },
    ]);
    const events = sampleEvents(120);
    await put(events);
    await waitForHealth(
      exporter,
      (h) => h.sinks.signed.delivered === 120 && h.sinks.ndjson.delivered === 120,
    );
    expect(signed.events.map((e) => e.event_id)).toEqual(events.map((e) => e.event_id));
    expect(
      signed.requests.every((r) => r.headers['x-portcullis-signature']?.toString().startsWith('sha256=')),
    ).toBe(true);
    expect(ndjson.events.map((e) => (e.metadata as { uid: string }).uid)).toEqual(
      events.map((e) => e.event_id),
    );
    expect(ndjson.events[0]).toMatchObject({ class_uid: 6003, category_uid: 6 });
    expect(signed.requests.length).toBeLessThan(120);
  });

  it('retries 500 and 429 honouring Retry-After, then delivers everything once; a hang times out and is retried', async () => {
    const siem = await receiverFor(startHttpReceiver('flaky'));
    siem.behave({ kind: 'status', status: 500, times: 2 });
    const { exporter, put } = await exporterFor([
      {
        type: 'http',
        name: 'flaky',
        url: siem.url,
        ...fast,
        request: { timeoutMs: 500, retry: { initialBackoffMs: 20 } },
      },
    ]);
    await put(sampleEvents(10));
    await waitForHealth(exporter, (h) => h.sinks.flaky.delivered === 10);
    siem.behave({ kind: 'status', status: 429, retryAfter: '1', times: 1 });
    const before429 = siem.requests.length;
    await put(sampleEvents(10, 10));
    const health = await waitForHealth(exporter, (h) => h.sinks.flaky.delivered === 20);
    // The try after the 429 waited for its Retry-After (1 s), not for the 20 ms backoff.
    const [refused, retried] = siem.requests.slice(before429);
    expect(retried.at - refused.at).toBeGreaterThanOrEqual(990);
    siem.behave({ kind: 'hang', times: 1 });
    await put(sampleEvents(5, 20));
    const after = await waitForHealth(exporter, (h) => h.sinks.flaky.delivered === 25);
    expect(after.sinks.flaky.retried).toBeGreaterThan(health.sinks.flaky.retried);
    expect(new Set(siem.events.map((e) => e.event_id)).size).toBe(25);
    expect(siem.events.length).toBe(25);
  });

  it('a 400 dead-letters the batch; 401 stops the sink until the workers restart', async () => {
    const siem = await receiverFor(startHttpReceiver('strict'));
    siem.behave({ kind: 'status', status: 400, times: 1 });
    const { exporter, put, prefix } = await exporterFor([
      { type: 'http', name: 'strict', url: siem.url, ...fast },
    ]);
    const first = sampleEvents(3);
    await put(first);
    await waitForHealth(exporter, (h) => h.sinks.strict.dead_lettered === 3);
    const client = new Redis(testRedisUrl());
    closers.push(async () => client.disconnect());
    const dead = await client.xrange(auditStreamKeys(prefix).deadLetter('strict'), '-', '+');
    expect(dead.map(([, f]) => (JSON.parse(f[f.indexOf(EVENT_FIELD) + 1]) as AuditEvent).event_id)).toEqual(
      first.map((e) => e.event_id),
    );
    siem.behave({ kind: 'status', status: 401 });
    await put(sampleEvents(2, 3));
    // lag comes from a later pass over the stream than the state: wait for both
    const stopped = await waitForHealth(
      exporter,
      (h) => h.sinks.strict.state === 'stopped' && h.sinks.strict.lag === 2,
    );
    expect(stopped.sinks.strict.stopped_reason).toMatch(/401/);
    expect(stopped.sinks.strict.lag).toBe(2);
  });

  it('Retry-After in seconds or as a date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(Date.now() + 5000).toUTCString())! / 1000).toBeCloseTo(5, -0.5);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});

describe('splunk sink', () => {
  it('sends HEC envelopes with the token, index and sourcetype; waits for indexer acknowledgement', async () => {
    const splunk = await receiverFor(startSplunkReceiver('tok', 'splunk', 2));
    const { exporter, put } = await exporterFor([
      {
        type: 'splunk',
        name: 'splunk',
        url: splunk.url,
        token: { value: 'tok' },
        index: 'audit',
        ack: { enabled: true, pollIntervalMs: 20 },
        ...fast,
      },
    ]);
    const events = sampleEvents(30);
    await put(events);
    await waitForHealth(exporter, (h) => h.sinks.splunk.delivered === 30);
    expect(splunk.events.map((e) => (e.event as AuditEvent).event_id)).toEqual(events.map((e) => e.event_id));
    expect(splunk.events[0]).toMatchObject({
      index: 'audit',
      source: 'portcullis',
      sourcetype: 'portcullis:audit',
    });
    expect(typeof splunk.events[0].time).toBe('number');
    expect(splunk.acksAsked).toBeGreaterThanOrEqual(2);
    expect(splunk.requests[0].headers['x-splunk-request-channel']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('server busy (HEC code 9) is retried; a bad token (code 4) or index (code 7) stops the sink', async () => {
    const splunk = await receiverFor(startSplunkReceiver('tok', 'busy'));
    splunk.behave({ kind: 'status', status: 503, body: '{"text":"Server is busy","code":9}', times: 2 });
    const { exporter, put } = await exporterFor([
      { type: 'splunk', name: 'busy', url: splunk.url, token: { value: 'tok' }, ...fast },
      { type: 'splunk', name: 'wrongtoken', url: splunk.url, token: { value: 'nope' }, ...fast },
    ]);
    await put(sampleEvents(4));
    const health = await waitForHealth(
      exporter,
      (h) => h.sinks.busy.delivered === 4 && h.sinks.wrongtoken.state === 'stopped',
    );
    expect(health.sinks.busy.retried).toBeGreaterThanOrEqual(4);
    expect(health.sinks.wrongtoken.stopped_reason).toMatch(/code 4.*token/);
    splunk.behave({ kind: 'status', status: 400, body: '{"text":"Incorrect index","code":7}' });
    await put(sampleEvents(1, 4));
    const stopped = await waitForHealth(exporter, (h) => h.sinks.busy.state === 'stopped');
    expect(stopped.sinks.busy.stopped_reason).toMatch(/code 7.*index/);
  });
});

describe('opa sink', () => {
  it("uploads decision logs in OPA's shape, gzipped, to /logs", async () => {
    const opa = await receiverFor(startOpaReceiver('opa'));
    const { exporter, put } = await exporterFor([{ type: 'opa', name: 'opa', url: opa.url, ...fast }]);
    const logs = Array.from({ length: 5 }, (_, i) =>
      decisionLogEvent(
        {
          labels: { id: 'x' },
          decision_id: `d-${i}`,
          path: 'gateway/decision',
          input: { i },
          result: { allow: true },
          requested_by: 'test',
          timestamp: new Date().toISOString(),
          req_id: i,
        },
        source,
      ),
    );
    await put([...sampleEvents(3), ...logs]);
    await waitForHealth(exporter, (h) => h.sinks.opa.delivered === 5 && h.sinks.opa.skipped === 3);
    expect(opa.events.map((e) => e.decision_id)).toEqual(['d-0', 'd-1', 'd-2', 'd-3', 'd-4']);
    expect(opa.events[0]).toEqual(logs[0].decision_log);
    expect(opa.requests[0]).toMatchObject({ path: '/logs', headers: { 'content-encoding': 'gzip' } });
  });
});
