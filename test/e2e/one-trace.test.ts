import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { AuditProducer } from '../../services/audit/producer.js';
import { createLogger } from '../../services/common/logger.js';
import { listen } from '../../services/common/http.js';
import { startTelemetry, type Telemetry } from '../../services/common/telemetry.js';
import { startDecisionService, type RunningDecisionService } from '../../services/decision/index.js';
import { createDemoUpstream, DEFAULT_DEMO_TOKEN } from '../../services/demo/upstream.js';
import { hashApiKey } from '../../services/proxy/identity/api-keys.js';
import { startProxy } from '../../services/proxy/index.js';
import { startWorkers } from '../../services/workers/index.js';
import { eventLog, gatewayBundle } from '../approvals/support/stack.js';
import { OTLP_KIND, startOtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver.js';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';

/**
 * One request's trace across every hop, as a trace viewer receives it:
 * the services of `npm start` in one process, exporting OTLP/HTTP (JSON) to
 * a receiver on loopback. The request needs an approval (hold mode), so it
 * crosses the proxy, the decision service (twice: request and response
 * phases), the approval's queue jobs on the workers, the upstream (the demo
 * API) and the audit export; every span must name its own service and
 * hang from the right parent.
 */

const CALLER_KEY = 'pc_trace_caller_' + 'c'.repeat(16);
const REVIEWER_KEY = 'pc_trace_reviewer_' + 'r'.repeat(16);
const CALLER_TRACE = '5a1e0c7d2f8b4e6a9c3d1b0f7e6a5d4c';
const CALLER_SPAN = '1f2e3d4c5b6a7980';

function logSink() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

describe('one trace across every hop', () => {
  let telemetry: Telemetry;
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let decision: RunningDecisionService;
  let workers: Awaited<ReturnType<typeof startWorkers>>;
  let demo: Awaited<ReturnType<typeof listen>>;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let audit: AuditProducer;
  const prefix = uniquePrefix('one-trace');
  const dir = mkdtempSync(join(tmpdir(), 'pc-one-trace-'));
  const logs = logSink();
  const log = eventLog();
  const tokenEnv = `PC_TRACE_TOKEN_${Math.random().toString(36).slice(2, 8).toUpperCase()}`;

  beforeAll(async () => {
    // Export each batch at once: the test waits on the receiver, never on a timer of the SDK.
    process.env.OTEL_BSP_SCHEDULE_DELAY = '50';
    process.env[tokenEnv] = DEFAULT_DEMO_TOKEN;
    receiver = await startOtlpReceiver();
    telemetry = await startTelemetry({ otlpEndpoint: receiver.url });
    const logger = createLogger({ level: 'info', destination: logs.stream });
    const identity = {
      apiKeys: [
        { id: 'caller', sha256: hashApiKey(CALLER_KEY), subject: 'hank', groups: ['engineers'] },
        { id: 'reviewer', sha256: hashApiKey(REVIEWER_KEY), subject: 'rita', groups: ['crm-owners'] },
      ],
    };
    demo = await listen(createDemoUpstream({ logger: logger.child({ service: 'demo-upstream' }) }), 0);
    decision = await startDecisionService({
      bundles: [await gatewayBundle()],
      port: 0,
      workers: 1,
      redisUrl: testRedisUrl(),
      redisPrefix: prefix,
      logger: logger.child({ service: 'decision' }),
    });
    workers = await startWorkers({
      redisUrl: testRedisUrl(),
      prefix,
      host: '127.0.0.1',
      port: 0,
      logger: logger.child({ service: 'workers' }),
      approvals: { identity },
      audit: {
        identity,
        config: {
          dataDir: join(dir, 'data'),
          spool: { enabled: false },
          transport: { trimIntervalMs: 100 },
          sinks: [{ type: 'file', name: 'trail', dir: join(dir, 'trail'), batch: { timeoutMs: 50 } }],
        },
      },
    });
    workers.approvals!.feed.onTransition(log.listener);
    const proxyLogger = logger.child({ service: 'proxy' });
    audit = new AuditProducer({
      redisUrl: testRedisUrl(),
      prefix,
      source: { service: 'proxy', instance: 'trace-test' },
      logger: proxyLogger,
    });
    proxy = await startProxy(
      {
        port: 0,
        decisionUrl: decision.url,
        identity,
        approvals: { redisUrl: testRedisUrl(), prefix, publicUrl: workers.url },
        connections: [
          {
            name: 'crm',
            match: { pathPrefix: '/crm' },
            stripPrefix: true,
            upstream: demo.url,
            credential: { type: 'bearer', value: { env: tokenEnv } },
            approval: { mode: 'hold', holdSeconds: 120 },
            audit: { mode: 'async', level: 'basic' },
          },
        ],
      },
      { logger: proxyLogger, audit },
    );
  }, 120_000);

  afterAll(async () => {
    await proxy?.close();
    await audit?.close();
    await workers?.close();
    await decision?.close();
    await demo?.close();
    await telemetry?.shutdown();
    await receiver?.close();
    await deleteKeys(prefix);
    rmSync(dir, { recursive: true, force: true });
    delete process.env.OTEL_BSP_SCHEDULE_DELAY;
    delete process.env[tokenEnv];
  });

  it('joins proxy, decision service, upstream and the workers (queue jobs, audit export) under the caller’s trace', async () => {
    const requested = log.until((e) => e.type === 'approval.requested' && e.subject === 'hank');
    const held = fetch(`${proxy.url}/crm/customers`, {
      method: 'POST',
      headers: {
        'x-api-key': CALLER_KEY,
        'content-type': 'application/json',
        traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01`,
      },
      body: JSON.stringify({ name: 'Grace Hopper', email: 'grace@example.com' }),
    });
    const { approval_id: id } = await requested;
    // The reviewer's call is a trace of its own.
    const approve = await fetch(`${workers.url}/v1/approvals/${id}/approve`, {
      method: 'POST',
      headers: { 'x-api-key': REVIEWER_KEY, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(approve.status).toBe(200);
    const answer = await held;
    expect(answer.status).toBe(201);
    await answer.text();

    const mine = (spans: ReceivedSpan[]) => spans.filter((s) => s.traceId === CALLER_TRACE);
    const has = (spans: ReceivedSpan[], service: string, name: string) =>
      mine(spans).some((s) => s.service === service && s.name === name);
    // The request's own audit events: itself, its two decision logs, its approval's requested and executed.
    const exported = (spans: ReceivedSpan[], kind: string) =>
      mine(spans).filter((s) => s.name === 'audit.export' && s.attributes['portcullis.audit.kind'] === kind)
        .length;
    const spans = mine(
      await receiver.until(
        (all) =>
          has(all, 'portcullis-proxy', 'POST /crm/*') &&
          has(all, 'portcullis-demo-upstream', 'POST /customers') &&
          has(all, 'portcullis-workers', 'process approval-notify') &&
          has(all, 'portcullis-workers', 'send approval-expiry') &&
          exported(all, 'request') >= 1 &&
          exported(all, 'decision_log') >= 2 &&
          exported(all, 'approval') >= 2,
      ),
    );

    // Every service under its own name, in the one trace the caller started.
    expect(new Set(spans.map((s) => s.service))).toEqual(
      new Set(['portcullis-proxy', 'portcullis-decision', 'portcullis-workers', 'portcullis-demo-upstream']),
    );
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const parentOf = (s: ReceivedSpan) => byId.get(s.parentSpanId);
    // No dangling parents: every span hangs from a span of the trace, or from the caller.
    for (const span of spans) {
      if (span.parentSpanId !== CALLER_SPAN) expect(parentOf(span)).toBeDefined();
    }

    const server = spans.find((s) => s.name === 'POST /crm/*')!;
    expect(server).toMatchObject({
      service: 'portcullis-proxy',
      kind: OTLP_KIND.server,
      parentSpanId: CALLER_SPAN,
    });
    expect(server.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/crm/*',
      'url.path': '/crm/customers',
      'http.response.status_code': 201,
    });

    // Proxy → decision service: two phases, each a client span answered by a server span on the other side.
    const decisionServers = spans.filter(
      (s) => s.service === 'portcullis-decision' && s.kind === OTLP_KIND.server,
    );
    expect(decisionServers.length).toBeGreaterThanOrEqual(2);
    for (const decided of decisionServers) {
      expect(decided.name).toBe('POST /v1/data/{path}');
      const call = parentOf(decided)!;
      expect(call).toMatchObject({ service: 'portcullis-proxy', kind: OTLP_KIND.client, name: 'POST' });
      expect(parentOf(call)).toMatchObject({ name: 'proxy.decision' });
      expect(parentOf(parentOf(call)!)!.spanId).toBe(server.spanId);
      expect(spans.some((s) => s.name === 'policy.evaluate' && s.parentSpanId === decided.spanId)).toBe(true);
    }

    // Proxy → upstream: the demo API's server span is a child of the proxy's client span.
    const upstreamServer = spans.find((s) => s.service === 'portcullis-demo-upstream')!;
    expect(upstreamServer).toMatchObject({ name: 'POST /customers', kind: OTLP_KIND.server });
    const upstreamCall = parentOf(upstreamServer)!;
    expect(upstreamCall).toMatchObject({ service: 'portcullis-proxy', kind: OTLP_KIND.client, name: 'POST' });
    expect(upstreamCall.parentSpanId).toBe(server.spanId);

    // Proxy → workers through Redis: the approval's transition carried the trace into its jobs.
    for (const queue of ['approval-notify', 'approval-expiry']) {
      const send = spans.find((s) => s.name === `send ${queue}`)!;
      expect(send).toMatchObject({ service: 'portcullis-workers', kind: OTLP_KIND.producer });
      expect(send.parentSpanId).toBe(server.spanId);
      expect(send.attributes['messaging.destination.name']).toBe(queue);
    }
    const processed = spans.find((s) => s.name === 'process approval-notify')!;
    expect(processed.kind).toBe(OTLP_KIND.consumer);
    expect(parentOf(processed)!.name).toBe('send approval-notify');

    // Audit export: the request's event and its decision logs delivered under the spans that recorded them.
    const exports = spans.filter((s) => s.name === 'audit.export');
    expect(exports.every((s) => s.service === 'portcullis-workers' && s.kind === OTLP_KIND.consumer)).toBe(
      true,
    );
    const exportedKinds = new Map(exports.map((s) => [s.attributes['portcullis.audit.kind'], parentOf(s)!]));
    expect(exportedKinds.get('request')!.spanId).toBe(server.spanId);
    expect(exportedKinds.get('decision_log')!.service).toBe('portcullis-decision');
    expect(exportedKinds.get('approval')).toBeDefined();

    // trace_id on every audit event: the request's own carry the caller's trace.
    const trail = readdirSync(join(dir, 'trail'))
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) =>
        readFileSync(join(dir, 'trail', f), 'utf8')
          .trim()
          .split('\n'),
      )
      .map((line) => JSON.parse(line) as { kind: string; trace_id?: string; transition?: string });
    const ofRequest = trail.filter((e) => e.trace_id === CALLER_TRACE);
    expect(new Set(ofRequest.map((e) => e.kind))).toEqual(new Set(['request', 'decision_log', 'approval']));
    expect(ofRequest.filter((e) => e.kind === 'approval').map((e) => e.transition)).toEqual(
      expect.arrayContaining(['approval.requested', 'approval.executed']),
    );
    for (const event of trail.filter((e) => e.kind !== 'bundle'))
      expect(event.trace_id).toMatch(/^[0-9a-f]{32}$/);

    // trace_id on the request lines of every service the request crossed.
    const requestLines = logs.lines.filter((l) => l.msg === 'request' && l.trace_id === CALLER_TRACE);
    expect(new Set(requestLines.map((l) => l.service))).toEqual(
      new Set(['proxy', 'decision', 'demo-upstream']),
    );
    // One request id too: the proxy sends its X-Request-Id to the decision service and the upstream.
    const proxyLine = requestLines.find((l) => l.service === 'proxy')!;
    expect(proxyLine.req_id).toBe(answer.headers.get('x-request-id'));
    const decisionLines = requestLines.filter((l) => l.service === 'decision');
    expect(decisionLines.length).toBeGreaterThanOrEqual(2);
    for (const line of decisionLines) expect(line.req_id).toBe(proxyLine.req_id);
    expect(requestLines.find((l) => l.service === 'demo-upstream')!.req_id).toBe(proxyLine.req_id);
  }, 120_000);
});
