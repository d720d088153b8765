import { Writable } from 'node:stream';
import express from 'express';
import request from 'supertest';
import { createLogger } from '../../services/common/logger.js';
import { startTelemetry, type Telemetry } from '../../services/common/telemetry.js';
import { startDecisionService, type RunningDecisionService } from '../../services/decision/index.js';
import { enforce, type EnforceMiddleware } from '../../services/express/index.js';
import { hashApiKey } from '../../services/proxy/identity/api-keys.js';
import { gatewayBundle } from '../approvals/support/stack.js';
import { OTLP_KIND, startOtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver.js';

/**
 * The middleware's decisions join the caller's trace: exported over
 * OTLP/HTTP to a receiver on loopback, the decision service's server span
 * hangs from the middleware's client call, under `proxy.decision`, under
 * the caller's span; both services' request lines carry the caller's
 * trace id and one request id.
 */

const KEY = 'pc_express_trace_' + 'k'.repeat(20);
const CALLER_TRACE = '7b2e0c7d2f8b4e6a9c3d1b0f7e6a5d41';
const CALLER_SPAN = '2f2e3d4c5b6a7981';

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

describe('enforce() in one trace with the decision service', () => {
  let telemetry: Telemetry;
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let decision: RunningDecisionService;
  let guard: EnforceMiddleware;
  const logs = logSink();

  beforeAll(async () => {
    process.env.OTEL_BSP_SCHEDULE_DELAY = '50';
    receiver = await startOtlpReceiver();
    telemetry = await startTelemetry({ otlpEndpoint: receiver.url });
    const logger = createLogger({ level: 'info', destination: logs.stream });
    decision = await startDecisionService({
      bundles: [await gatewayBundle()],
      port: 0,
      workers: 1,
      logger: logger.child({ service: 'decision' }),
    });
    guard = enforce({
      decisionUrl: decision.url,
      identity: { apiKeys: [{ id: 'dev', sha256: hashApiKey(KEY), subject: 'dana', groups: ['engineers'] }] },
      connection: { name: 'crm' },
      logger: logger.child({ service: 'app' }),
    });
    await guard.ready();
  }, 120_000);

  afterAll(async () => {
    await guard?.close();
    await decision?.close();
    await telemetry?.shutdown();
    await receiver?.close();
    delete process.env.OTEL_BSP_SCHEDULE_DELAY;
  });

  it('puts the decisions under the caller’s span and one trace id and request id on both services’ lines', async () => {
    const app = express();
    app.use('/crm', guard, (_req, res) => res.json([{ id: 1, name: 'Ada' }]));
    const res = await request(app)
      .get('/crm/customers')
      .set('x-api-key', KEY)
      .set('traceparent', `00-${CALLER_TRACE}-${CALLER_SPAN}-01`);
    expect(res.status).toBe(200);

    const mine = (spans: ReceivedSpan[]) => spans.filter((s) => s.traceId === CALLER_TRACE);
    const decided = (spans: ReceivedSpan[]) =>
      mine(spans).filter((s) => s.service === 'portcullis-decision' && s.kind === OTLP_KIND.server);
    // Request and response phases (crm inspects responses): two decisions, each with its client call.
    const spans = mine(
      await receiver.until(
        (all) =>
          decided(all).length >= 2 &&
          mine(all).filter((s) => s.name === 'proxy.decision').length >= 2 &&
          mine(all).filter((s) => s.kind === OTLP_KIND.client).length >= 2,
      ),
    );
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    for (const server of decided(spans)) {
      const call = byId.get(server.parentSpanId)!;
      expect(call).toMatchObject({ kind: OTLP_KIND.client, name: 'POST' });
      const step = byId.get(call.parentSpanId)!;
      expect(step.name).toBe('proxy.decision');
      expect(step.parentSpanId).toBe(CALLER_SPAN);
    }

    const appLine = logs.lines.find((l) => l.service === 'app' && l.msg === 'request')!;
    expect(appLine).toMatchObject({ trace_id: CALLER_TRACE, status: 200, subject: 'dana' });
    expect(appLine.req_id).toBe(res.headers['x-request-id']);
    const decisionLines = logs.lines.filter((l) => l.service === 'decision' && l.msg === 'request');
    expect(decisionLines.length).toBeGreaterThanOrEqual(2);
    for (const line of decisionLines)
      expect(line).toMatchObject({ trace_id: CALLER_TRACE, req_id: appLine.req_id });
  }, 60_000);
});
