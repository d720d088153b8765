import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import request from 'supertest';
import { fakeClock, newApproval, openTestApprovals, requirement } from '../approvals/support/fixtures.js';
import { testRedisUrl } from '../support/redis.js';
import { startOidcProvider } from './support/oidc-provider.js';
import { ConsoleBrowser, PEOPLE, startConsoleStack } from './support/stack.js';

const CLIENT = {
  id: 'portcullis-console',
  secret: 'console-secret-' + 's'.repeat(20),
  redirectUris: [] as string[],
};

function cookieLine(setCookie: string[] | string | undefined, name: string): string {
  const line = [setCookie ?? []].flat().find((l) => l.startsWith(`${name}=`));
  if (!line) throw new Error(`no ${name} cookie set`);
  return line;
}

describe('console: sign-in, sessions and CSRF', () => {
  const clock = fakeClock();
  let provider: Awaited<ReturnType<typeof startOidcProvider>>;
  let stack: Awaited<ReturnType<typeof startConsoleStack>>;
  let domain: ReturnType<typeof openTestApprovals>;
  let redis: Redis;

  beforeAll(async () => {
    provider = await startOidcProvider(CLIENT);
    stack = await startConsoleStack({
      now: clock.now,
      issuers: [{ issuer: provider.url, audience: CLIENT.id, algorithms: ['RS256'] }],
      console: {
        oidc: { issuer: provider.url, clientId: CLIENT.id, clientSecret: { value: CLIENT.secret } },
        session: { ttlSeconds: 3600, idleSeconds: 600 },
      },
    });
    CLIENT.redirectUris.push(`${stack.url}/console/signin/callback`);
    domain = openTestApprovals(stack.prefix);
    redis = new Redis(testRedisUrl());
  }, 60_000);

  afterAll(async () => {
    redis?.disconnect();
    await domain?.close();
    await stack?.close();
    await provider?.close();
  });

  it('sends a signed-out visitor to the sign-in page and back', async () => {
    const res = await request(stack.url).get('/console/inbox?x=1');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/console/signin?return=%2Fconsole%2Finbox%3Fx%3D1');
    const json = await request(stack.url).get('/console/inbox/version');
    expect(json.status).toBe(401);
    expect(json.body.code).toBe('console_signin_required');
  });

  it('sets HttpOnly, Secure, SameSite cookies and a CSP on the sign-in page', async () => {
    const res = await request(stack.url).get('/console/signin');
    expect(res.status).toBe(200);
    const pre = cookieLine(res.headers['set-cookie'], 'portcullis_console_pre');
    expect(pre).toMatch(/; Path=\/console; HttpOnly; SameSite=Lax; Secure; Max-Age=1800$/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['cache-control']).toBe('no-store');
    // The form carries the pre-session token the cookie holds.
    const token = decodeURIComponent(pre.split(';')[0].split('=')[1]);
    expect(ConsoleBrowser.csrfOf(res.text)).toBe(token);
    expect(res.text).toContain('Development sign-in is on');
    expect(res.text).toContain('Sign in with single sign-on');
  });

  it('refuses a sign-in form without the token, with another token, or from another site', async () => {
    const browser = new ConsoleBrowser(stack.url);
    const page = await browser.get('/console/signin');
    const token = ConsoleBrowser.csrfOf(page.text);
    const form = { api_key: PEOPLE.bob.key };
    for (const [fields, headers] of [
      [form, {}],
      [{ ...form, _csrf: token.replace(/^./, token[0] === 'A' ? 'B' : 'A') }, {}],
      [{ ...form, _csrf: token }, { 'sec-fetch-site': 'cross-site' }],
      [{ ...form, _csrf: token }, { origin: 'https://evil.example' }],
    ] as [Record<string, string>, Record<string, string>][]) {
      const res = await browser.post('/console/signin/dev', fields, headers);
      expect(res.status).toBe(403);
      expect(res.text).toContain('console_csrf_invalid');
      expect(browser.jar.cookies.has('portcullis_console')).toBe(false);
    }
  });

  it('refuses an API key the workers API does not accept', async () => {
    const browser = new ConsoleBrowser(stack.url);
    const page = await browser.get('/console/signin');
    const res = await browser.post('/console/signin/dev', {
      _csrf: ConsoleBrowser.csrfOf(page.text),
      api_key: 'pc_nobody_' + 'x'.repeat(24),
    });
    expect(res.status).toBe(401);
    expect(res.text).toContain('does not accept this API key');
    expect(browser.jar.cookies.has('portcullis_console')).toBe(false);
  });

  it('opens a session whose id and credential Redis cannot give away', async () => {
    const browser = new ConsoleBrowser(stack.url);
    const page = await browser.get('/console/signin');
    const res = await browser.post('/console/signin/dev', {
      _csrf: ConsoleBrowser.csrfOf(page.text),
      api_key: PEOPLE.bob.key,
      return: '/console/grants',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/console/grants');
    const line = cookieLine(res.headers['set-cookie'], 'portcullis_console');
    expect(line).toMatch(/; Path=\/console; HttpOnly; SameSite=Lax; Secure; Max-Age=3600$/);
    const id = browser.jar.cookies.get('portcullis_console')!;
    // The pre-session token is spent: the next sign-in form gets a new one.
    expect(browser.jar.cookies.has('portcullis_console_pre')).toBe(false);
    const keys = await redis.keys(`${stack.prefix}:console:session:*`);
    const digest = createHash('sha256').update(id).digest('hex');
    expect(keys).toContain(`${stack.prefix}:console:session:${digest}`);
    expect(keys.some((k) => k.includes(id))).toBe(false);
    const stored = await redis.get(`${stack.prefix}:console:session:${digest}`);
    expect(stored).not.toContain(PEOPLE.bob.key);
    expect(await redis.pttl(`${stack.prefix}:console:session:${digest}`)).toBeGreaterThan(590_000);
    const inbox = await browser.get('/console/inbox');
    expect(inbox.status).toBe(200);
    expect(inbox.text).toContain('Signed in as');
    expect(inbox.text).toMatch(/<b>bob<\/b> \(crm-owners\)/);
  });

  it('only goes back to console pages after sign-in', async () => {
    const browser = new ConsoleBrowser(stack.url);
    const page = await browser.get('/console/signin');
    const res = await browser.post('/console/signin/dev', {
      _csrf: ConsoleBrowser.csrfOf(page.text),
      api_key: PEOPLE.bob.key,
      return: '//evil.example/console/',
    });
    expect(res.headers.location).toBe('/console/inbox');
  });

  it('refuses a state-changing form without its token, and the approval stays pending', async () => {
    const record = await domain.approvals.request(
      newApproval({
        connection: 'crm',
        requirement: requirement({ reviewers: { groups: ['crm-owners'], users: [] } }),
      }),
    );
    const browser = new ConsoleBrowser(stack.url);
    await browser.signInAs('bob');
    const inbox = await browser.get('/console/inbox');
    const token = ConsoleBrowser.csrfOf(inbox.text);
    const missing = await browser.post(`/console/approvals/${record.id}/approve`, { reason: 'ok' });
    expect(missing.status).toBe(403);
    expect(missing.text).toContain('console_csrf_invalid');
    const otherSite = await browser.post(
      `/console/approvals/${record.id}/approve`,
      { reason: 'ok', _csrf: token },
      { 'sec-fetch-site': 'same-site' },
    );
    expect(otherSite.status).toBe(403);
    // Another person's token does not do either.
    const mallory = new ConsoleBrowser(stack.url);
    await mallory.signInAs('carol');
    const theirs = ConsoleBrowser.csrfOf((await mallory.get('/console/inbox')).text);
    const swapped = await browser.post(`/console/approvals/${record.id}/approve`, {
      reason: 'ok',
      _csrf: theirs,
    });
    expect(swapped.status).toBe(403);
    expect((await domain.approvals.get(record.id))?.status).toBe('pending');
    const ok = await browser.post(`/console/approvals/${record.id}/approve`, { reason: 'ok', _csrf: token });
    expect(ok.status).toBe(303);
    expect((await domain.approvals.get(record.id))?.status).toBe('approved');
  });

  it('signs in through the OIDC provider with PKCE, state and nonce', async () => {
    provider.state.user = { sub: 'olivia', email: 'olivia@example.com', groups: ['crm-owners'] };
    const browser = new ConsoleBrowser(stack.url);
    const start = await browser.get('/console/signin/oidc?return=%2Fconsole%2Fgrants');
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.location);
    expect(authorize.origin + authorize.pathname).toBe(`${provider.url}/authorize`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('client_id')).toBe(CLIENT.id);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${stack.url}/console/signin/callback`);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    const issued = await fetch(authorize, { redirect: 'manual' });
    expect(issued.status).toBe(302);
    const callback = new URL(issued.headers.get('location')!);

    // The callback from another browser (no pre-session cookie) is refused...
    const stranger = await request(stack.url).get(callback.pathname + callback.search);
    expect(stranger.status).toBe(401);
    expect(stranger.text).toContain('the sign-in was started in another browser');

    // ...and, since the state is spent, the real browser must start again.
    const second = await browser.get('/console/signin/oidc?return=%2Fconsole%2Fgrants');
    const back = new URL(
      (await fetch(second.headers.location, { redirect: 'manual' })).headers.get('location')!,
    );
    const done = await browser.get(back.pathname + back.search);
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/console/grants');
    const token = provider.state.tokenRequests.at(-1)!;
    expect(token.pkceMatched).toBe(true);
    expect(token.params.grant_type).toBe('authorization_code');
    const inbox = await browser.get('/console/inbox');
    expect(inbox.text).toMatch(/<b>olivia<\/b> \(crm-owners\)/);
    // A replayed callback finds nothing.
    const replay = await browser.get(back.pathname + back.search);
    expect(replay.status).toBe(401);
    expect(replay.text).toContain('this sign-in link is unknown, used or too old');
  });

  it('refuses a callback the browser did not start, even with a valid state', async () => {
    const victim = new ConsoleBrowser(stack.url);
    const attacker = new ConsoleBrowser(stack.url);
    const start = await attacker.get('/console/signin/oidc');
    const back = new URL(
      (await fetch(start.headers.location, { redirect: 'manual' })).headers.get('location')!,
    );
    await victim.get('/console/signin'); // the victim has a pre-session cookie of their own
    const res = await victim.get(back.pathname + back.search);
    expect(res.status).toBe(401);
    expect(res.text).toContain('started in another browser');
    expect(victim.jar.cookies.has('portcullis_console')).toBe(false);
  });
  it('ends a session at its lifetime, and on sign-out', async () => {
    const browser = new ConsoleBrowser(stack.url);
    await browser.signInAs('alice');
    const cookie = browser.jar.header();
    clock.advance(3601_000);
    const late = await request(stack.url).get('/console/inbox').set('cookie', cookie);
    expect(late.status).toBe(303);
    expect(late.headers.location).toBe('/console/signin?return=%2Fconsole%2Finbox&notice=expired');

    const again = new ConsoleBrowser(stack.url);
    await again.signInAs('alice');
    const before = again.jar.header();
    const token = ConsoleBrowser.csrfOf((await again.get('/console/inbox')).text);
    const out = await again.post('/console/signout', { _csrf: token });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/console/signin?notice=signedout');
    expect(again.jar.cookies.has('portcullis_console')).toBe(false);
    // The old cookie is dead on the server too.
    const replayed = await request(stack.url).get('/console/inbox').set('cookie', before);
    expect(replayed.status).toBe(303);
  });
});
