import { createLogger } from '../../services/common/logger.js';
import { startDecisionService, type RunningDecisionService } from '../../services/decision/index.js';
import { startProxy } from '../../services/proxy/index.js';
import { cleanup, tempDir, writeFiles } from '../decision/support.js';
import { startHarness, type Harness } from './support/harness.js';

/** The value of one series in Prometheus text, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const silent = createLogger({ level: 'silent' });

describe('proxy /metrics', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('counts requests per connection and outcome, decisions per result, and upstream latency', async () => {
    h = await startHarness({
      decide: (input) => ({ allow: input.request.path !== '/denied', reasons: [] }),
    });
    expect((await h.call('/api/ok')).status).toBe(200);
    expect((await h.call('/api/ok')).status).toBe(200);
    expect((await h.call('/api/denied')).status).toBe(403);
    expect((await h.call('/elsewhere')).status).toBe(404);
    expect((await h.call('/api/x', { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    h.decisions.state.status = 500;
    expect((await h.call('/api/ok')).status).toBe(503);
    h.decisions.state.status = 200;
    await h.upstream.close();
    expect((await h.call('/api/ok')).status).toBe(502);

    const res = await fetch(`${h.proxy.url}/metrics`, { headers: { 'x-request-id': 'scrape-1' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    expect(res.headers.get('x-request-id')).toBe('scrape-1');
    const text = await res.text();
    const count = (labels: string) =>
      sample(text, `portcullis_proxy_request_duration_seconds_count{${labels}}`);
    expect(count('connection="api",outcome="forwarded"')).toBe(2);
    expect(count('connection="api",outcome="forbidden"')).toBe(1);
    expect(count('connection="none",outcome="no_connection"')).toBe(1);
    expect(count('connection="api",outcome="unauthenticated"')).toBe(1);
    expect(count('connection="api",outcome="decision_invalid"')).toBe(1);
    expect(count('connection="api",outcome="upstream_unreachable"')).toBe(1);
    const decisions = (result: string) =>
      sample(text, `portcullis_proxy_decisions_total{connection="api",result="${result}"}`);
    expect([decisions('allow'), decisions('deny'), decisions('error')]).toEqual([3, 1, 1]);
    const upstream = (cls: string) =>
      sample(
        text,
        `portcullis_proxy_upstream_duration_seconds_count{connection="api",status_class="${cls}"}`,
      );
    expect([upstream('2xx'), upstream('error')]).toEqual([2, 1]);
    // The process's own metrics follow the proxy's.
    expect(text).toContain('# TYPE portcullis_http_requests_in_flight gauge');
    expect(text).toContain('# TYPE process_cpu_seconds_total counter');
  });
});

describe('proxy /health/ready', () => {
  let dir: string;
  let decision: RunningDecisionService | undefined;
  beforeAll(async () => {
    dir = await tempDir('ready');
    await writeFiles(dir, { '.manifest': { revision: 'r1', roots: ['gateway'] }, 'gateway/data.json': {} });
  });
  afterAll(async () => {
    await decision?.close();
    await cleanup(dir);
  });

  it('is ready while the decision service has its bundles, and says so when it is away', async () => {
    decision = await startDecisionService({ bundles: [dir], workers: 1 });
    const proxy = await startProxy({ decisionUrl: decision.url }, { port: 0, logger: silent });
    try {
      const ready = await fetch(`${proxy.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(ready.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(await ready.json()).toEqual({ status: 'ready', checks: { decisions: 'ok' } });
      await decision.close();
      decision = undefined;
      const away = await fetch(`${proxy.url}/health/READY/?probe=1`);
      expect(away.status).toBe(503);
      const body = (await away.json()) as { status: string; checks: { decisions: string } };
      expect(body.status).toBe('not ready');
      expect(body.checks.decisions).toMatch(
        /^the decision service does not answer at http:\/\/127\.0\.0\.1:\d+\/health\?bundles/,
      );
      // Liveness stays up: the proxy itself answers.
      expect((await fetch(`${proxy.url}/health`)).status).toBe(200);
    } finally {
      await proxy.close();
    }
  });

  it('with embedded decisions, is ready once every bundle is active', async () => {
    const proxy = await startProxy(
      { decision: { bundles: [dir, `${dir}-missing`], workers: 1 } },
      { port: 0, logger: silent },
    );
    try {
      const res = await fetch(`${proxy.url}/health/ready`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        status: 'not ready',
        checks: { decisions: '1 of 2 bundles not activated' },
      });
    } finally {
      await proxy.close();
    }
  });
});
