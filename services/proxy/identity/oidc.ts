import { ProxyError } from '../errors.js';

/**
 * OIDC discovery: `<issuer>/.well-known/openid-configuration` gives the
 * `jwks_uri`. The document must name the same issuer (OIDC Discovery 1.0 §4.3),
 * so a token cannot point us at someone else's keys.
 */
export async function discoverJwksUri(issuer: string, timeoutMs: number): Promise<string> {
  const url = issuer.replace(/\/+$/, '') + '/.well-known/openid-configuration';
  let doc: unknown;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    doc = await response.json();
  } catch (err) {
    throw new ProxyError(
      'identity_unavailable',
      `OIDC discovery at ${url} failed: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  const { issuer: named, jwks_uri: jwksUri } = (doc ?? {}) as { issuer?: unknown; jwks_uri?: unknown };
  if (named !== issuer) {
    throw new ProxyError(
      'identity_unavailable',
      `OIDC discovery at ${url} names issuer ${JSON.stringify(named)}`,
    );
  }
  if (typeof jwksUri !== 'string' || !/^https?:\/\//.test(jwksUri)) {
    throw new ProxyError('identity_unavailable', `OIDC discovery at ${url} has no usable jwks_uri`);
  }
  return jwksUri;
}
