import type { Request, Response, Router } from 'express';
import { PortcullisError } from '../../common/errors.js';
import { readSecretSource } from '../../common/secret-source.js';
import type { Identity } from '../../proxy/identity/identity.js';
import type { ConsoleContext } from '../context.js';
import { clearCookie, PRESESSION_COOKIE, readCookies, SESSION_COOKIE, setCookie } from '../cookies.js';
import { ConsoleError } from '../errors.js';
import { requirePresession, requireSession } from '../guards.js';
import { html, type Html } from '../html.js';
import { csrfField, page, sendHtml } from '../layout.js';
import { newToken, sameToken, TOKEN_SHAPE, type SessionCredential } from '../session.js';

const PRESESSION_SECONDS = 1800;

const NOTICES: Record<string, string> = {
  expired: 'Your sign-in has ended. Sign in again.',
  signedout: 'You are signed out.',
};

/** A console path to come back to after signing in; anything else goes to the inbox. */
export function safeReturn(value: unknown): string {
  if (typeof value !== 'string') return '/console/inbox';
  if (!/^\/console(\/|$|\?)/.test(value) || /[\\\s]|\/\//.test(value)) return '/console/inbox';
  return value;
}

/** The browser's pre-session token, made (and set as a cookie) when it has none. */
function presession(ctx: ConsoleContext, req: Request, res: Response): string {
  const current = readCookies(req)[PRESESSION_COOKIE];
  if (current !== undefined && TOKEN_SHAPE.test(current)) return current;
  const token = newToken();
  setCookie(res, PRESESSION_COOKIE, token, {
    maxAge: PRESESSION_SECONDS,
    secure: ctx.config.session.secureCookie,
  });
  return token;
}

/** The notice explaining the development sign-in, on every page while it is on. */
export function devBanner(ctx: ConsoleContext): Html | undefined {
  if (!ctx.config.devSignIn.enabled) return undefined;
  return html`<b>Development sign-in is on</b> (<code>console.devSignIn</code>, which
    <code>npm start</code> turns on): whoever reaches this page may sign in as the people listed on the
    sign-in page, or with any API key the workers' API accepts. Never turn it on for a shared deployment; use
    <code>console.oidc</code>.`;
}

function signInPage(
  ctx: ConsoleContext,
  req: Request,
  res: Response,
  options: { error?: string; status?: number } = {},
): void {
  const token = presession(ctx, req, res);
  const back = safeReturn(req.query.return ?? req.body?.return);
  const dev = ctx.config.devSignIn;
  const methods: Html[] = [];
  if (ctx.oidc) {
    methods.push(
      html`<section class="card" aria-labelledby="sso">
        <h2 id="sso">Single sign-on</h2>
        <p>
          <a class="button" href="/console/signin/oidc?return=${encodeURIComponent(back)}"
            >${ctx.config.oidc!.label}</a
          >
        </p>
      </section>`,
    );
  }
  if (dev.enabled && dev.users.length > 0) {
    methods.push(
      html`<section class="card" aria-labelledby="people">
        <h2 id="people">Sign in as (development)</h2>
        <div class="cards">
          ${dev.users.map(
            (user, i) =>
              html`<form method="post" action="/console/signin/dev">
                ${csrfField(token)}<input type="hidden" name="return" value="${back}" />
                <input type="hidden" name="user" value="${i}" />
                <button type="submit" class="secondary">${user.label}</button>
              </form>`,
          )}
        </div>
      </section>`,
    );
  }
  if (dev.enabled && dev.pasteApiKey) {
    methods.push(
      html`<section class="card" aria-labelledby="key">
        <h2 id="key">Sign in with an API key (development)</h2>
        <form method="post" action="/console/signin/dev" class="inline">
          ${csrfField(token)}<input type="hidden" name="return" value="${back}" />
          <div class="field grow">
            <label for="api_key">API key</label>
            <input id="api_key" name="api_key" type="password" autocomplete="off" required />
          </div>
          <button type="submit">Sign in</button>
        </form>
      </section>`,
    );
  }
  if (methods.length === 0) {
    methods.push(
      html`<p class="error" role="alert">
        No sign-in method is configured: set <code>console.oidc</code> (the deployment's identity provider) in
        portcullis.yaml, see docs/CONSOLE.md.
      </p>`,
    );
  }
  const notice = typeof req.query.notice === 'string' ? NOTICES[req.query.notice] : undefined;
  sendHtml(
    res,
    page({
      title: 'Sign in',
      section: 'signin',
      banner: devBanner(ctx),
      notice,
      error: options.error,
      body: methods,
    }),
    options.status,
  );
}

/** Checks a credential with the API's own authenticator, then opens a session for it. */
async function openSession(
  ctx: ConsoleContext,
  res: Response,
  credential: SessionCredential,
  via: 'oidc' | 'dev',
  extra: { refreshToken?: string; credentialExpiresAt?: number } = {},
): Promise<void> {
  let identity: Identity;
  try {
    identity = await ctx.authenticator.authenticate(
      credential.kind === 'bearer'
        ? { authorization: `Bearer ${credential.value}` }
        : { [ctx.apiKeyHeader]: credential.value },
    );
  } catch (err) {
    const why = err instanceof PortcullisError ? err.message : String(err);
    throw new ConsoleError(
      'console_signin_failed',
      via === 'oidc'
        ? `the workers' API does not accept the identity provider's token (${why}): its issuer must be in ` +
            `proxy.identity.issuers with the console's client id among its audiences`
        : `the workers' API does not accept this API key (${why})`,
      { cause: err },
    );
  }
  const now = ctx.now();
  const expiresAt = now + ctx.config.session.ttlSeconds * 1000;
  const { id } = await ctx.sessions.create({
    identity: {
      sub: identity.sub,
      email: identity.email,
      groups: identity.groups,
      method: identity.method,
      issuer: identity.issuer,
    },
    credential,
    via,
    expiresAt,
    ...extra,
  });
  setCookie(res, SESSION_COOKIE, id, {
    maxAge: ctx.config.session.ttlSeconds,
    secure: ctx.config.session.secureCookie,
  });
  clearCookie(res, PRESESSION_COOKIE, ctx.config.session.secureCookie);
}

export function mountSignIn(router: Router, ctx: ConsoleContext): void {
  router.get('/signin', (req, res) => signInPage(ctx, req, res));

  router.post('/signin/dev', (req, res, next) => {
    void (async () => {
      const dev = ctx.config.devSignIn;
      if (!dev.enabled) throw new ConsoleError('console_signin_unavailable', 'development sign-in is off');
      requirePresession(req);
      const body = req.body as { user?: unknown; api_key?: unknown; return?: unknown };
      let key: string;
      if (typeof body.user === 'string' && /^\d{1,3}$/.test(body.user) && dev.users[Number(body.user)]) {
        key = readSecretSource(dev.users[Number(body.user)].apiKey, 'console.devSignIn.users[].apiKey');
      } else if (dev.pasteApiKey && typeof body.api_key === 'string' && body.api_key.trim() !== '') {
        key = body.api_key.trim();
      } else {
        throw new ConsoleError('console_input_invalid', 'choose a person or give an API key');
      }
      await openSession(ctx, res, { kind: 'api_key', value: key }, 'dev');
      res.redirect(303, safeReturn(body.return));
    })().catch((err: unknown) => {
      if (err instanceof ConsoleError && err.code !== 'console_csrf_invalid')
        return signInPage(ctx, req, res, { error: err.message, status: err.status });
      next(err);
    });
  });

  router.get('/signin/oidc', (req, res, next) => {
    void (async () => {
      if (!ctx.oidc) throw new ConsoleError('console_signin_unavailable', 'single sign-on is not configured');
      const browser = presession(ctx, req, res);
      const redirectUri = `${ctx.publicUrl ?? `${req.protocol}://${req.get('host')}`}/console/signin/callback`;
      const start = await ctx.oidc.start(redirectUri);
      await ctx.sessions.beginSignIn(start.state, {
        codeVerifier: start.codeVerifier,
        nonce: start.nonce,
        browser,
        returnTo: safeReturn(req.query.return),
        redirectUri,
      });
      res.redirect(302, start.url.href);
    })().catch((err: unknown) => {
      if (err instanceof ConsoleError)
        return signInPage(ctx, req, res, { error: err.message, status: err.status });
      next(err);
    });
  });

  router.get('/signin/callback', (req, res, next) => {
    void (async () => {
      if (!ctx.oidc) throw new ConsoleError('console_signin_unavailable', 'single sign-on is not configured');
      if (typeof req.query.error === 'string') {
        const description =
          typeof req.query.error_description === 'string' ? `: ${req.query.error_description}` : '';
        throw new ConsoleError(
          'console_signin_failed',
          `the identity provider refused: ${req.query.error}${description}`,
        );
      }
      const state = typeof req.query.state === 'string' ? req.query.state : '';
      const pending = await ctx.sessions.takeSignIn(state);
      if (!pending)
        throw new ConsoleError('console_signin_failed', 'this sign-in link is unknown, used or too old');
      // The callback must reach the browser that started the sign-in (no login CSRF).
      if (!sameToken(readCookies(req)[PRESESSION_COOKIE], pending.browser))
        throw new ConsoleError('console_signin_failed', 'the sign-in was started in another browser');
      const callback = new URL(pending.redirectUri);
      callback.search = new URL(req.originalUrl, 'http://x').search;
      const tokens = await ctx.oidc.finish(callback, {
        state,
        nonce: pending.nonce,
        codeVerifier: pending.codeVerifier,
      });
      await openSession(ctx, res, { kind: 'bearer', value: tokens.apiToken }, 'oidc', {
        refreshToken: tokens.refreshToken,
        credentialExpiresAt: tokens.expiresAt,
      });
      res.redirect(303, pending.returnTo);
    })().catch((err: unknown) => {
      if (err instanceof ConsoleError)
        return signInPage(ctx, req, res, { error: err.message, status: err.status });
      next(err);
    });
  });

  router.post('/signout', requireSession(ctx), (req, res, next) => {
    ctx.sessions.destroy(req.signedIn!.id).then(() => {
      clearCookie(res, SESSION_COOKIE, ctx.config.session.secureCookie);
      res.redirect(303, '/console/signin?notice=signedout');
    }, next);
  });
}
