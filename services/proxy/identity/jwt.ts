import { decodeJwt, jwtVerify, errors as joseErrors, type JWTPayload } from 'jose';
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

/** Verified tokens are remembered this long at most (bounds how long a retired key's tokens live on). */
const CACHE_TTL_MS = 60_000;
const CACHE_MAX_ENTRIES = 10_000;

/**
 * Verifies bearer JWTs against the configured issuers (chosen by the token's
 * `iss`). Callers reuse tokens, and a signature check costs more than the
 * rest of the request path, so verified tokens are cached by their exact
 * text until the sooner of `exp` (plus skew) and CACHE_TTL_MS.
 */
export class JwtVerifier {
  private readonly issuers = new Map<string, { config: IssuerConfig; keys: IssuerKeys }>();
  private readonly verified = new Map<string, { identity: Identity; validUntilMs: number }>();

  constructor(issuers: IssuerConfig[]) {
    for (const config of issuers) this.issuers.set(config.issuer, { config, keys: new IssuerKeys(config) });
  }

  async verify(token: string): Promise<Identity> {
    const cached = this.verified.get(token);
    if (cached) {
      if (Date.now() < cached.validUntilMs) return cached.identity;
      this.verified.delete(token);
    }
    const { identity, validUntilMs } = await this.verifyUncached(token);
    if (this.verified.size >= CACHE_MAX_ENTRIES) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { identity, validUntilMs });
    return identity;
  }

  private async verifyUncached(token: string): Promise<{ identity: Identity; validUntilMs: number }> {
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
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, resolver, {
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
    return { identity, validUntilMs: Math.min(expiresMs, Date.now() + CACHE_TTL_MS) };
  }
}
