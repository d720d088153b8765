import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import type { RedisClient } from '../common/redis.js';

/**
 * Console sessions in Redis: the only module that reads or writes the
 * console's keys (`{prefix}:console:*`).
 *
 * The browser holds the session id (32 random bytes) in an HttpOnly
 * cookie. Redis holds the session under the id's SHA-256, and the person's
 * credential (the token or API key the console presents to the workers'
 * API for them) encrypted with a key derived from the id: whoever reads
 * Redis can neither use a session nor recover a credential.
 */

/** Who is signed in, as the workers' API authenticated their credential at sign-in (for display and navigation). */
export interface SessionIdentity {
  sub: string;
  email: string | null;
  groups: string[];
  method: 'jwt' | 'api_key';
  issuer: string;
}

/** How the console calls the API for this person. */
export interface SessionCredential {
  kind: 'bearer' | 'api_key';
  value: string;
}

export interface Session {
  identity: SessionIdentity;
  credential: SessionCredential;
  /** OIDC refresh token, when the issuer gave one (renews `credential` before it expires). */
  refreshToken?: string;
  /** Unix ms when `credential` stops being accepted (a token's `exp`); none for API keys. */
  credentialExpiresAt?: number;
  /** The form token every state-changing request must carry. */
  csrf: string;
  via: 'oidc' | 'dev';
  createdAt: number;
  /** Unix ms: the session ends then whatever its use. */
  expiresAt: number;
}

/** What is stored: the session without its secrets in clear. */
interface StoredSession extends Omit<Session, 'credential' | 'refreshToken'> {
  credential: { kind: SessionCredential['kind']; sealed: string };
  refreshToken?: string;
}

/** An OIDC sign-in under way, kept between the redirect to the issuer and its callback. */
export interface PendingSignIn {
  codeVerifier: string;
  nonce: string;
  /** The pre-session token of the browser that started it: the callback must come from the same browser. */
  browser: string;
  /** Where to go once signed in (a console path). */
  returnTo: string;
  /** The redirect URI the issuer was given (the token request repeats it). */
  redirectUri: string;
}

export interface SessionStoreOptions {
  redis: RedisClient;
  prefix: string;
  /** A session unused this long ends (seconds). */
  idleSeconds: number;
  /** @defaultValue Date.now */
  now?: () => number;
}

const SIGN_IN_TTL_SECONDS = 600;

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function sealingKey(id: string): Buffer {
  return Buffer.from(hkdfSync('sha256', id, 'portcullis-console', 'credential', 32));
}

function seal(id: string, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(id), iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

function unseal(id: string, sealed: string): string {
  const bytes = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(id), bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}

/** A fresh random token (session ids, CSRF tokens, states), base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares two tokens in constant time (false when either is missing). */
export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (typeof a !== 'string' || typeof b !== 'string' || a.length === 0) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A well-formed token as newToken makes them (43 base64url characters). */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export class SessionStore {
  private readonly now: () => number;

  constructor(private readonly options: SessionStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  private key(kind: 'session' | 'signin', id: string): string {
    return `${this.options.prefix}:console:${kind}:${digest(id)}`;
  }

  /** Stores a new session; returns its id (the cookie's value). */
  async create(session: Omit<Session, 'csrf' | 'createdAt'>): Promise<{ id: string; session: Session }> {
    const id = newToken();
    const full: Session = { ...session, csrf: newToken(), createdAt: this.now() };
    await this.write(id, full);
    return { id, session: full };
  }

  private async write(id: string, session: Session): Promise<void> {
    const stored: StoredSession = {
      ...session,
      credential: { kind: session.credential.kind, sealed: seal(id, session.credential.value) },
      refreshToken: session.refreshToken === undefined ? undefined : seal(id, session.refreshToken),
    };
    const ttlMs = Math.min(this.options.idleSeconds * 1000, session.expiresAt - this.now());
    if (ttlMs <= 0) return;
    await this.options.redis.set(this.key('session', id), JSON.stringify(stored), 'PX', ttlMs);
  }

  /** The session of a cookie value, renewing its idle time; undefined when unknown, ended or malformed. */
  async get(id: string | undefined): Promise<Session | undefined> {
    if (id === undefined || !TOKEN_SHAPE.test(id)) return undefined;
    const key = this.key('session', id);
    const text = await this.options.redis.get(key);
    if (text === null) return undefined;
    let stored: StoredSession;
    let session: Session;
    try {
      stored = JSON.parse(text) as StoredSession;
      session = {
        ...stored,
        credential: { kind: stored.credential.kind, value: unseal(id, stored.credential.sealed) },
        refreshToken: stored.refreshToken === undefined ? undefined : unseal(id, stored.refreshToken),
      };
    } catch {
      return undefined;
    }
    const left = session.expiresAt - this.now();
    if (left <= 0) {
      await this.options.redis.del(key);
      return undefined;
    }
    await this.options.redis.pexpire(key, Math.min(this.options.idleSeconds * 1000, left));
    return session;
  }

  /** Replaces a session's credential (after a refresh). */
  async update(id: string, session: Session): Promise<void> {
    await this.write(id, session);
  }

  async destroy(id: string | undefined): Promise<void> {
    if (id === undefined || !TOKEN_SHAPE.test(id)) return;
    await this.options.redis.del(this.key('session', id));
  }

  /** Remembers an OIDC sign-in under its `state` until the callback (10 minutes at most). */
  async beginSignIn(state: string, pending: PendingSignIn): Promise<void> {
    await this.options.redis.set(
      this.key('signin', state),
      JSON.stringify(pending),
      'EX',
      SIGN_IN_TTL_SECONDS,
    );
  }

  /** Takes the sign-in of a `state` (once: a replayed callback finds nothing). */
  async takeSignIn(state: string): Promise<PendingSignIn | undefined> {
    if (!TOKEN_SHAPE.test(state)) return undefined;
    const text = await this.options.redis.getdel(this.key('signin', state));
    return text === null ? undefined : (JSON.parse(text) as PendingSignIn);
  }
}
