import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKeyConfig } from '../config.js';
import type { Identity } from './identity.js';

/** The stored form of an API key: lowercase hex SHA-256 (what config holds). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Service identities by API key; only hashes are kept. */
export class ApiKeyStore {
  private readonly keys: { config: ApiKeyConfig; digest: Buffer }[];

  constructor(keys: ApiKeyConfig[]) {
    this.keys = keys.map((config) => ({ config, digest: Buffer.from(config.sha256, 'hex') }));
  }

  get size(): number {
    return this.keys.length;
  }

  /** The identity for a presented key, or undefined. Compares every stored digest in constant time. */
  lookup(presented: string): Identity | undefined {
    const digest = createHash('sha256').update(presented, 'utf8').digest();
    let found: ApiKeyConfig | undefined;
    for (const key of this.keys) if (timingSafeEqual(key.digest, digest)) found = key.config;
    if (!found) return undefined;
    return {
      sub: found.subject,
      email: null,
      groups: [...found.groups],
      type: 'service',
      method: 'api_key',
      issuer: 'api-key',
      claims: { api_key_id: found.id },
    };
  }
}
