import type { IncomingHttpHeaders } from 'node:http';
import type { ProxyConfig } from '../config.js';
import { ApiKeyStore } from './api-keys.js';
import type { Identity } from './identity.js';
import { JwtVerifier, unauthenticated } from './jwt.js';

/**
 * Finds and checks the caller's credential: `Authorization: Bearer <JWT>`
 * or the API key header. Throws `unauthenticated` (401 with
 * WWW-Authenticate) when it is missing or bad.
 */
export class Authenticator {
  private readonly jwt: JwtVerifier;
  private readonly apiKeys: ApiKeyStore;
  private readonly apiKeyHeader: string;

  constructor(identity: ProxyConfig['identity']) {
    this.jwt = new JwtVerifier(identity.issuers);
    this.apiKeys = new ApiKeyStore(identity.apiKeys);
    this.apiKeyHeader = identity.apiKeyHeader;
  }

  /** Header names that carry caller credentials (never forwarded, never shown to the policy). */
  get credentialHeaders(): string[] {
    return ['authorization', 'proxy-authorization', 'cookie', this.apiKeyHeader];
  }

  async authenticate(headers: IncomingHttpHeaders): Promise<Identity> {
    const authorization = headers.authorization;
    const apiKey = headers[this.apiKeyHeader];
    if (authorization !== undefined && apiKey !== undefined) {
      throw unauthenticated('send one credential: a bearer token or an API key, not both', false);
    }
    if (typeof apiKey === 'string' && apiKey !== '') {
      const identity = this.apiKeys.lookup(apiKey);
      if (!identity) throw unauthenticated('unknown API key', false);
      return identity;
    }
    if (authorization === undefined || authorization === '') throw unauthenticated('no credentials', false);
    const match = /^Bearer +([A-Za-z0-9_\-.~+/]+=*) *$/i.exec(authorization);
    if (!match) throw unauthenticated('Authorization must be "Bearer <token>"', true);
    return this.jwt.verify(match[1]);
  }
}
