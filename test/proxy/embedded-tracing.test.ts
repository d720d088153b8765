import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { buildBundle, readPolicySources } from '../../services/compiler/project.js';
import type { DecisionEvent } from '../../services/decision/index.js';
import { hashApiKey } from '../../services/proxy/identity/api-keys.js';
import { startProxy } from '../../services/proxy/index.js';
import { startUpstream } from './support/servers.js';
import { inMemoryTracing } from './support/tracing.js';

const tracing = inMemoryTracing();
const exporter = tracing.exporter;
const API_KEY = 'embedded-trace-key-' + 'x'.repeat(16);

describe('embedded decisions in the trace', () => {
  let dir: string;
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  const events: DecisionEvent[] = [];

  beforeAll(async () => {
    tracing.install();
    dir = mkdtempSync(join(tmpdir(), 'pc-embedded-trace-'));
    writeFileSync(join(dir, 'allow.rego'), 'package t\n\ndecision := {"allow": true}\n');
    const { bundle } = await buildBundle(readPolicySources([join(dir, 'allow.rego')]), {
      entrypoints: ['t/decision'],
    });
    writeFileSync(join(dir, 'allow.tar.gz'), bundle);
    upstream = await startUpstream();
    proxy = await startProxy(
      {
        decision: { bundles: [join(dir, 'allow.tar.gz')], workers: 1 },
        identity: { apiKeys: [{ id: 'k', sha256: hashApiKey(API_KEY), subject: 'bot' }] },
        connections: [
          { name: 'api', match: { pathPrefix: '/api' }, upstream: upstream.url, entrypoint: 't/decision' },
        ],
      },
      { port: 0, logger: pino({ level: 'silent' }), onDecisionEvent: (e) => events.push(e) },
    );
  }, 60_000);

  afterAll(async () => {
    await proxy?.close();
    await upstream?.close();
    rmSync(dir, { recursive: true, force: true });
    await tracing.uninstall();
  });

  it("logs the decision under the caller's trace, below the proxy's decision span", async () => {
    exporter.reset();
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await fetch(`${proxy.url}/api/x`, {
      headers: { 'x-api-key': API_KEY, traceparent: `00-${callerTrace}-00f067aa0ba902b7-01` },
    });
    expect(res.status).toBe(200);
    const decisionId = res.headers.get('x-portcullis-decision-id');
    const decisionSpan = exporter.getFinishedSpans().find((s) => s.name === 'proxy.decision')!;
    expect(decisionSpan.attributes['portcullis.decision_id']).toBe(decisionId);
    expect(decisionSpan.spanContext().traceId).toBe(callerTrace);
    const event = events.find((e) => e.decision_id === decisionId);
    expect(event?.trace_id).toBe(callerTrace);
    expect(upstream.requests[0].headers.traceparent).toMatch(new RegExp(`^00-${callerTrace}-`));
  });
});
