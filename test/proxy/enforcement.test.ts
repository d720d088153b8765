import { startHarness, type Harness } from './support/harness.js';

describe('proxy enforcement, end to end on loopback', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('forwards an allowed request with the credential injected and the caller token removed', async () => {
    h = await startHarness();
    const res = await h.call('/api/things/1?x=1&x=2', {
      headers: { 'x-trace-me': 'yes', cookie: 'session=abc' },
    });
    expect(res.status).toBe(200);
    const seen = h.upstream.requests[0];
    expect(seen.url).toBe('/things/1?x=1&x=2');
    expect(seen.headers.authorization).toBe(`Bearer ${h.secret}`);
    expect(seen.headers.cookie).toBeUndefined();
    expect(seen.headers['x-trace-me']).toBe('yes');
    expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1');
    // A path-prefix connection has no configured host: the caller's Host is not vouched for.
    expect(seen.headers['x-forwarded-host']).toBeUndefined();
    expect(res.headers.get('x-portcullis-decision-id')).toBe('dec-1');
    // The echo contained the credential: the caller never sees it.
    expect(res.text).not.toContain(h.secret);
    expect(res.text).toContain('[MASKED]');
  });

  it('gives the policy the documented input, without credentials', async () => {
    h = await startHarness();
    await h.call('/api/repos/acme?page=2', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-version': '3' },
      body: JSON.stringify({ name: 'x' }),
    });
    const { input, path } = h.decisions.calls[0];
    expect(path).toBe('/v1/data/gateway/decision');
    expect(input.phase).toBe('request');
    expect(input.identity).toMatchObject({
      sub: 'alice',
      email: 'alice@example.com',
      groups: ['engineers'],
      type: 'user',
    });
    expect(input.connection).toEqual({ name: 'api', tags: ['internal'] });
    expect(input.request).toMatchObject({
      method: 'POST',
      path: '/repos/acme',
      segments: ['repos', 'acme'],
      query: { page: ['2'] },
      body: { name: 'x' },
      body_status: 'parsed',
      content_type: 'application/json',
    });
    expect(input.request.headers['x-api-version']).toBe('3');
    expect(input.request.headers.authorization).toBeUndefined();
    expect(input.source.ip).toBe('127.0.0.1');
    expect(typeof input.time.rfc3339).toBe('string');
    expect(JSON.stringify(input)).not.toContain(h.secret);
  });

  it('denies with 403, the reasons and the decision id, and never calls the upstream', async () => {
    h = await startHarness({ decide: () => ({ allow: false, reasons: ['engineers may not write'] }) });
    const res = await h.call('/api/x', { method: 'PUT', body: 'x' });
    expect(res.status).toBe(403);
    expect(res.json()).toEqual({
      error: 'forbidden',
      message: expect.any(String),
      reasons: ['engineers may not write'],
      decision_id: 'dec-1',
    });
    expect(res.headers.get('x-portcullis-decision-id')).toBe('dec-1');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(h.upstream.requests).toHaveLength(0);
  });

  it('answers approval_required when the proxy has no approval store', async () => {
    h = await startHarness({
      decide: () => ({
        allow: true,
        require_approval: {
          reviewers: { groups: ['leads'] },
          min_approvals: 1,
          ttl_seconds: 600,
          reason: 'DELETE on prod',
        },
      }),
    });
    const res = await h.call('/api/x', { method: 'DELETE' });
    expect(res.status).toBe(403);
    expect(res.json()).toMatchObject({ error: 'approval_required', reasons: ['DELETE on prod'] });
    expect(h.upstream.requests).toHaveLength(0);
  });

  it.each([
    ['unreachable', async (x: Harness) => x.decisions.close()],
    ['stalled past the timeout', async (x: Harness) => void (x.decisions.state.hold = true)],
    ['away (503)', async (x: Harness) => void (x.decisions.state.status = 503)],
  ])('fails closed with 503 when the decision service is %s', async (_name, breakIt) => {
    h = await startHarness({ configure: (c) => void (c.decision = { timeoutMs: 300 }) });
    await breakIt(h);
    const res = await h.call('/api/x');
    expect(res.status).toBe(503);
    expect(res.json().error).toBe('decision_unavailable');
    expect(res.headers.get('x-portcullis-decision-id')).toBeTruthy();
    expect(h.upstream.requests).toHaveLength(0);
  });

  it('fails closed on an invalid or undefined decision', async () => {
    h = await startHarness({ decide: () => ({ allow: 'yes' }) });
    expect((await h.call('/api/x')).json().error).toBe('decision_invalid');
    h.decisions.state.decide = () => undefined;
    const res = await h.call('/api/x');
    expect(res.status).toBe(503);
    expect(res.json().error).toBe('decision_invalid');
    expect(h.upstream.requests).toHaveLength(0);
  });

  it('fails open only on a connection that says so, and logs it', async () => {
    h = await startHarness({
      configure: (c) => {
        c.connections[0].failMode = 'open';
      },
    });
    h.decisions.state.status = 503;
    const res = await h.call('/api/x');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-portcullis-fail-open')).toBe('true');
    expect(h.upstream.requests).toHaveLength(1);
    const warn = h.logs.find((l) => l.level === 40);
    expect(warn?.msg).toMatch(/fail-open/);
    expect(warn?.decision_id).toBe(res.headers.get('x-portcullis-decision-id'));
  });

  it('applies the decision headers to the upstream request', async () => {
    h = await startHarness({
      decide: () => ({ allow: true, headers: { set: { 'X-Tenant': 'acme' }, remove: ['x-remove-me'] } }),
    });
    await h.call('/api/x', { headers: { 'x-remove-me': '1' } });
    expect(h.upstream.requests[0].headers['x-tenant']).toBe('acme');
    expect(h.upstream.requests[0].headers['x-remove-me']).toBeUndefined();
  });

  it.each([
    [{ set: { 'X-Evil': 'a\r\nSet-Cookie: pwned=1' } }],
    [{ set: { 'Bad Name': 'x' } }],
    [{ set: { Authorization: 'Bearer stolen' } }],
    [{ set: { 'Content-Length': '0' } }],
    [{ remove: ['Host'] }],
    [{ set: { 'X-Portcullis-Subject': 'root' } }],
  ])('refuses header injection through the decision: %j', async (headers) => {
    h = await startHarness({ decide: () => ({ allow: true, headers }) });
    const res = await h.call('/api/x');
    expect(res.status).toBe(502);
    expect(res.json().error).toBe('decision_headers_refused');
    expect(h.upstream.requests).toHaveLength(0);
  });

  it('re-reads a file credential when the file changes', async () => {
    const { mkdtempSync, writeFileSync, utimesSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'pc-cred-')), 'token');
    writeFileSync(file, 'first-token-value\n');
    h = await startHarness({
      configure: (c) => {
        c.connections[0].credential = { type: 'header', header: 'X-Upstream-Key', value: { file } };
      },
    });
    await h.call('/api/x');
    writeFileSync(file, 'second-token-value-longer\n');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    await h.call('/api/x');
    expect(h.upstream.requests.map((r) => r.headers['x-upstream-key'])).toEqual([
      'first-token-value',
      'second-token-value-longer',
    ]);
  });

  it('answers 500 credential_unavailable when the credential cannot be read', async () => {
    h = await startHarness();
    delete process.env[h.envName];
    const res = await h.call('/api/x');
    expect(res.status).toBe(500);
    expect(res.json().error).toBe('credential_unavailable');
    expect(h.upstream.requests).toHaveLength(0);
  });

  it('passes the identity on as headers or as a signed assertion', async () => {
    const { generateKeyPair, exportPKCS8, exportSPKI, importSPKI, jwtVerify } = await import('jose');
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    process.env.PC_TEST_SIGNING_KEY = await exportPKCS8(privateKey);
    h = await startHarness({
      configure: (c) => {
        c.connections.push({
          name: 'asserted',
          match: { pathPrefix: '/asserted' },
          upstream: c.connections[0].upstream,
          forwardIdentity: { mode: 'jwt', signingKey: { env: 'PC_TEST_SIGNING_KEY' } },
        });
        c.connections[0].forwardIdentity = { mode: 'headers' };
      },
    });
    await h.call('/api/x', { headers: { 'x-portcullis-subject': 'spoofed' } });
    expect(h.upstream.requests[0].headers).toMatchObject({
      'x-portcullis-subject': 'alice',
      'x-portcullis-groups': 'engineers',
      'x-portcullis-email': 'alice@example.com',
    });
    await h.call('/asserted/y');
    const assertion = h.upstream.requests[1].headers['x-portcullis-identity'] as string;
    const key = await importSPKI(await exportSPKI(publicKey), 'ES256');
    const { payload } = await jwtVerify(assertion, key, { issuer: 'portcullis', audience: 'asserted' });
    expect(payload).toMatchObject({ sub: 'alice', groups: ['engineers'] });
    expect(h.upstream.requests[1].headers.authorization).toBeUndefined();
    delete process.env.PC_TEST_SIGNING_KEY;
  });

  it('puts the decision id in every log line after the decision and never logs the credential', async () => {
    h = await startHarness();
    await h.call('/api/x');
    await h.call('/nowhere');
    const request = h.logs.filter((l) => l.msg === 'request');
    expect(request).toHaveLength(2);
    expect(request[0]).toMatchObject({
      decision_id: 'dec-1',
      connection: 'api',
      subject: 'alice',
      status: 200,
    });
    expect(request[1]).toMatchObject({ decision_id: null, status: 404, error: 'no_connection' });
    expect(JSON.stringify(h.logs)).not.toContain(h.secret);
  });

  it('routes by host and by the longest path prefix, and 404s the rest', async () => {
    h = await startHarness({
      configure: (c) => {
        c.connections.push({
          name: 'api-admin',
          match: { pathPrefix: '/api/admin' },
          upstream: c.connections[0].upstream,
        });
        c.connections.push({
          name: 'by-host',
          match: { host: 'svc.test' },
          upstream: c.connections[0].upstream,
        });
      },
    });
    await h.call('/api/admin/users');
    await h.call('/api/users');
    expect(h.decisions.calls.map((c) => [c.input.connection.name, c.input.request.path])).toEqual([
      ['api-admin', '/users'],
      ['api', '/users'],
    ]);
    expect((await h.call('/other')).status).toBe(404);
  });

  it('answers 502 when the upstream is down and 504 when it is too slow', async () => {
    h = await startHarness({
      configure: (c) => {
        c.connections.push({
          name: 'slow',
          match: { pathPrefix: '/slow' },
          upstream: c.connections[0].upstream,
          timeouts: { headersMs: 200 },
        });
      },
    });
    // Never answers: only the proxy's header timeout ends the request.
    h.upstream.reply = () => new Promise(() => undefined);
    const slow = await h.call('/slow/x');
    expect(slow.status).toBe(504);
    expect(slow.json().error).toBe('upstream_timeout');
    await h.upstream.close();
    const down = await h.call('/api/x');
    expect(down.status).toBe(502);
    expect(down.json()).toMatchObject({ error: 'upstream_unreachable', decision_id: expect.any(String) });
  });
});
