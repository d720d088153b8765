import { context, propagation, trace } from '@opentelemetry/api';
import { core, node, tracing } from '@opentelemetry/sdk-node';
import {
  startDecisionService,
  type DecisionEvent,
  type RunningDecisionService,
} from '../../services/decision/index.js';
import { cleanup, postJson, tempDir, writeFiles } from './support.js';

let dir: string;
let service: RunningDecisionService;
const exporter = new tracing.InMemorySpanExporter();
const events: DecisionEvent[] = [];

beforeAll(async () => {
  const provider = new node.NodeTracerProvider({
    spanProcessors: [new tracing.SimpleSpanProcessor(exporter)],
  });
  provider.register({ propagator: new core.W3CTraceContextPropagator() });
  dir = await tempDir('otel');
  await writeFiles(dir, {
    '.manifest': { revision: 'T1', roots: ['app'] },
    'app/data.json': { allow: true },
  });
  service = await startDecisionService({
    bundles: [dir],
    workers: 1,
    onDecisionEvent: (e) => events.push(e),
  });
});

afterAll(async () => {
  await service.close();
  await cleanup(dir);
  trace.disable();
  propagation.disable();
  context.disable();
});

test('a request span continues the incoming traceparent, with an evaluation span inside', async () => {
  const traceId = '0af7651916cd43dd8448eb211c80319c';
  const parentSpanId = 'b7ad6b7169203331';
  const { body } = await postJson(
    `${service.url}/v1/data/app/allow`,
    { input: {} },
    { traceparent: `00-${traceId}-${parentSpanId}-01` },
  );
  await service.context.decisionLogger.settle();
  const spans = exporter.getFinishedSpans();
  const request = spans.find((s) => s.name === 'POST /v1/data/{path}')!;
  const evaluation = spans.find((s) => s.name === 'policy.evaluate')!;
  expect(request.spanContext().traceId).toBe(traceId);
  expect(request.parentSpanContext?.spanId).toBe(parentSpanId);
  expect(request.attributes).toMatchObject({
    'portcullis.decision_id': body.decision_id,
    'portcullis.path': 'app/allow',
    'portcullis.bundle_revisions': 'T1',
    'portcullis.result_defined': true,
  });
  expect(evaluation.spanContext().traceId).toBe(traceId);
  expect(evaluation.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
  const event = events.find((e) => e.decision_id === body.decision_id)!;
  expect(event.trace_id).toBe(traceId);
  expect(event.span_id).toBe(request.spanContext().spanId);
});
