import { propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { inSpan, NO_SPAN, tracingActive } from '../../services/proxy/telemetry.js';

describe('proxy telemetry switch', () => {
  afterEach(() => {
    trace.disable();
    propagation.disable();
  });

  it('is off without an SDK, and steps then run with a span that records nothing', async () => {
    expect(tracingActive()).toBe(false);
    let seen: unknown;
    expect(await inSpan('step', {}, async (span) => ((seen = span), 7))).toBe(7);
    expect(seen).toBe(NO_SPAN);
    expect(NO_SPAN.isRecording()).toBe(false);
  });

  it('turns on when a tracer provider is registered, and records spans again', async () => {
    const exporter = new InMemorySpanExporter();
    trace.setGlobalTracerProvider(
      new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
    );
    expect(tracingActive()).toBe(true);
    await inSpan('step', {}, async () => undefined);
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['step']);
    trace.disable();
    expect(tracingActive()).toBe(false);
  });

  it('turns on when only a propagator is registered (trace context still flows upstream)', () => {
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    expect(tracingActive()).toBe(true);
  });
});
