import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { PortcullisError } from './errors.js';

/**
 * Where a configured secret comes from: an environment variable, a file
 * (both re-read on every use, so a rotation is seen) or the value itself
 * (tests and `npm start`, which make their own).
 */
export const secretSourceSchema = z.union([
  z.object({ env: z.string().min(1) }).strict(),
  z.object({ file: z.string().min(1) }).strict(),
  z.object({ value: z.string().min(1) }).strict(),
]);
export type SecretSource = z.infer<typeof secretSourceSchema>;

/** Reads a secret now; `what` names it in the error (`config_invalid`) when it cannot be read. */
export function readSecretSource(secret: SecretSource, what: string): string {
  if ('value' in secret) return secret.value;
  if ('env' in secret) {
    const value = process.env[secret.env];
    if (!value)
      throw new PortcullisError('config_invalid', `${what}: environment variable ${secret.env} is not set`);
    return value;
  }
  try {
    return readFileSync(secret.file, 'utf8').replace(/\r?\n$/, '');
  } catch (err) {
    throw new PortcullisError('config_invalid', `${what}: cannot read ${secret.file}`, { cause: err });
  }
}
