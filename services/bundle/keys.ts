import { readFileSync } from 'node:fs';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { BundleError } from './errors.js';
import type { SigningAlgorithm } from './types.js';

export const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = ['RS256', 'ES256', 'HS256'];

export function isSigningAlgorithm(value: string): value is SigningAlgorithm {
  return (SIGNING_ALGORITHMS as readonly string[]).includes(value);
}

/** HMAC secrets are used as their UTF-8 bytes; asymmetric keys are PEM text. */
export function signingKey(key: string, algorithm: SigningAlgorithm): KeyObject | Uint8Array {
  return algorithm === 'HS256' ? new TextEncoder().encode(key) : createPrivateKey(key);
}

/** A public key (or a private key, whose public half is used) for verification. */
export function verificationKey(key: string, algorithm: SigningAlgorithm): KeyObject | Uint8Array {
  return algorithm === 'HS256' ? new TextEncoder().encode(key) : createPublicKey(key);
}

/**
 * Key material from a CLI value, as `opa build --signing-key` and
 * `--verification-key` take it: for RS256/ES256 a PEM text or the path of a
 * PEM file; for HS256 the shared secret itself.
 */
export function keyMaterial(value: string, algorithm: SigningAlgorithm): string {
  if (algorithm === 'HS256' || value.includes('-----BEGIN')) return value;
  try {
    return readFileSync(value, 'utf8');
  } catch (err) {
    throw new BundleError(
      'bundle_key_unreadable',
      `cannot read the ${algorithm} key file: ${(err as Error).message}`,
      {
        location: value,
      },
    );
  }
}
