import type { Logger } from '../common/logger.js';
import type { Authenticator } from '../proxy/identity/authenticate.js';
import type { ConsoleApi } from './api-client.js';
import type { ConsoleConfig } from './config.js';
import type { OidcSignIn } from './oidc.js';
import type { Session, SessionStore } from './session.js';

/** What every console route needs, made once when the console is mounted. */
export interface ConsoleContext {
  config: ConsoleConfig;
  sessions: SessionStore;
  /**
   * Where browsers reach the console (scheme, host, port), for the OIDC
   * redirect URI; undefined: the address each request came to.
   */
  publicUrl?: string;
  /** Present when `console.oidc` is configured. */
  oidc?: OidcSignIn;
  /** The workers' API's own authenticator: sign-in checks a credential exactly as the API will. */
  authenticator: Authenticator;
  /** Header the API reads API keys from (`proxy.identity.apiKeyHeader`). */
  apiKeyHeader: string;
  /** `approvals.adminGroups`: members see the bulk-expire form (the API decides). */
  adminGroups: readonly string[];
  /** `audit.api.auditorGroup`: members see the Audit and replay forms (the API decides). */
  auditorGroup: string;
  /** A value that changes whenever an approval or grant does (the inbox's live updates). */
  approvalsVersion?: () => Promise<string>;
  logger: Logger;
  now: () => number;
}

/** The signed-in person of a request (set by the session guard). */
export interface SignedIn {
  id: string;
  session: Session;
  api: ConsoleApi;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set on console routes once the session is checked. */
    signedIn?: SignedIn;
    /** The pre-session token (sign-in forms), when the browser has one. */
    presession?: string;
  }
}
