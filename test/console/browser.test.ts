import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newApproval, openTestApprovals, requirement } from '../approvals/support/fixtures.js';
import { listen } from '../proxy/support/servers.js';
import { startOidcProvider } from './support/oidc-provider.js';
import { PEOPLE, startConsoleStack } from './support/stack.js';
import {
  accessibilityProblems,
  describeInChromium,
  launchChromium,
  newVisitor,
  screenshots,
  tabOrder,
} from './support/browser.js';
import { startBrowserStack } from './support/browser-stack.js';

/** The session cookie's and the pre-session cookie's attributes as chromium keeps them. */
async function consoleCookies(context: BrowserContext) {
  const cookies = await context.cookies();
  return Object.fromEntries(
    cookies
      .filter((c) => c.name.startsWith('portcullis_console'))
      .map((c) => [c.name, { httpOnly: c.httpOnly, secure: c.secure, sameSite: c.sameSite, path: c.path }]),
  );
}

const COOKIE_FLAGS = { httpOnly: true, secure: true, sameSite: 'Lax', path: '/console' };

/**
 * The console in a real chromium against real services: a reviewer
 * approves a held request from the inbox and denies another with a reason,
 * sees the inbox change when another reviewer acts, revokes a grant; an
 * auditor finds the denied request in the audit search and replays a
 * candidate bundle on the Bundles page; an admin expires stale approvals. Every page is screenshotted at
 * desktop width and at 360 px (reports/console-screenshots/), checked for
 * sideways scrolling at 360 px, labelled controls and text contrast.
 */
describeInChromium('console in chromium', () => {
  let stack: Awaited<ReturnType<typeof startBrowserStack>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** The approval denied in the inbox, looked up in the audit trail later. */
  let deniedId = '';

  beforeAll(async () => {
    stack = await startBrowserStack();
    browser = await launchChromium();
    ({ context, page } = await newVisitor(browser));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** Screenshots at both widths; the page must not scroll sideways at 360 px and must pass the basic checks. */
  const check = async (name: string) => {
    const { overflow } = await screenshots(page, name);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await accessibilityProblems(page)).toEqual([]);
  };

  const signInAs = async (label: string) => {
    await page.goto(`${stack.url}/console/inbox`);
    await page.waitForURL(/\/console\/signin/);
    await page.getByRole('button', { name: label }).click();
    await page.waitForURL(/\/console\/inbox/);
  };

  const card = (text: string) => page.locator('#live article.card', { hasText: text });

  it('signs in, starting from the skip link', async () => {
    await page.goto(`${stack.url}/console/inbox`);
    await page.waitForURL(/\/console\/signin\?return=/);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
    await check('signin');
    // Before sign-in only the pre-session cookie (it binds the sign-in form to this browser).
    expect(await consoleCookies(context)).toEqual({ portcullis_console_pre: COOKIE_FLAGS });
    await signInAs('bob (crm-owners)');
    expect(await page.locator('header .who').textContent()).toContain('bob');
    // The session cookie: out of the page's scripts' reach, only over HTTPS (or loopback), not sent cross-site.
    expect((await consoleCookies(context)).portcullis_console).toEqual(COOKIE_FLAGS);
    expect(await page.evaluate('document.cookie')).toBe('');
  }, 60_000);

  it('approves a held request from the inbox, which updates by itself', async () => {
    for (let i = 0; i < 3; i++) expect((await stack.call('alice', 'GET', '/customers')).status).toBe(200);
    await page.evaluate('window.marker = 1');
    const held = stack.call('alice', 'POST', '/customers', {
      name: 'Grace Hopper',
      email: 'grace@example.com',
    });
    const item = card('POST /crm/customers');
    await item.waitFor();
    // No reload happened: the page's own state is still there.
    expect(await page.evaluate('window.marker')).toBe(1);
    expect(await page.locator('#mine-h').textContent()).toBe('Waiting for me (1)');
    const text = await item.textContent();
    expect(text).toContain('alice');
    expect(text).toContain("creating a customer needs a CRM owner's approval");
    expect(text).toMatch(/1\dm \d\ds left/);
    await check('inbox');
    // Keyboard order: skip link, navigation, sign-out, then the card from its title to its buttons.
    const order = await tabOrder(page, 14);
    const wanted = [
      'Skip to content',
      'Inbox',
      'Grants',
      'Audit',
      'Bundles',
      'Sign out',
      'POST /crm/customers',
      'Request as recorded (masked)',
      'Reason (optional)',
      'Approve',
      'Deny',
    ];
    const positions = wanted.map((name) => order.indexOf(name));
    expect({ order, positions }).toEqual({ order, positions: [...positions].sort((a, b) => a - b) });
    expect(positions).not.toContain(-1);
    await item.getByLabel('Reason (optional)').fill('known customer');
    await item.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL(/notice=approved/);
    expect(await page.getByRole('status').first().textContent()).toContain('Your approval is recorded.');
    const answer = await held;
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ name: 'Grace Hopper' });
  }, 60_000);

  it('revokes the grant the approval opened', async () => {
    await page.getByRole('link', { name: 'Grants' }).click();
    await page.waitForURL(/\/console\/grants/);
    const grant = page.locator('article.card', { hasText: 'alice on crm' });
    await grant.waitFor();
    expect(await grant.textContent()).toMatch(/Uses left\s*5/);
    await check('grants');
    await grant.getByLabel('Reason (optional)').fill('onboarding done');
    await grant.getByRole('button', { name: 'Revoke' }).click();
    await page.waitForURL(/notice=revoked/);
    expect(await page.locator('article.card', { hasText: 'alice on crm' }).count()).toBe(0);
  }, 60_000);

  it('denies a held request with a reason, which the caller receives', async () => {
    await page.getByRole('link', { name: 'Inbox' }).click();
    const held = stack.call('alice', 'POST', '/customers', { name: 'Ada Lovelace' });
    const item = card('POST /crm/customers');
    await item.waitFor();
    deniedId = (await item.locator('h3 a').getAttribute('href'))!.split('/').pop()!;
    await item.getByLabel('Reason (optional)').fill('not during the freeze');
    await item.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL(/notice=denied/);
    const answer = await held;
    expect(answer.status).toBe(403);
    expect(answer.text).toContain('approval_denied');
    expect(answer.text).toContain('not during the freeze');
  }, 60_000);

  it('shows another reviewer settling an approval without a reload', async () => {
    await page.goto(`${stack.url}/console/inbox`);
    const held = stack.call('alice', 'POST', '/customers', { name: 'Katherine Johnson' });
    const item = card('POST /crm/customers');
    await item.waitFor();
    const id = (await item.locator('h3 a').getAttribute('href'))!.split('/').pop()!;
    const res = await fetch(`${stack.url}/v1/approvals/${id}/approve`, {
      method: 'POST',
      headers: { 'x-api-key': PEOPLE.carol.key, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'carol knows her' }),
    });
    expect(res.status).toBe(200);
    await page.locator('#mine-h', { hasText: 'Waiting for me (0)' }).waitFor();
    await page.locator('#live li', { hasText: 'settled by carol' }).first().waitFor();
    expect((await held).status).toBe(201);
  }, 60_000);

  it('refuses forged approvals: another token, another origin, another site', async () => {
    // carol's approval opened a grant for alice: revoked, her next POST waits for approval again.
    const bob = { 'x-api-key': PEOPLE.bob.key, 'content-type': 'application/json' };
    const grants = (await (await fetch(`${stack.url}/v1/grants?subject=alice`, { headers: bob })).json()) as {
      items: { id: string }[];
    };
    expect(grants.items).toHaveLength(1);
    const revoked = await fetch(`${stack.url}/v1/grants/${grants.items[0].id}/revoke`, {
      method: 'POST',
      headers: bob,
      body: '{}',
    });
    expect(revoked.status).toBe(200);
    await page.goto(`${stack.url}/console/inbox`);
    const held = stack.call('alice', 'POST', '/customers', { name: 'Dorothy Vaughan' });
    const item = card('POST /crm/customers');
    await item.waitFor();
    const id = (await item.locator('h3 a').getAttribute('href'))!.split('/').pop()!;
    const status = async () => {
      const res = await fetch(`${stack.url}/v1/approvals/${id}`, {
        headers: { 'x-api-key': PEOPLE.bob.key },
      });
      return ((await res.json()) as { status: string }).status;
    };
    const answerTo = (run: () => Promise<unknown>) =>
      Promise.all([page.waitForResponse((r) => r.url().endsWith(`/approvals/${id}/approve`)), run()]).then(
        ([r]) => r,
      );

    // The console's own form with a token that is not this session's.
    await item.locator('input[name=_csrf]').evaluate((input) => {
      (input as unknown as { value: string }).value = 'forged-token';
    });
    const forged = await answerTo(() => item.getByRole('button', { name: 'Approve' }).click());
    expect(forged.status()).toBe(403);
    expect(await page.locator('main').textContent()).toContain(
      'the form is out of date or was not sent by this console (console_csrf_invalid)',
    );

    // A page elsewhere posting to the console: same site, other origin (the cookie comes along),
    // and another site (localhost, where SameSite=Lax keeps the cookie away).
    const attacker = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        `<form method="post" action="${stack.url}/console/approvals/${id}/approve">` +
          '<input type="hidden" name="reason" value="looks fine"></form>' +
          '<script>document.forms[0].submit()</script>',
      );
    });
    try {
      const sameSite = await answerTo(() => page.goto(attacker.url));
      expect(sameSite.status()).toBe(403);
      expect(await page.locator('main').textContent()).toContain('(console_csrf_invalid)');
      const crossSite = await answerTo(() => page.goto(attacker.url.replace('127.0.0.1', 'localhost')));
      expect(crossSite.status()).toBe(401);
      expect(await page.locator('main').textContent()).toContain('(console_signin_required)');
      // ...and the refusal did not sign bob out (the cookie it could not see stays).
      expect((await consoleCookies(context)).portcullis_console).toEqual(COOKIE_FLAGS);
    } finally {
      await attacker.close();
    }
    expect(await status()).toBe('pending');

    // Nothing forged went through: carol settles it.
    const res = await fetch(`${stack.url}/v1/approvals/${id}/approve`, {
      method: 'POST',
      headers: { 'x-api-key': PEOPLE.carol.key, 'content-type': 'application/json' },
      body: JSON.stringify({}),
    });
    expect(res.status).toBe(200);
    expect((await held).status).toBe(201);
  }, 60_000);

  it('finds the denied request in the audit search and shows it', async () => {
    await page.goto(`${stack.url}/console/inbox`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/notice=signedout/).catch(async (err: unknown) => {
      const text = (await page.locator('main').textContent())?.replace(/\s+/g, ' ').slice(0, 300);
      throw new Error(`sign-out did not land: ${page.url()} ${text}`, { cause: err });
    });
    expect(await consoleCookies(context)).not.toHaveProperty('portcullis_console');
    await signInAs('ann (auditors)');
    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByLabel('Subject').fill('alice');
    await page.getByLabel('Status').fill('403');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/subject=alice/);
    // The proxy's audit events are exported asynchronously: search again until the denied one is there.
    for (let tries = 0; (await page.locator('table.data tbody tr').count()) === 0; tries++) {
      if (tries > 50) throw new Error('the denied request never reached the audit store');
      await stack.workers.audit!.exporter.nextTick();
      await page.reload();
    }
    const row = page.locator('table.data tbody tr', { hasText: 'POST /crm/customers' }).first();
    expect(await row.textContent()).toContain('403');
    await check('audit-search');
    await row.getByRole('link').click();
    await page.waitForURL(/\/console\/audit\/events\//);
    const body = await page.locator('main').textContent();
    expect(body).toContain('Request (as recorded, masked)');
    expect(body).toMatch(/Status 403, error approval_denied/);
    // The proxy's own 403 has no recorded body: the page shows what the event holds of it instead.
    const response = (await page.locator('section[aria-labelledby="res-h"]').textContent())!;
    expect(response).not.toContain('not recorded');
    expect(response).toContain('The proxy answered this itself');
    expect(response).toContain('"error": "approval_denied"');
    expect(response).toContain('"decision_id": "');
    await check('audit-event');
    // The approval's own trail: requested, then denied by bob with his reason.
    await page.goto(`${stack.url}/console/audit?approval_id=${deniedId}`);
    for (let tries = 0; (await page.locator('tr', { hasText: 'approval.denied' }).count()) === 0; tries++) {
      if (tries > 50) throw new Error('the denial never reached the audit store');
      await stack.workers.audit!.exporter.nextTick();
      await page.reload();
    }
    expect(await page.locator('tr', { hasText: 'approval.requested' }).count()).toBe(1);
    await page.locator('tr', { hasText: 'approval.denied by bob' }).getByRole('link').click();
    await page.waitForURL(/\/console\/audit\/events\//);
    expect(await page.locator('main').textContent()).toContain('not during the freeze');
  }, 90_000);

  it('shows the shadow comparison and a replay report on the Bundles page', async () => {
    await page.getByRole('link', { name: 'Bundles' }).click();
    await page.waitForURL(/\/console\/bundles/);
    const main = page.locator('main');
    expect(await main.textContent()).toContain('gateway-live');
    expect(await main.textContent()).toContain('gateway-candidate');
    await page.getByLabel('Candidate bundle (.tar.gz)').setInputFiles(stack.bundles.candidate);
    await page.getByLabel('Recorded in the last').selectOption('1h');
    await page.getByRole('button', { name: 'Replay' }).click();
    await page.locator('#replay-report h2').waitFor();
    const report = await page.locator('#replay-report').textContent();
    expect(report).toContain('Replay of revision gateway-candidate');
    // Every count on the page: alice's three GETs lose their rule; her four POSTs need two owners now.
    const counts: Record<string, number> = {};
    for (const count of await page.locator('#replay-report .count').all()) {
      const n = Number(await count.locator('b').textContent());
      const label = (await count.textContent())!
        .replace(/^\s*\d+/, '')
        .replace(/e\.g\..*$/s, '')
        .trim();
      counts[label] = n;
    }
    expect(counts).toEqual({
      unchanged: 6,
      'allow → deny': 3,
      'deny → allow': 0,
      'approval added': 0,
      'approval removed': 0,
      'approval changed': 4,
      'mask changed': 0,
      'other change': 0,
    });
    expect(await page.locator('#replay-status').textContent()).toBe('Replay finished.');
    await check('bundles');
  }, 90_000);

  it('lets an admin expire the stale approvals from the inbox, and only those', async () => {
    // Approvals asked for two hours ago and just now, as the approvals domain records them (its clock moved back).
    const domain = openTestApprovals(stack.prefix);
    try {
      const ask = (why: string) =>
        domain.approvals.request(
          newApproval({
            connection: 'crm',
            caller_reason: why,
            requirement: requirement({
              reviewers: { groups: ['crm-owners'], users: [] },
              ttl_seconds: 86_400,
            }),
          }),
        );
      domain.clock.advance(-2 * 3600_000);
      const stale = await ask('asked two hours ago');
      domain.clock.advance(2 * 3600_000);
      const fresh = await ask('asked just now');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/notice=signedout/);
      await signInAs('root (approval-admins)');
      const pending = page.locator('section[aria-labelledby="pending-h"] article.card');
      await pending.filter({ hasText: 'asked two hours ago' }).waitFor();
      await pending.filter({ hasText: 'asked just now' }).waitFor();
      const form = page.locator('section[aria-labelledby="expire-h"]');
      await form.getByLabel('Pending for more than (minutes)').fill('60');
      await form.getByLabel('Reason').fill('stale after the migration');
      await check('inbox-admin');
      await form.getByRole('button', { name: 'Expire stale approvals' }).click();
      await page.waitForURL(/notice=expired/);
      expect(await page.getByRole('status').first().textContent()).toContain(
        'The stale approvals are expired.',
      );
      expect(await pending.filter({ hasText: 'asked two hours ago' }).count()).toBe(0);
      expect(await pending.filter({ hasText: 'asked just now' }).count()).toBe(1);
      expect(await domain.approvals.get(stale.id)).toMatchObject({
        status: 'expired',
        settled_by: 'root',
        outcome_reason: 'stale after the migration',
      });
      expect((await domain.approvals.get(fresh.id))?.status).toBe('pending');
      // Not an admin: no form to expire with.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/notice=signedout/);
      await signInAs('bob (crm-owners)');
      expect(await page.locator('section[aria-labelledby="expire-h"]').count()).toBe(0);
      await page.locator('#live article.card', { hasText: 'asked just now' }).waitFor();
    } finally {
      await domain.close();
    }
  }, 90_000);
});

const CLIENT = {
  id: 'portcullis-console-browser',
  secret: 'console-browser-secret-' + 's'.repeat(16),
  redirectUris: [] as string[],
};

/**
 * Single sign-on in chromium: the console sends the browser to the test's
 * own OIDC provider (authorization code flow with PKCE), which signs in
 * olivia of crm-owners and sends it back; she lands on the page she asked for.
 */
describeInChromium('console sign-in through OIDC in chromium', () => {
  let provider: Awaited<ReturnType<typeof startOidcProvider>>;
  let stack: Awaited<ReturnType<typeof startConsoleStack>>;
  let browser: Browser;

  beforeAll(async () => {
    provider = await startOidcProvider(CLIENT);
    stack = await startConsoleStack({
      issuers: [{ issuer: provider.url, audience: CLIENT.id, algorithms: ['RS256'] }],
      console: {
        oidc: {
          issuer: provider.url,
          clientId: CLIENT.id,
          clientSecret: { value: CLIENT.secret },
          label: 'Sign in with Example SSO',
        },
        devSignIn: { enabled: false },
      },
    });
    CLIENT.redirectUris.push(`${stack.url}/console/signin/callback`);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await provider?.close();
  });

  it('signs in with the authorization code flow and PKCE, back on the page asked for', async () => {
    provider.state.user = { sub: 'olivia', email: 'olivia@example.com', groups: ['crm-owners'] };
    const { context, page } = await newVisitor(browser);
    try {
      await page.goto(`${stack.url}/console/grants`);
      await page.waitForURL(/\/console\/signin\?return=%2Fconsole%2Fgrants/);
      // Only single sign-on is offered: no development sign-in, no API key field.
      expect(await page.locator('main form').count()).toBe(0);
      const { overflow } = await screenshots(page, 'signin-oidc');
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await accessibilityProblems(page)).toEqual([]);

      await page.getByRole('link', { name: 'Sign in with Example SSO' }).click();
      await page.waitForURL(`${stack.url}/console/grants`);
      expect(await page.locator('header .who').textContent()).toContain('olivia');
      expect(await page.locator('header .who').textContent()).toContain('crm-owners');

      const authorization = provider.state.authorizations.at(-1)!;
      expect(authorization).toMatchObject({
        response_type: 'code',
        client_id: CLIENT.id,
        redirect_uri: `${stack.url}/console/signin/callback`,
        code_challenge_method: 'S256',
      });
      expect(authorization.state).toBeTruthy();
      expect(authorization.nonce).toBeTruthy();
      // The verifier went to the token endpoint from the server, never through the browser.
      expect(authorization).not.toHaveProperty('code_verifier');
      expect(provider.state.tokenRequests).toHaveLength(1);
      expect(provider.state.tokenRequests[0].pkceMatched).toBe(true);
      expect((await consoleCookies(context)).portcullis_console).toEqual(COOKIE_FLAGS);

      // The session acts with olivia's token: her inbox is hers.
      await page.getByRole('link', { name: 'Inbox' }).click();
      expect(await page.locator('#mine-h').textContent()).toBe('Waiting for me (0)');
    } finally {
      await context.close();
    }
  }, 60_000);
});
