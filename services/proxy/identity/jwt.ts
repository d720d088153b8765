import {
  decodeJwt,
  jwtVerify,
  errors as joseErrors,
  type CompactJWSHeaderParameters,
  type FlattenedJWSInput,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import type { IssuerConfig } from '../config.js';
import { ProxyError } from '../errors.js';
import type { Identity } from './identity.js';
import { IssuerKeys } from './jwks.js';

/** Reads a claim by a dotted path (`realm_access.roles`). */
function claimAt(claims: JWTPayload, path: string): unknown {
  let node: unknown = claims;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return [];
}

export function unauthenticated(reason: string, tokenError: boolean): ProxyError {
  const escaped = reason.replace(/["\\]/g, '');
  const challenge = tokenError
    ? `Bearer realm="portcullis", error="invalid_token", error_description="${escaped}"`
    : 'Bearer realm="portcullis"';
  return new ProxyError('unauthenticated', reason, {
    reasons: [reason],
    headers: { 'WWW-Authenticate': challenge },
  });
}

function reasonFor(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'token expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed) return `claim ${err.claim} rejected: ${err.reason}`;
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return 'token algorithm not allowed for this issuer';
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'token signature invalid';
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'no key of the issuer matches the token';
  if (err instanceof joseErrors.JWKSMultipleMatchingKeys) return 'several keys match the token';
  return 'token malformed';
}

/** Verified tokens are remembered this long at most. */
const CACHE_TTL_MS = 60_000;
/** @defaultValue for `JwtVerifierOptions.maxCachedTokens` */
const CACHE_MAX_ENTRIES = 10_000;

export interface JwtVerifierOptions {
  /** Verified tokens kept (least recently used dropped first). @defaultValue 10000 */
  maxCachedTokens?: number;
}

/** What a cached verification holds: enough to ask the issuer's keys again whether it still stands. */
interface VerifiedToken {
  identity: Identity;
  validUntilMs: number;
  keys: IssuerKeys;
  header: CompactJWSHeaderParameters;
  jws: FlattenedJWSInput;
  /** The key object the issuer's key set gave for this token when it was verified. */
  key: unknown;
}

/**
 * Verifies bearer JWTs against the configured issuers (chosen by the token's
 * `iss`). Callers reuse tokens, and a signature check costs more than the
 * rest of the request path, so verified tokens are cached by their exact
 * text (a bounded LRU) until the sooner of `exp` (plus skew) and
 * CACHE_TTL_MS. A cached token counts only while the issuer's current key
 * set still resolves its header to the very key that verified it: a
 * refetched JWKS (rotation seen through a new `kid`, or the cache age
 * passing) makes every cached token be verified again, so a retired key's
 * tokens are refused as soon as the proxy has seen the key leave.
 */
export class JwtVerifier {
  private readonly issuers = new Map<string, { config: IssuerConfig; keys: IssuerKeys }>();
  private readonly verified = new Map<string, VerifiedToken>();
  private readonly maxCached: number;

  constructor(issuers: IssuerConfig[], options: JwtVerifierOptions = {}) {
    for (const config of issuers) this.issuers.set(config.issuer, { config, keys: new IssuerKeys(config) });
    this.maxCached = options.maxCachedTokens ?? CACHE_MAX_ENTRIES;
  }

  /** How many verified tokens are cached. */
  get cachedTokens(): number {
    return this.verified.size;
  }

  async verify(token: string): Promise<Identity> {
    const cached = this.verified.get(token);
    if (cached) {
      // Taken out while checked, put back last: the map's order is least recently used first.
      this.verified.delete(token);
      if (Date.now() < cached.validUntilMs && (await stillSignedBy(cached))) {
        this.remember(token, cached);
        return cached.identity;
      }
    }
    const verified = await this.verifyUncached(token);
    this.remember(token, verified);
    return verified.identity;
  }

  private remember(token: string, verified: VerifiedToken): void {
    if (this.maxCached <= 0) return;
    while (this.verified.size >= this.maxCached) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, verified);
  }

  private async verifyUncached(token: string): Promise<VerifiedToken> {
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch {
      throw unauthenticated('token malformed', true);
    }
    const entry = typeof unverified.iss === 'string' ? this.issuers.get(unverified.iss) : undefined;
    if (!entry) throw unauthenticated('token issuer not trusted', true);
    const { config, keys } = entry;
    const resolver = await keys.getResolver();
    let used: Pick<VerifiedToken, 'header' | 'jws' | 'key'> | undefined;
    const remembering: JWTVerifyGetKey = async (header, jws) => {
      const key = await resolver(header, jws);
      used = { header, jws, key };
      return key;
    };
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, remembering, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: config.algorithms,
        clockTolerance: config.clockSkewSeconds,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (err) {
      if (err instanceof ProxyError) throw err;
      throw unauthenticated(reasonFor(err), true);
    }
    const email = claimAt(payload, config.emailClaim);
    const identity: Identity = {
      sub: String(payload.sub),
      email: typeof email === 'string' ? email : null,
      groups: groupsOf(claimAt(payload, config.groupsClaim)),
      type: config.identityType,
      method: 'jwt',
      issuer: config.issuer,
      claims: { ...payload },
    };
    const expiresMs = (Number(payload.exp) + config.clockSkewSeconds) * 1000;
    return {
      identity,
      validUntilMs: Math.min(expiresMs, Date.now() + CACHE_TTL_MS),
      keys,
      // jwtVerify resolves the key before checking the signature, so a verified token always set it.
      ...used!,
    };
  }
}

/**
 * Whether the issuer's keys, as they are now, still give the key that
 * verified this token (the same object: jose keeps imported keys per key
 * set, and a refetched set imports anew). Asking also lets a remote set
 * refetch itself once its cache age has passed.
 */
async function stillSignedBy(verified: VerifiedToken): Promise<boolean> {
  try {
    const resolver = await verified.keys.getResolver();
    return (await resolver(verified.header, verified.jws)) === verified.key;
  } catch {
    return false;
  }
}
