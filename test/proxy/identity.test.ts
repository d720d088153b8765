import { generateKeyPair, SignJWT, UnsecuredJWT, exportSPKI } from 'jose';
import { API_KEY, startHarness, type Harness } from './support/harness.js';

async function get(h: Harness, headers: Record<string, string>) {
  const res = await fetch(h.proxy.url + '/api/x', { headers });
  return {
    status: res.status,
    challenge: res.headers.get('www-authenticate'),
    body: (await res.json()) as { error: string; reasons: string[] },
  };
}

describe('proxy identity', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('accepts a token verified through OIDC discovery and JWKS, with groups from the claim', async () => {
    h = await startHarness();
    const res = await get(h, { authorization: `Bearer ${await h.token({ groups: ['a', 'b'] })}` });
    expect(res.status).toBe(200);
    expect(h.decisions.calls[0].input.identity).toMatchObject({
      sub: 'alice',
      groups: ['a', 'b'],
      method: 'jwt',
    });
    expect(h.decisions.calls[0].input.identity.claims.iss).toBe(h.issuer.url);
  });

  it('reads groups from a nested, configured claim', async () => {
    h = await startHarness({
      configure: (c) => {
        c.identity!.issuers![0].groupsClaim = 'realm_access.roles';
      },
    });
    const res = await get(h, {
      authorization: `Bearer ${await h.token({ realm_access: { roles: ['ops'] } })}`,
    });
    expect(res.status).toBe(200);
    expect(h.decisions.calls[0].input.identity.groups).toEqual(['ops']);
  });

  const bad: [string, (h: Harness) => Promise<Record<string, string>>, RegExp][] = [
    ['no credentials', async () => ({}), /no credentials/],
    ['a non-bearer scheme', async () => ({ authorization: 'Basic YTpi' }), /Bearer/],
    ['garbage', async () => ({ authorization: 'Bearer not.a.jwt' }), /malformed/],
    [
      'an expired token',
      async (x) => ({
        authorization: `Bearer ${await x.token({ exp: Math.floor(Date.now() / 1000) - 120 })}`,
      }),
      /expired/,
    ],
    [
      'a token not yet valid',
      async (x) => ({
        authorization: `Bearer ${await x.token({ nbf: Math.floor(Date.now() / 1000) + 600 })}`,
      }),
      /nbf/,
    ],
    [
      'a wrong audience',
      async (x) => ({ authorization: `Bearer ${await x.token({ aud: 'other' })}` }),
      /aud/,
    ],
    [
      'an unknown issuer',
      async (x) => ({ authorization: `Bearer ${await x.token({ iss: 'https://evil.test' })}` }),
      /issuer/,
    ],
    [
      'a token signed by another key',
      async (x) => {
        const { privateKey } = await generateKeyPair('RS256');
        return { authorization: `Bearer ${await x.issuer.sign({ sub: 'alice' }, { key: privateKey })}` };
      },
      /signature/,
    ],
    [
      'alg none',
      async (x) => ({
        authorization: `Bearer ${new UnsecuredJWT({ sub: 'alice', exp: Math.floor(Date.now() / 1000) + 60 })
          .setIssuer(x.issuer.url)
          .setAudience('portcullis')
          .encode()}`,
      }),
      /algorithm|malformed|signature/,
    ],
    [
      'HS256 signed with the public key (HS/RS confusion)',
      async (x) => {
        const { createSecretKey, createPublicKey } = await import('node:crypto');
        const pem = await exportSPKI(
          createPublicKey({ key: x.issuer.publicJwk as never, format: 'jwk' }) as never,
        );
        const token = await new SignJWT({ sub: 'alice' })
          .setProtectedHeader({ alg: 'HS256', kid: x.issuer.publicJwk.kid })
          .setIssuer(x.issuer.url)
          .setAudience('portcullis')
          .setExpirationTime('1h')
          .sign(createSecretKey(Buffer.from(pem)));
        return { authorization: `Bearer ${token}` };
      },
      /algorithm/,
    ],
    ['an unknown API key', async () => ({ 'x-api-key': 'nope' }), /API key/],
  ];

  it.each(bad)(
    'answers 401 with WWW-Authenticate for %s, and calls nothing',
    async (_name, headers, reason) => {
      h = await startHarness();
      const res = await get(h, await headers(h));
      expect(res.status).toBe(401);
      expect(res.challenge).toMatch(/^Bearer realm="portcullis"/);
      expect(res.body.error).toBe('unauthenticated');
      expect(res.body.reasons.join(' ')).toMatch(reason);
      expect(h.decisions.calls).toHaveLength(0);
      expect(h.upstream.requests).toHaveLength(0);
    },
  );

  it('tolerates a small clock skew', async () => {
    h = await startHarness();
    const res = await get(h, {
      authorization: `Bearer ${await h.token({ exp: Math.floor(Date.now() / 1000) - 5 })}`,
    });
    expect(res.status).toBe(200);
  });

  it('picks up a rotated key from the JWKS, and rejects tokens of the retired key', async () => {
    h = await startHarness();
    const oldKey = h.issuer.privateKey;
    expect((await get(h, { authorization: `Bearer ${await h.token()}` })).status).toBe(200);
    const fetchesBefore = h.issuer.jwksFetches;
    await h.issuer.rotate();
    expect((await get(h, { authorization: `Bearer ${await h.token()}` })).status).toBe(200);
    expect(h.issuer.jwksFetches).toBeGreaterThan(fetchesBefore);
    const stale = await h.issuer.sign({ sub: 'alice' }, { key: oldKey, kid: 'key-1' });
    expect((await get(h, { authorization: `Bearer ${stale}` })).status).toBe(401);
  });

  it('stops honouring a cached token once a refetched JWKS no longer holds its key', async () => {
    h = await startHarness();
    const old = await h.token();
    expect((await get(h, { authorization: `Bearer ${old}` })).status).toBe(200);
    expect((await get(h, { authorization: `Bearer ${old}` })).status).toBe(200);
    await h.issuer.rotate();
    // A token of the new key names an unknown kid, so the proxy refetches the JWKS.
    expect((await get(h, { authorization: `Bearer ${await h.token()}` })).status).toBe(200);
    const late = await get(h, { authorization: `Bearer ${old}` });
    expect(late.status).toBe(401);
    expect(late.body.reasons).toEqual(['no key of the issuer matches the token']);
    expect(h.decisions.calls).toHaveLength(3);
  });

  it('re-checks cached tokens when the JWKS cache age passes, refusing a revoked key', async () => {
    h = await startHarness({ configure: (c) => void (c.identity!.issuers![0].jwksCacheSeconds = 1) });
    const old = await h.token();
    expect((await get(h, { authorization: `Bearer ${old}` })).status).toBe(200);
    await h.issuer.rotate();
    await new Promise((r) => setTimeout(r, 1100));
    const late = await get(h, { authorization: `Bearer ${old}` });
    expect(late.status).toBe(401);
    expect(late.body.reasons).toEqual(['no key of the issuer matches the token']);
  });

  it('caches the JWKS between requests', async () => {
    h = await startHarness();
    for (let i = 0; i < 3; i++) await get(h, { authorization: `Bearer ${await h.token()}` });
    expect(h.issuer.jwksFetches).toBe(1);
  });

  it('accepts static PEM keys', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const pem = await exportSPKI(publicKey);
    h = await startHarness({
      configure: (c) => {
        c.identity!.issuers!.push({
          issuer: 'https://static.test',
          audience: ['portcullis', 'other'],
          algorithms: ['ES256'],
          publicKeys: [{ pem, algorithm: 'ES256' }],
          identityType: 'service',
        });
      },
    });
    const token = await new SignJWT({ sub: 'robot' })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer('https://static.test')
      .setAudience('other')
      .setExpirationTime('5m')
      .sign(privateKey);
    const res = await get(h, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    expect(h.decisions.calls[0].input.identity).toMatchObject({ sub: 'robot', type: 'service' });
  });

  it('accepts a hashed API key as a service identity and never forwards it', async () => {
    h = await startHarness();
    const res = await get(h, { 'x-api-key': API_KEY });
    expect(res.status).toBe(200);
    expect(h.decisions.calls[0].input.identity).toMatchObject({
      sub: 'ci-bot',
      type: 'service',
      method: 'api_key',
      groups: ['ci'],
    });
    expect(JSON.stringify(h.decisions.calls[0].input)).not.toContain(API_KEY);
    expect(h.upstream.requests[0].headers['x-api-key']).toBeUndefined();
  });

  it('answers 503 when the issuer cannot be reached for keys', async () => {
    h = await startHarness();
    const token = await h.token();
    await h.issuer.close();
    const res = await get(h, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(503);
    expect(res.body.error).toBe('identity_unavailable');
    expect(h.upstream.requests).toHaveLength(0);
  });

  it('remembers a verified token only until it expires', async () => {
    h = await startHarness({ configure: (c) => void (c.identity!.issuers![0].clockSkewSeconds = 0) });
    // Long enough for both requests before it even on a loaded machine; then wait for the clock to
    // pass it (a wait on the clock, not a guess at how long the requests take).
    const exp = Math.floor(Date.now() / 1000) + 5;
    const token = await h.token({ exp });
    expect((await get(h, { authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await get(h, { authorization: `Bearer ${token}` })).status).toBe(200);
    while (Date.now() <= exp * 1000) await new Promise((r) => setTimeout(r, exp * 1000 + 1 - Date.now()));
    const late = await get(h, { authorization: `Bearer ${token}` });
    expect(late.status).toBe(401);
    expect(late.body.reasons).toEqual(['token expired']);
  });
});
