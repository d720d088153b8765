import express, { type ErrorRequestHandler, type Express } from 'express';
import { createRedis } from '../common/redis.js';
import { PortcullisError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { proxyConfigSchema, type ProxyConfigInput } from '../proxy/config.js';
import { Authenticator } from '../proxy/identity/authenticate.js';
import { mountAssets } from './assets.js';
import { consoleConfigSchema, type ConsoleConfig, type ConsoleConfigInput } from './config.js';
import type { ConsoleContext } from './context.js';
import { clearCookie, SESSION_COOKIE } from './cookies.js';
import { requireSession, securityHeaders } from './guards.js';
import { html } from './html.js';
import { page, sendHtml } from './layout.js';
import { OidcSignIn } from './oidc.js';
import { mountAudit } from './routes/audit.js';
import { mountBundles, type BundlesOptions } from './routes/bundles.js';
import { mountGrants } from './routes/grants.js';
import { mountInbox } from './routes/inbox.js';
import { devBanner, mountSignIn } from './routes/signin.js';
import { SessionStore } from './session.js';

export interface ConsoleOptions {
  /** `console:` of portcullis.yaml. @defaultValue every default */
  config?: ConsoleConfigInput | ConsoleConfig;
  /** The proxy's identity providers: the workers' API authenticates with them, so sign-in checks with them too. */
  identity: ProxyConfigInput['identity'];
  /** Redis holding the sessions. */
  redisUrl: string;
  prefix: string;
  logger: Logger;
  /** `approvals.adminGroups`. @defaultValue [] */
  adminGroups?: readonly string[];
  /** `audit.api.auditorGroup`. @defaultValue auditors */
  auditorGroup?: string;
  /** Where browsers reach the workers (the OIDC redirect URI's base when `console.publicUrl` is unset). */
  publicUrl?: string;
  /** Changes whenever an approval or grant does: the inbox's live updates poll it. */
  approvalsVersion?: () => Promise<string>;
  /** The Bundles page's sources: decision services to ask for their status. */
  bundles?: BundlesOptions;
  /** @defaultValue Date.now */
  now?: () => number;
}

export interface WebConsole {
  /** Adds `/console` to the workers' app. */
  mount(app: Express): void;
  close(): Promise<void>;
}

/**
 * The web console for reviewers and auditors (docs/CONSOLE.md): pages
 * rendered on the server from template functions, one small script, every
 * action a call to the workers' API with the signed-in person's own
 * credential. The workers process only mounts it.
 */
export function startConsole(options: ConsoleOptions): WebConsole {
  const config = consoleConfigSchema.parse(options.config ?? {});
  const redis = createRedis(options.redisUrl, { maxRetriesPerRequest: 1 });
  redis.on('error', (err) => options.logger.warn({ err: err.message }, 'console redis error'));
  const identity = proxyConfigSchema.parse({ identity: options.identity }).identity;
  const publicUrl = (config.publicUrl ?? options.publicUrl)?.replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const ctx: ConsoleContext = {
    config,
    sessions: new SessionStore({
      redis,
      prefix: options.prefix,
      idleSeconds: config.session.idleSeconds,
      now,
    }),
    publicUrl,
    oidc: config.oidc ? new OidcSignIn(config.oidc) : undefined,
    authenticator: new Authenticator(identity),
    apiKeyHeader: identity.apiKeyHeader,
    adminGroups: options.adminGroups ?? [],
    auditorGroup: options.auditorGroup ?? 'auditors',
    approvalsVersion: options.approvalsVersion,
    logger: options.logger.child({ component: 'console' }),
    now,
  };

  const router = express.Router();
  router.use(securityHeaders());
  mountAssets(router);
  router.use(express.urlencoded({ extended: false, limit: '32kb' }));
  mountSignIn(router, ctx);
  mountBundles(router, ctx, options.bundles ?? { decisionServices: [] }, () => requireSession(ctx));
  router.use(requireSession(ctx));
  mountInbox(router, ctx);
  mountGrants(router, ctx);
  mountAudit(router, ctx);
  router.use((req, res) => {
    sendHtml(
      res,
      page({
        title: 'Not found',
        section: 'inbox',
        session: req.signedIn?.session,
        body: html`<p>
          No console page at ${req.originalUrl}. <a href="/console/inbox">Go to the inbox</a>.
        </p>`,
      }),
      404,
    );
  });
  router.use(consoleErrors(ctx));

  return {
    mount(app) {
      app.use('/console', router);
    },
    async close() {
      redis.disconnect();
    },
  };
}

/** Errors as pages (JSON for the script's requests); an API that no longer accepts the person ends their session. */
function consoleErrors(ctx: ConsoleContext): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const known = err instanceof PortcullisError;
    const status = known ? err.status : typeof err?.status === 'number' ? err.status : 500;
    const scripted = req.get('x-csrf-token') !== undefined || /\/(version|fragment)$/.test(req.path);
    if (known && err.code === 'unauthenticated' && req.signedIn) {
      void ctx.sessions.destroy(req.signedIn.id);
      clearCookie(res, SESSION_COOKIE, ctx.config.session.secureCookie);
      if (!scripted && req.method === 'GET') {
        res.redirect(303, `/console/signin?notice=expired&return=${encodeURIComponent(req.originalUrl)}`);
        return;
      }
    }
    if (status >= 500) ctx.logger.error({ err, path: req.path }, 'console error');
    const message =
      status >= 500 && !known ? 'Something went wrong on the server.' : String(err?.message ?? err);
    const code = known ? err.code : status === 413 ? 'console_input_invalid' : 'internal_error';
    if (scripted) {
      res.status(status).json({ code, message });
      return;
    }
    sendHtml(
      res,
      page({
        title: status === 403 ? 'Refused' : status === 404 ? 'Not found' : 'Error',
        section: 'inbox',
        session: req.signedIn?.session,
        banner: devBanner(ctx),
        error: `${message} (${code})`,
        body: html`<p><a href="/console/inbox">Go to the inbox</a></p>`,
      }),
      status,
    );
  };
}
