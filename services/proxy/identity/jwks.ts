import {
  createLocalJWKSet,
  createRemoteJWKSet,
  importSPKI,
  errors as joseErrors,
  type JWTVerifyGetKey,
  type JWK,
} from 'jose';
import type { IssuerConfig } from '../config.js';
import { ProxyError } from '../errors.js';
import { discoverJwksUri } from './oidc.js';

const DISCOVERY_TIMEOUT_MS = 5000;
/** Wait before retrying a failed discovery, so a dead issuer is not hammered per request. */
const DISCOVERY_RETRY_MS = 5000;

/**
 * The keys of one issuer. Remote sets are jose's cached JWKS: refetched after
 * `jwksCacheSeconds`, or when a token names an unknown `kid` (at most once per
 * `jwksCooldownSeconds`), which is how key rotation is picked up.
 */
export class IssuerKeys {
  private resolver: JWTVerifyGetKey | undefined;
  private pending: Promise<JWTVerifyGetKey> | undefined;
  private failedAt = 0;
  private failure: unknown;

  constructor(private readonly config: IssuerConfig) {}

  async getResolver(): Promise<JWTVerifyGetKey> {
    if (this.resolver) return this.resolver;
    if (this.failure && Date.now() - this.failedAt < DISCOVERY_RETRY_MS) throw this.failure;
    this.pending ??= this.build().then(
      (resolver) => {
        this.resolver = resolver;
        this.pending = undefined;
        return resolver;
      },
      (err: unknown) => {
        this.failure = err;
        this.failedAt = Date.now();
        this.pending = undefined;
        throw err;
      },
    );
    return this.pending;
  }

  private async build(): Promise<JWTVerifyGetKey> {
    const { config } = this;
    if (config.publicKeys?.length) return staticPemResolver(config);
    if (config.jwks) return createLocalJWKSet({ keys: config.jwks.keys as JWK[] });
    const uri = config.jwksUri ?? (await discoverJwksUri(config.issuer, DISCOVERY_TIMEOUT_MS));
    const remote = createRemoteJWKSet(new URL(uri), {
      cacheMaxAge: config.jwksCacheSeconds * 1000,
      cooldownDuration: config.jwksCooldownSeconds * 1000,
      timeoutDuration: DISCOVERY_TIMEOUT_MS,
    });
    return async (header, token) => {
      try {
        return await remote(header, token);
      } catch (err) {
        if (err instanceof joseErrors.JOSEError && err.code !== 'ERR_JWKS_TIMEOUT' && !isFetchFailure(err))
          throw err;
        throw new ProxyError('identity_unavailable', `JWKS ${uri}: ${(err as Error).message}`, {
          cause: err,
        });
      }
    };
  }
}

function isFetchFailure(err: unknown): boolean {
  return err instanceof joseErrors.JOSEError && err.code === 'ERR_JOSE_GENERIC';
}

async function staticPemResolver(config: IssuerConfig): Promise<JWTVerifyGetKey> {
  const keys = await Promise.all(
    (config.publicKeys ?? []).map(async (k) => ({ ...k, key: await importSPKI(k.pem, k.algorithm) })),
  );
  return (header) => {
    const found = keys.find(
      (k) => (header.kid === undefined || k.kid === header.kid) && k.algorithm === header.alg,
    );
    if (!found) throw new joseErrors.JWKSNoMatchingKey();
    return found.key;
  };
}
