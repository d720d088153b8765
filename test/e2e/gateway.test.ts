import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { POLICIES_DIR } from '../../services/cli/demo-setup.js';
import { createLogger } from '../../services/common/logger.js';
import { buildBundle, readPolicySources } from '../../services/compiler/project.js';
import { startDecisionService, type RunningDecisionService } from '../../services/decision/index.js';
import { startProxy } from '../../services/proxy/index.js';
import type { DecisionLogAuditEvent } from '../../services/audit/event.js';
import { readAuditStream } from '../support/audit-stream.js';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { startIssuer, startUpstream } from '../proxy/support/servers.js';

/**
 * The whole path with real parts: an OIDC issuer (discovery + JWKS), the
 * proxy, the decision service serving the compiled gateway policy, the
 * upstream APIs, and Redis for decision logs.
 */
describe('gateway end to end', () => {
  const logger = createLogger({ level: 'silent' });
  const prefix = uniquePrefix('e2e');
  const env = 'PC_E2E_UPSTREAM_TOKEN';
  let issuer: Awaited<ReturnType<typeof startIssuer>>;
  let github: Awaited<ReturnType<typeof startUpstream>>;
  let crm: Awaited<ReturnType<typeof startUpstream>>;
  let decision: RunningDecisionService;
  let proxy: Awaited<ReturnType<typeof startProxy>>;

  beforeAll(async () => {
    process.env[env] = 'upstream-secret-e2e';
    const dir = mkdtempSync(join(tmpdir(), 'pc-e2e-'));
    const { bundle } = await buildBundle(readPolicySources([POLICIES_DIR]), {
      entrypoints: ['gateway/decision'],
      revision: 'e2e-1',
    });
    writeFileSync(join(dir, 'gateway.tar.gz'), bundle);
    [issuer, github, crm] = await Promise.all([startIssuer(), startUpstream(), startUpstream()]);
    decision = await startDecisionService({
      bundles: [join(dir, 'gateway.tar.gz')],
      port: 0,
      workers: 1,
      redisUrl: testRedisUrl(),
      redisPrefix: prefix,
    });
    const connection = (name: string, upstream: string) => ({
      name,
      match: { pathPrefix: `/${name}` },
      upstream,
      credential: { type: 'bearer' as const, value: { env } },
    });
    proxy = await startProxy(
      {
        port: 0,
        decisionUrl: decision.url,
        identity: { issuers: [{ issuer: issuer.url, audience: 'portcullis' }] },
        connections: [connection('github', github.url), connection('crm', crm.url)],
      },
      { logger },
    );
  }, 120000);

  afterAll(async () => {
    await proxy?.close();
    await decision?.close();
    await Promise.all([issuer?.close(), github?.close(), crm?.close()]);
    await deleteKeys(prefix);
  });

  const call = async (
    path: string,
    init: RequestInit & { groups?: string[]; token?: string | null } = {},
  ) => {
    const token =
      init.token === undefined
        ? await issuer.sign({ sub: 'alice', groups: init.groups ?? ['engineers'] })
        : init.token;
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(`${proxy.url}${path}`, { ...init, headers });
  };

  it("allows an engineer to read a repository, injecting the upstream credential in place of the caller's", async () => {
    const before = github.requests.length;
    const res = await call('/github/repos/acme/api');
    expect(res.status).toBe(200);
    const decisionId = res.headers.get('x-portcullis-decision-id');
    expect(decisionId).toMatch(/\S+/);
    const seen = github.requests[before];
    expect(seen.url).toBe('/repos/acme/api');
    expect(seen.headers.authorization).toBe('Bearer upstream-secret-e2e');
    expect(seen.headers['x-gateway-roles']).toBe('developer');
    const body = await res.text();
    expect(body).not.toContain('upstream-secret-e2e');
  });

  it("denies what no rule grants, with the policy's reasons, and never calls the upstream", async () => {
    const before = github.requests.length;
    const res = await call('/github/repos/acme/api', { method: 'DELETE' });
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: string; reasons: string[]; decision_id: string };
    expect(body.error).toBe('forbidden');
    expect(body.reasons).toContain('DELETE is blocked on this connection');
    expect(body.decision_id).toBeTruthy();
    expect(github.requests.length).toBe(before);
  });

  it('answers 401 without a token and 401 for a token from the wrong audience', async () => {
    const before = github.requests.length;
    const none = await call('/github/repos/acme/api', { token: null });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await call('/github/repos/acme/api', {
      token: await issuer.sign({ sub: 'x', aud: 'someone-else' }),
    });
    expect(wrong.status).toBe(401);
    expect(github.requests.length).toBe(before);
  });

  it('masks personal data in responses for callers without the pii_reader role', async () => {
    crm.reply = () => ({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customers: [{ name: 'Ada', email: 'ada@example.com', ssn: '078-05-1120' }] }),
    });
    const res = await call('/crm/customers', { groups: ['support'] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { customers: { name: string; email: string; ssn: string }[] };
    expect(body.customers[0].name).toBe('Ada');
    expect(body.customers[0].email).not.toContain('ada@example.com');
    expect(body.customers[0].ssn).not.toContain('078-05-1120');
    crm.reply = undefined;
  });

  it('holds risky operations for approval', async () => {
    const res = await call('/github/repos/acme/api/branches/main/protection', {
      method: 'PUT',
      groups: ['admins'],
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toBe('approval_required');
  });

  it('records a decision-log event on the audit stream for each decision', async () => {
    const res = await call('/github/user');
    const decisionId = res.headers.get('x-portcullis-decision-id');
    await decision.context.decisionLogger.settle();
    expect(await decision.context.queue!.flush(5000)).toBe(true);
    const events = await readAuditStream(testRedisUrl(), prefix);
    const found = events.find((e) => e.kind === 'decision_log' && e.decision_id === decisionId);
    expect(found).toMatchObject({ decision_log: { decision_id: decisionId, path: 'gateway/decision' } });
    expect((found as DecisionLogAuditEvent).decision_log.requested_by).not.toBe('');
    expect(JSON.stringify(found)).not.toContain('upstream-secret-e2e');
  });

  it('fails closed with 503 when the decision service is down', async () => {
    await decision.close();
    const res = await call('/github/repos/acme/api');
    expect(res.status).toBe(503);
  });
});
