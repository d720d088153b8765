import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { AuditEvent, RequestEvent } from '../../services/audit/event.js';
import { AuditProducer } from '../../services/audit/producer.js';
import type { ProxyConfigInput } from '../../services/proxy/config.js';
import { hashApiKey } from '../../services/proxy/identity/api-keys.js';
import { startProxy } from '../../services/proxy/index.js';
import { readAuditStream } from '../support/audit-stream.js';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { startDecisionService, startUpstream, type DecisionFn } from './support/servers.js';

const API_KEY = 'audit-key-' + 'k'.repeat(24);
const logger = pino({ level: 'silent' });

interface Setup {
  decide?: DecisionFn;
  connection?: Record<string, unknown>;
  producer?: (prefix: string) => AuditProducer;
}

/** Upstream, decision stand-in and proxy on loopback, recording to a producer on the test's own prefix. */
async function start(setup: Setup = {}) {
  const upstream = await startUpstream();
  const decisions = await startDecisionService(setup.decide ?? (() => ({ allow: true, reasons: ['ok'] })));
  const envName = `PC_AUDIT_CRED_${randomBytes(4).toString('hex').toUpperCase()}`;
  const secret = 'injected-secret-' + randomBytes(8).toString('hex');
  process.env[envName] = secret;
  const prefix = uniquePrefix('proxy-audit');
  const events: AuditEvent[] = [];
  const producer =
    setup.producer?.(prefix) ??
    new AuditProducer({
      redisUrl: testRedisUrl(),
      prefix,
      source: { service: 'proxy', instance: 'test' },
      onEvent: (e) => events.push(e),
    });
  const config: ProxyConfigInput = {
    decisionUrl: decisions.url,
    // Generous: a loaded machine must not turn a slow decision into a 503.
    decision: { timeoutMs: 10_000 },
    identity: { apiKeys: [{ id: 'ci', sha256: hashApiKey(API_KEY), subject: 'ci-bot', groups: ['ci'] }] },
    connections: [
      {
        name: 'api',
        match: { pathPrefix: '/api' },
        upstream: upstream.url,
        credential: { type: 'bearer', value: { env: envName } },
        ...setup.connection,
      },
    ],
  };
  const proxy = await startProxy(config, { port: 0, logger, audit: producer });
  return {
    upstream,
    decisions,
    proxy,
    producer,
    prefix,
    secret,
    events,
    /** Request events recorded so far. */
    requests: () => events.filter((e): e is RequestEvent => e.kind === 'request'),
    async call(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
      const response = await fetch(proxy.url + path, {
        ...init,
        headers: { 'x-api-key': API_KEY, ...(init.headers ?? {}) },
      });
      return { status: response.status, headers: response.headers, text: await response.text() };
    },
    async close() {
      await proxy.close();
      await producer.close();
      await Promise.all([upstream.close(), decisions.close()]);
      delete process.env[envName];
      await deleteKeys(prefix);
    },
  };
}

type Running = Awaited<ReturnType<typeof start>>;
let running: Running | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** The proxy records after answering: wait for the producer to have everything on the stream. */
async function recorded(r: Running, n: number): Promise<RequestEvent[]> {
  for (let i = 0; i < 100 && r.requests().length < n; i++)
    await new Promise((resolve) => setImmediate(resolve));
  expect(await r.producer.flush(5000)).toBe(true);
  return r.requests();
}

describe('proxy audit events', () => {
  it('records one event per request whatever its outcome, at basic level without bodies', async () => {
    running = await start({
      decide: (input) =>
        input.request.method === 'DELETE'
          ? { allow: false, reasons: ['no deletes'] }
          : { allow: true, reasons: ['ok'], audit: { level: 'basic', labels: { policy: 'test' } } },
    });
    const r = running;
    expect((await r.call('/api/items?q=1', { headers: { 'user-agent': 'audit-test' } })).status).toBe(200);
    expect((await r.call('/api/items/1', { method: 'DELETE' })).status).toBe(403);
    expect(
      (await r.call('/api/items', { headers: { 'x-api-key': 'wrong-key-' + 'z'.repeat(20) } })).status,
    ).toBe(401);
    expect((await r.call('/nowhere')).status).toBe(404);
    const events = await recorded(r, 4);
    expect(events.map((e) => [e.outcome, e.response.status, e.error])).toEqual([
      ['forwarded', 200, null],
      ['denied', 403, 'forbidden'],
      ['unauthenticated', 401, 'unauthenticated'],
      ['refused', 404, 'no_connection'],
    ]);
    const [ok, denied, unauthenticated] = events;
    expect(ok).toMatchObject({
      kind: 'request',
      level: 'basic',
      connection: 'api',
      identity: { sub: 'ci-bot', type: 'service', method: 'api_key', groups: ['ci'] },
      request: { method: 'GET', path: '/items', query: { q: ['1'] } },
      decision: { allow: true, reasons: ['ok'], fail_open: false, approval_required: false },
      labels: { policy: 'test' },
      source: { service: 'proxy' },
    });
    expect(ok.decision_id).toBe('dec-1');
    expect(ok.request.headers['user-agent']).toBe('audit-test');
    expect(ok.request.headers['x-api-key']).toBeUndefined();
    expect(ok.request.body).toBeUndefined();
    expect(ok.response.body).toBeUndefined();
    expect(ok.durations.total_ms).toBeGreaterThan(0);
    expect(denied.decision).toMatchObject({ allow: false, reasons: ['no deletes'] });
    expect(unauthenticated.identity).toBeNull();
    // What reached Redis is what was recorded.
    const stream = await readAuditStream(testRedisUrl(), r.prefix);
    expect(stream.map((e) => e.event_id)).toEqual(events.map((e) => e.event_id));
  });

  it('records nothing at level none', async () => {
    running = await start({ decide: () => ({ allow: true, audit: { level: 'none' } }) });
    expect((await running.call('/api/x')).status).toBe(200);
    expect((await running.call('/api/y')).status).toBe(200);
    expect(await running.producer.flush(5000)).toBe(true);
    expect(running.requests()).toEqual([]);
  });

  it('at level full records bodies as the caller saw them, masked, with neither credential in any form', async () => {
    running = await start({
      decide: () => ({
        allow: true,
        audit: { level: 'full' },
        mask: { fields: ['**.ssn'], detectors: ['email'] },
      }),
    });
    const r = running;
    const secret = r.secret;
    r.upstream.reply = () => ({
      headers: { 'content-type': 'application/json', 'x-echo': secret },
      body: JSON.stringify({
        name: 'Ada',
        ssn: '078-05-1120',
        email: 'ada@example.com',
        echoed: secret,
        b64: Buffer.from(secret).toString('base64'),
      }),
    });
    const answer = await r.call(`/api/customers?key=${API_KEY}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ssn: '219-09-9999', note: `mine: ${API_KEY}`, contact: 'alan@example.com' }),
    });
    expect(answer.status).toBe(200);
    const [event] = await recorded(r, 1);
    expect(event.level).toBe('full');
    expect(JSON.parse(event.response.body!.content!)).toEqual(JSON.parse(answer.text));
    expect(event.response.body).toMatchObject({ encoding: 'utf8', truncated: false });
    expect(JSON.parse(event.request.body!.content!)).toMatchObject({ ssn: '[MASKED]', contact: '[MASKED]' });
    expect(event.decision!.masks).toEqual({ fields: ['**.ssn'], detectors: ['email'] });
    const text = JSON.stringify(await readAuditStream(testRedisUrl(), r.prefix));
    for (const leak of [
      '078-05-1120',
      '219-09-9999',
      'ada@example.com',
      'alan@example.com',
      secret,
      Buffer.from(secret).toString('base64'),
      API_KEY,
    ])
      expect(text).not.toContain(leak);
  });

  it('streamed answers at level full: the first bytes are kept, the cut marked, the credential scrubbed', async () => {
    running = await start({
      decide: () => ({ allow: true, audit: { level: 'full' } }),
      connection: { audit: { maxBodyBytes: 100 } },
    });
    const r = running;
    const body = `${r.secret} ` + 'x'.repeat(5000);
    r.upstream.reply = () => ({ headers: { 'content-type': 'text/plain' }, body });
    const answer = await r.call('/api/big');
    expect(answer.text).toBe(`[MASKED] ${'x'.repeat(5000)}`);
    const [event] = await recorded(r, 1);
    expect(event.response.body).toMatchObject({ size: body.length, truncated: true, encoding: 'utf8' });
    expect(event.response.body!.content!.startsWith('[MASKED] x')).toBe(true);
    expect(JSON.stringify(event)).not.toContain(r.secret);
  });

  it('a credential written with escapes, among quotes and line breaks, is scrubbed from what is recorded', async () => {
    running = await start({ decide: () => ({ allow: true, audit: { level: 'full' } }) });
    const r = running;
    // The JSON-escape form of the injected credential's first character, in a request body (no masks apply).
    const escaped = `\\u${r.secret.charCodeAt(0).toString(16).padStart(4, '0')}${r.secret.slice(1)}`;
    const sent = `say "hi"\nthen ${escaped} and ${Buffer.from(r.secret).toString('hex')}`;
    const answer = await r.call('/api/notes', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: sent,
    });
    expect(answer.status).toBe(200);
    const [event] = await recorded(r, 1);
    const content = event.request.body!.content!;
    expect(content.startsWith('say "hi"\nthen ')).toBe(true);
    expect(content).not.toContain(escaped);
    expect(content).not.toContain(r.secret.slice(1));
    expect(content).not.toContain(Buffer.from(r.secret).toString('hex'));
  });

  it('hostile bodies are recorded within bounds: huge, binary, invalid UTF-8, deeply nested', async () => {
    running = await start({
      decide: (input) => ({
        allow: true,
        audit: { level: 'full' },
        mask: input.request.path === '/nested' ? { fields: ['**.secret'] } : null,
      }),
      connection: { audit: { maxBodyBytes: 1024 } },
    });
    const r = running;
    const nested = '['.repeat(50_000) + ']'.repeat(50_000);
    const bodies: [string, string, Buffer][] = [
      ['/huge', 'text/plain', Buffer.from('é'.repeat(300_000))],
      ['/binary', 'application/octet-stream', randomBytes(4096)],
      ['/invalid', 'text/plain', Buffer.from([0x61, 0xff, 0xfe, 0x62])],
      ['/nested', 'application/json', Buffer.from(nested)],
    ];
    for (const [path, type, bytes] of bodies) {
      const answer = await r.call(`/api${path}`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: bytes,
      });
      expect(answer.status).toBeLessThan(600);
    }
    const events = await recorded(r, 4);
    const byPath = Object.fromEntries(events.map((e) => [e.request.path, e.request.body!]));
    expect(byPath['/huge']).toMatchObject({ size: 600_000, encoding: 'utf8', truncated: true });
    expect(Buffer.byteLength(byPath['/huge'].content!)).toBeLessThanOrEqual(1024);
    expect(byPath['/binary']).toMatchObject({ size: 4096, encoding: 'base64', truncated: true });
    expect(Buffer.from(byPath['/binary'].content!, 'base64').length).toBe(1024);
    expect(byPath['/invalid']).toMatchObject({ size: 4, encoding: 'base64', truncated: false });
    expect(byPath['/nested']).toMatchObject({ size: nested.length });
    for (const event of events) expect(JSON.stringify(event).length).toBeLessThan(16 * 1024);
  });

  it('sync mode: the event is on the stream before the answer; with nothing to record to, 503 and the upstream is never called', async () => {
    running = await start({ connection: { audit: { mode: 'sync' } } });
    const r = running;
    const answer = await r.call('/api/ok');
    expect(answer.status).toBe(200);
    // No flush: the answer waited for Redis.
    const stream = await readAuditStream(testRedisUrl(), r.prefix);
    expect(stream.filter((e) => e.kind === 'request')).toHaveLength(1);
    const denied = await r.call('/api/ok', { headers: { 'x-api-key': 'nope-' + 'n'.repeat(30) } });
    expect(denied.status).toBe(401);
    expect(
      (await readAuditStream(testRedisUrl(), r.prefix)).filter((e) => e.kind === 'request'),
    ).toHaveLength(2);
    await r.close();

    const dir = await mkdtemp(join(tmpdir(), 'pc-sync-'));
    running = await start({
      connection: { audit: { mode: 'sync' } },
      producer: () =>
        new AuditProducer({
          redisUrl: 'redis://127.0.0.1:1',
          source: { service: 'proxy', instance: 'test' },
          spool: { dir, maxBytes: 1 },
        }),
    });
    try {
      const refused = await running.call('/api/ok');
      expect(refused.status).toBe(503);
      expect(JSON.parse(refused.text)).toMatchObject({ error: 'audit_unavailable' });
      expect(running.upstream.requests).toHaveLength(0);
    } finally {
      await running.close();
      running = undefined;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the proxy /health and /metrics show the audit producer, losses included', async () => {
    running = await start();
    const health = (await (await fetch(`${running.proxy.url}/health`)).json()) as { audit?: unknown };
    expect(health.audit).toMatchObject({ dropped: 0, redis_connected: expect.any(Boolean) });
    await running.close();

    // No Redis and a spool too small for one event: the event is lost, and says so everywhere.
    const dir = await mkdtemp(join(tmpdir(), 'pc-loss-'));
    let reportLoss!: (fields: object) => void;
    const lossLogged = new Promise<object>((resolve) => (reportLoss = resolve));
    running = await start({
      producer: () =>
        new AuditProducer({
          redisUrl: 'redis://127.0.0.1:1',
          source: { service: 'proxy', instance: 'test' },
          spool: { dir, maxBytes: 1 },
          logger: { warn: () => undefined, error: (fields) => reportLoss(fields) },
        }),
    });
    try {
      expect((await running.call('/api/ok')).status).toBe(200);
      expect(await lossLogged).toMatchObject({ dropped: 1, total_dropped: 1 });
      const after = (await (await fetch(`${running.proxy.url}/health`)).json()) as { audit?: unknown };
      expect(after.audit).toMatchObject({ dropped: 1, redis_connected: false });
      const metrics = await (await fetch(`${running.proxy.url}/metrics`)).text();
      expect(metrics).toMatch(/^portcullis_audit_producer_dropped 1$/m);
      expect(metrics).toMatch(/^portcullis_audit_producer_sent 0$/m);
    } finally {
      await running.close();
      running = undefined;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
