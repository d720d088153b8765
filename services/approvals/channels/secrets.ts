import { readFileSync } from 'node:fs';
import { PortcullisError } from '../../common/errors.js';
import type { SecretSourceConfig } from '../config.js';

/**
 * Reads a channel secret (bot token, signing secret, link key) from its
 * environment variable or file, each time it is needed, so a rotated secret
 * is picked up without a restart. A missing one is a configuration error.
 */
export function readSecret(source: SecretSourceConfig, what: string): string {
  let value: string | undefined;
  if ('env' in source) value = process.env[source.env];
  else {
    try {
      value = readFileSync(source.file, 'utf8').trim();
    } catch (err) {
      throw new PortcullisError(
        'config_invalid',
        `${what}: cannot read ${source.file}: ${(err as Error).message}`,
      );
    }
  }
  if (!value) {
    const where = 'env' in source ? `environment variable ${source.env}` : `file ${source.file}`;
    throw new PortcullisError('config_invalid', `${what}: ${where} is empty or unset`);
  }
  return value;
}
