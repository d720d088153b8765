import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { POLICIES_DIR } from '../../services/cli/demo-setup.js';
import { buildBundle, readPolicySources } from '../../services/compiler/project.js';
import type { DecisionEvent } from '../../services/decision/index.js';
import { startProxy, type ProxyConfigInput } from '../../services/proxy/index.js';
import { readAuditStream } from '../support/audit-stream.js';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { startIssuer, startUpstream } from './support/servers.js';

/**
 * Embedded decisions: the proxy evaluates the compiled gateway policy in
 * its own process (decision.bundles) instead of asking a decision service.
 */

const logger = pino({ level: 'silent' });
const CREDENTIAL_ENV = 'PC_EMBEDDED_UPSTREAM_TOKEN';
const CREDENTIAL = 'upstream-secret-embedded';

/** A policy whose decisions fail: one overruns any deadline, one is a conflict. */
const PROBE_REGO = `package probe

slow := {"allow": true} if {
  count([1 | some i in numbers.range(1, 3000); some j in numbers.range(1, 3000); i * j < 0]) == 0
}

conflict := {"allow": true} if input.request.method == "GET"
conflict := {"allow": false} if input.request.method == "GET"
`;

let dir: string;
let gatewayBundle: string;
let probeBundle: string;
let issuer: Awaited<ReturnType<typeof startIssuer>>;
let github: Awaited<ReturnType<typeof startUpstream>>;
let crm: Awaited<ReturnType<typeof startUpstream>>;

beforeAll(async () => {
  process.env[CREDENTIAL_ENV] = CREDENTIAL;
  dir = mkdtempSync(join(tmpdir(), 'pc-embedded-'));
  const gateway = await buildBundle(readPolicySources([POLICIES_DIR]), {
    entrypoints: ['gateway/decision'],
    revision: 'embedded-1',
  });
  gatewayBundle = join(dir, 'gateway.tar.gz');
  writeFileSync(gatewayBundle, gateway.bundle);
  writeFileSync(join(dir, 'probe.rego'), PROBE_REGO);
  const probe = await buildBundle(readPolicySources([join(dir, 'probe.rego')]), {
    entrypoints: ['probe/slow', 'probe/conflict'],
    revision: 'probe-1',
  });
  probeBundle = join(dir, 'probe.tar.gz');
  writeFileSync(probeBundle, probe.bundle);
  [issuer, github, crm] = await Promise.all([startIssuer(), startUpstream(), startUpstream()]);
}, 120_000);

afterAll(async () => {
  await Promise.all([issuer?.close(), github?.close(), crm?.close()]);
  rmSync(dir, { recursive: true, force: true });
  delete process.env[CREDENTIAL_ENV];
});

/** Polls `check`; the bound is generous (a loaded machine) and only names what a broken test awaited. */
async function waitUntil(check: () => boolean, timeoutMs = 25_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a decision event');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function connection(name: string, upstream: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    match: { pathPrefix: `/${name}` },
    upstream,
    credential: { type: 'bearer' as const, value: { env: CREDENTIAL_ENV } },
    ...extra,
  };
}

function embeddedConfig(
  bundles: string[],
  connections: ProxyConfigInput['connections'],
  decision: NonNullable<ProxyConfigInput['decision']> = {},
): ProxyConfigInput {
  return {
    decision: { bundles, workers: 1, ...decision },
    identity: { issuers: [{ issuer: issuer.url, audience: 'portcullis' }] },
    connections,
  };
}

async function call(proxyUrl: string, path: string, init: RequestInit & { groups?: string[] } = {}) {
  const token = await issuer.sign({ sub: 'alice', groups: init.groups ?? ['engineers'] });
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  const res = await fetch(`${proxyUrl}${path}`, { ...init, headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

describe('embedded decisions with the compiled gateway policy', () => {
  const events: DecisionEvent[] = [];
  let proxy: Awaited<ReturnType<typeof startProxy>>;

  beforeAll(async () => {
    proxy = await startProxy(
      embeddedConfig([gatewayBundle], [connection('github', github.url), connection('crm', crm.url)]),
      { port: 0, logger, onDecisionEvent: (event) => events.push(event) },
    );
  }, 60_000);

  afterAll(async () => {
    await proxy?.close();
  });

  it('allows an engineer to read a repository, with the credential injected and the decision logged', async () => {
    const before = github.requests.length;
    const res = await call(proxy.url, '/github/repos/acme/api');
    expect(res.status).toBe(200);
    const seen = github.requests[before];
    expect(seen.headers.authorization).toBe(`Bearer ${CREDENTIAL}`);
    expect(seen.headers['x-gateway-roles']).toBe('developer');
    const decisionId = res.headers.get('x-portcullis-decision-id');
    const event = events.find((e) => e.decision_id === decisionId);
    expect(event).toMatchObject({
      path: 'gateway/decision',
      requested_by: 'portcullis-proxy',
      bundles: { [gatewayBundle]: { revision: 'embedded-1' } },
      result: { allow: true },
    });
    expect(JSON.stringify(event)).not.toContain(CREDENTIAL);
  });

  it("denies with the policy's reasons and the engine's decision id, never calling the upstream", async () => {
    const before = github.requests.length;
    const res = await call(proxy.url, '/github/repos/acme/api', { method: 'DELETE' });
    expect(res.status).toBe(403);
    const body = res.json() as { error: string; reasons: string[]; decision_id: string };
    expect(body.error).toBe('forbidden');
    expect(body.reasons).toContain('DELETE is blocked on this connection');
    expect(res.headers.get('x-portcullis-decision-id')).toBe(body.decision_id);
    expect(events.find((e) => e.decision_id === body.decision_id)?.result).toMatchObject({ allow: false });
    expect(github.requests.length).toBe(before);
  });

  it('masks personal data, deciding the request and the response phase in-process', async () => {
    crm.reply = () => ({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customers: [{ name: 'Ada', email: 'ada@example.com', ssn: '078-05-1120' }] }),
    });
    try {
      const res = await call(proxy.url, '/crm/customers', { groups: ['support'] });
      expect(res.status).toBe(200);
      const customer = (res.json() as { customers: Record<string, string>[] }).customers[0];
      expect(customer.name).toBe('Ada');
      expect(customer.email).not.toContain('ada@example.com');
      expect(customer.ssn).not.toContain('078-05-1120');
      const responseDecision = res.headers.get('x-portcullis-response-decision-id');
      const event = events.find((e) => e.decision_id === responseDecision);
      expect((event?.input as { phase: string }).phase).toBe('response');
    } finally {
      crm.reply = undefined;
    }
  });

  it("answers /health with the active bundle's revision", async () => {
    const res = await fetch(`${proxy.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ bundles: [{ active_revision: 'embedded-1' }] });
  });
});

describe('embedded decision logs', () => {
  const prefix = uniquePrefix('embedded');
  afterAll(async () => deleteKeys(prefix));

  it('records every decision on the audit stream, as the decision service does', async () => {
    const proxy = await startProxy(
      embeddedConfig([gatewayBundle], [connection('github', github.url)], {
        decisionLogs: { redisUrl: testRedisUrl(), prefix },
      }),
      { port: 0, logger },
    );
    const res = await call(proxy.url, '/github/user');
    expect(res.status).toBe(200);
    const decisionId = res.headers.get('x-portcullis-decision-id');
    // Closing settles the decision logger and flushes the audit producer.
    await proxy.close();
    const events = await readAuditStream(testRedisUrl(), prefix);
    const logged = events.find((e) => e.kind === 'decision_log' && e.decision_id === decisionId);
    expect(logged).toMatchObject({
      decision_log: { path: 'gateway/decision', requested_by: 'portcullis-proxy' },
    });
    expect(JSON.stringify(logged)).not.toContain(CREDENTIAL);
  });
});

describe('embedded decisions fail closed', () => {
  let broken: string;
  beforeAll(() => {
    broken = join(dir, 'broken.tar.gz');
    writeFileSync(broken, 'not a bundle');
  });

  it('when the bundle does not load: 503 decision_unavailable, /health 503, no upstream call', async () => {
    const proxy = await startProxy(embeddedConfig([broken], [connection('github', github.url)]), {
      port: 0,
      logger,
    });
    try {
      const before = github.requests.length;
      const res = await call(proxy.url, '/github/repos/acme/api');
      expect(res.status).toBe(503);
      const body = res.json() as { error: string; decision_id: string };
      expect(body.error).toBe('decision_unavailable');
      expect(res.headers.get('x-portcullis-decision-id')).toBe(body.decision_id);
      expect(github.requests.length).toBe(before);
      const health = await fetch(`${proxy.url}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({
        bundles: [{ active_revision: null, error: expect.any(String) }],
      });
    } finally {
      await proxy.close();
    }
  });

  it('forwards on a fail-open connection when the bundle does not load, saying so', async () => {
    const proxy = await startProxy(
      embeddedConfig([broken], [connection('github', github.url, { failMode: 'open' })]),
      { port: 0, logger },
    );
    try {
      const res = await call(proxy.url, '/github/repos/acme/api');
      expect(res.status).toBe(200);
      expect(res.headers.get('x-portcullis-fail-open')).toBe('true');
    } finally {
      await proxy.close();
    }
  });

  describe('on engine errors', () => {
    let proxy: Awaited<ReturnType<typeof startProxy>>;
    const engineEvents: DecisionEvent[] = [];
    beforeAll(async () => {
      const probe = (name: string, entrypoint: string, failMode: 'open' | 'closed') =>
        connection(name, github.url, { entrypoint, failMode });
      proxy = await startProxy(
        embeddedConfig(
          [probeBundle],
          [
            probe('slow', 'probe/slow', 'closed'),
            probe('slow-open', 'probe/slow', 'open'),
            probe('conflict-open', 'probe/conflict', 'open'),
          ],
          { timeoutMs: 1000 },
        ),
        { port: 0, logger, onDecisionEvent: (event) => engineEvents.push(event) },
      );
    }, 60_000);
    afterAll(async () => proxy?.close());

    it('an evaluation error is about the request: decision_invalid, closed even where fail-open', async () => {
      const before = github.requests.length;
      const res = await call(proxy.url, '/conflict-open/x');
      expect(res.status).toBe(503);
      expect(res.json()).toMatchObject({ error: 'decision_invalid' });
      expect(res.headers.get('x-portcullis-fail-open')).toBeNull();
      expect(github.requests.length).toBe(before);
      // the caller's decision id is the one the engine logged the failure under
      const decisionId = res.headers.get('x-portcullis-decision-id');
      await waitUntil(() => engineEvents.some((e) => e.decision_id === decisionId));
      const event = engineEvents.find((e) => e.decision_id === decisionId)!;
      expect(event.error).toMatchObject({ code: 'evaluation_error' });
    });

    it('an input nested too deep to serialise is refused, never forwarded where fail-open', async () => {
      const before = github.requests.length;
      const res = await call(proxy.url, '/conflict-open/x', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '['.repeat(6000) + ']'.repeat(6000),
      });
      expect(res.status).toBe(400);
      expect(res.json()).toMatchObject({ error: 'json_too_deep' });
      expect(github.requests.length).toBe(before);
    });

    // Last: a worker that overran is replaced, which may outlast the next evaluations' deadline too.
    it('an evaluation over its deadline is about the request: decision_invalid, closed even where fail-open', async () => {
      const before = github.requests.length;
      for (const path of ['/slow/x', '/slow-open/x']) {
        const res = await call(proxy.url, path);
        expect(res.status).toBe(503);
        expect(res.json()).toMatchObject({ error: 'decision_invalid' });
        expect(res.headers.get('x-portcullis-fail-open')).toBeNull();
      }
      expect(github.requests.length).toBe(before);
    });
  });
});
