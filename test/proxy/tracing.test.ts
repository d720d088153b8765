import { SpanKind } from '@opentelemetry/api';
import { startHarness, type Harness } from './support/harness.js';
import { inMemoryTracing } from './support/tracing.js';

const tracing = inMemoryTracing();
const exporter = tracing.exporter;

describe('proxy tracing', () => {
  let h: Harness;
  beforeAll(() => {
    tracing.install();
  });
  afterAll(async () => {
    await tracing.uninstall();
  });
  afterEach(async () => h?.close());

  it('makes one trace per request with spans for each step, and propagates traceparent', async () => {
    h = await startHarness({ decide: () => ({ allow: true, mask: { detectors: ['email'] } }) });
    exporter.reset();
    await h.call('/api/x');
    const spans = exporter.getFinishedSpans();
    const names = spans.map((s) => s.name).sort();
    // HTTP spans named as OpenTelemetry's conventions name them; the proxy's own steps as before.
    expect(names).toEqual([
      'GET',
      'GET /api/*',
      'POST',
      'proxy.authenticate',
      'proxy.decision',
      'proxy.mask',
    ]);
    const traceIds = new Set(spans.map((s) => s.spanContext().traceId));
    expect(traceIds.size).toBe(1);
    const [traceId] = traceIds;
    const server = spans.find((s) => s.name === 'GET /api/*')!;
    expect(server.kind).toBe(SpanKind.SERVER);
    expect(server.attributes).toMatchObject({
      'http.request.method': 'GET',
      'url.path': '/api/x',
      'http.route': '/api/*',
      'http.response.status_code': 200,
      'portcullis.connection': 'api',
    });
    const decision = spans.find((s) => s.name === 'proxy.decision')!;
    expect(decision.attributes).toMatchObject({
      'portcullis.decision_id': 'dec-1',
      'portcullis.allow': true,
    });
    expect(decision.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    const decisionCall = spans.find((s) => s.name === 'POST')!;
    expect(decisionCall.kind).toBe(SpanKind.CLIENT);
    expect(decisionCall.parentSpanContext?.spanId).toBe(decision.spanContext().spanId);
    expect(decisionCall.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.response.status_code': 200,
      'server.address': '127.0.0.1',
    });
    const upstreamCall = spans.find((s) => s.name === 'GET')!;
    expect(upstreamCall.kind).toBe(SpanKind.CLIENT);
    expect(upstreamCall.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    expect(upstreamCall.attributes['url.full']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/x$/);
    // Each receiver's parent is the client span that called it.
    expect(h.upstream.requests[0].headers.traceparent).toBe(
      `00-${traceId}-${upstreamCall.spanContext().spanId}-01`,
    );
    expect(h.decisions.calls[0].headers.traceparent).toBe(
      `00-${traceId}-${decisionCall.spanContext().spanId}-01`,
    );
    const recorded = JSON.stringify(
      spans.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events })),
    );
    expect(recorded).not.toContain(h.secret);
  });

  it("continues the caller's trace", async () => {
    h = await startHarness();
    exporter.reset();
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    await h.call('/api/x', { headers: { traceparent: `00-${callerTrace}-00f067aa0ba902b7-01` } });
    expect(exporter.getFinishedSpans().every((s) => s.spanContext().traceId === callerTrace)).toBe(true);
  });
});
