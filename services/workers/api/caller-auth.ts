import type { RequestHandler } from 'express';
import type { ProxyConfig } from '../../proxy/config.js';
import { ProxyError } from '../../proxy/errors.js';
import { Authenticator } from '../../proxy/identity/authenticate.js';
import type { Identity } from '../../proxy/identity/identity.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** The authenticated caller (set by createCallerAuth). */
    caller?: Identity;
  }
}

/**
 * Authenticates callers of the workers' API with the proxy's own identity
 * providers (`proxy.identity`: JWT issuers, API keys), so a person or a
 * service uses the same credential here as through the proxy. Sets
 * `req.caller`; answers 401 `unauthenticated` (with `WWW-Authenticate`) for
 * a missing or bad credential, 503 `identity_unavailable` when an issuer's
 * keys cannot be fetched. Body: `{code, message}`.
 */
export function createCallerAuth(identity: ProxyConfig['identity']): RequestHandler {
  const authenticator = new Authenticator(identity);
  return (req, res, next) => {
    authenticator.authenticate(req.headers).then(
      (caller) => {
        req.caller = caller;
        next();
      },
      (err: unknown) => {
        if (!(err instanceof ProxyError)) return next(err);
        for (const [name, value] of Object.entries(err.headers)) res.setHeader(name, value);
        res.status(err.status).json({ code: err.code, message: err.message });
      },
    );
  };
}
