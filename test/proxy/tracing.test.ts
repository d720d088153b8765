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
    expect(names).toEqual([
      'proxy.authenticate',
      'proxy.decision',
      'proxy.mask',
      'proxy.request',
      'proxy.upstream',
    ]);
    const traceIds = new Set(spans.map((s) => s.spanContext().traceId));
    expect(traceIds.size).toBe(1);
    const [traceId] = traceIds;
    const decision = spans.find((s) => s.name === 'proxy.decision')!;
    expect(decision.attributes).toMatchObject({
      'portcullis.decision_id': 'dec-1',
      'portcullis.allow': true,
    });
    expect(h.upstream.requests[0].headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(h.decisions.calls[0].headers.traceparent).toMatch(new RegExp(`^00-${traceId}-`));
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
