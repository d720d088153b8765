import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ConsoleApi, ownApiUrl } from './api-client.js';
import type { ConsoleContext } from './context.js';
import { clearCookie, PRESESSION_COOKIE, readCookies, SESSION_COOKIE } from './cookies.js';
import { ConsoleError } from './errors.js';
import { sameToken } from './session.js';

/** A refresh is tried this long before the person's token expires. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * Headers on every console answer: no caching of pages that show
 * approvals and audit events, no framing, scripts and styles from the
 * console itself only (the page's one script is a file, never inline).
 */
export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    // same-origin, not no-referrer: with no-referrer, browsers send `Origin: null` on the console's own forms.
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
}

/**
 * A state-changing request must come from the console's own pages: a
 * browser's `Sec-Fetch-Site` (when sent) says same-origin, an `Origin`
 * (when sent) names this host, and the form's token matches the one the
 * page was given (`_csrf` field or `X-CSRF-Token` header).
 */
export function checkCsrf(req: Request, expected: string | undefined): void {
  const site = req.get('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    throw new ConsoleError('console_csrf_invalid', `a ${site} request cannot change anything here`);
  const origin = req.get('origin');
  if (origin !== undefined && origin !== 'null') {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (host !== req.get('host'))
      throw new ConsoleError('console_csrf_invalid', 'the request comes from another site');
  } else if (origin === 'null') {
    throw new ConsoleError('console_csrf_invalid', 'the request comes from an opaque origin');
  }
  const body = req.body as Record<string, unknown> | undefined;
  const given = req.get('x-csrf-token') ?? (body && typeof body._csrf === 'string' ? body._csrf : undefined);
  if (!sameToken(given, expected))
    throw new ConsoleError('console_csrf_invalid', 'the form is out of date or was not sent by this console');
}

function wantsHtml(req: Request): boolean {
  return req.method === 'GET' && !req.path.endsWith('/version');
}

/** Where a signed-out page visit goes: the sign-in page, coming back here afterwards. */
function toSignIn(req: Request, res: Response, notice?: string): void {
  const back = req.originalUrl.startsWith('/console') ? req.originalUrl : '/console/inbox';
  const query = new URLSearchParams({ return: back });
  if (notice) query.set('notice', notice);
  res.redirect(303, `/console/signin?${query}`);
}

/**
 * Loads the session of the cookie: renews the person's token when it is
 * about to expire and a refresh token allows, ends the session when it
 * cannot. Pages of a signed-out visitor redirect to the sign-in page;
 * anything else answers 401 `console_signin_required`.
 */
export function requireSession(ctx: ConsoleContext): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    void (async () => {
      const id = readCookies(req)[SESSION_COOKIE];
      let session = await ctx.sessions.get(id);
      if (session && session.credentialExpiresAt !== undefined) {
        if (session.credentialExpiresAt - ctx.now() < REFRESH_MARGIN_MS) {
          const renewed =
            session.refreshToken && ctx.oidc
              ? await ctx.oidc.refresh(session.refreshToken).catch(() => undefined)
              : undefined;
          if (renewed) {
            session = {
              ...session,
              credential: { kind: 'bearer', value: renewed.apiToken },
              refreshToken: renewed.refreshToken,
              credentialExpiresAt: renewed.expiresAt,
            };
            await ctx.sessions.update(id!, session);
          } else {
            await ctx.sessions.destroy(id);
            session = undefined;
          }
        }
      }
      if (!session) {
        // Only a cookie that came along is cleared: a cross-site request (SameSite keeps the cookie
        // away) must not end the session it cannot see.
        if (id) clearCookie(res, SESSION_COOKIE, ctx.config.session.secureCookie);
        if (wantsHtml(req)) return toSignIn(req, res, id ? 'expired' : undefined);
        throw new ConsoleError('console_signin_required', 'sign in to the console first');
      }
      const base = ctx.config.apiUrl?.replace(/\/+$/, '') ?? ownApiUrl(req);
      req.signedIn = {
        id: id!,
        session,
        api: new ConsoleApi(base, session.credential, ctx.apiKeyHeader, req.id),
      };
      if (req.method !== 'GET' && req.method !== 'HEAD') checkCsrf(req, session.csrf);
      next();
    })().catch(next);
  };
}

/** Sign-in forms: the pre-session cookie's token must come back in the form. */
export function requirePresession(req: Request): void {
  const token = readCookies(req)[PRESESSION_COOKIE];
  checkCsrf(req, token);
}
