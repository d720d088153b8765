import { readFileSync } from 'node:fs';
import type { AuditSecret } from './config.js';
import { AuditError } from './errors.js';

/** Reads a configured secret now (files and variables are read on each call, so rotation is seen). */
export function readSecret(secret: AuditSecret, what: string): string {
  if ('value' in secret) return secret.value;
  if ('env' in secret) {
    const value = process.env[secret.env];
    if (!value)
      throw new AuditError('audit_config_invalid', `${what}: environment variable ${secret.env} is not set`);
    return value;
  }
  try {
    return readFileSync(secret.file, 'utf8').replace(/\r?\n$/, '');
  } catch (err) {
    throw new AuditError('audit_config_invalid', `${what}: cannot read ${secret.file}`, { cause: err });
  }
}
