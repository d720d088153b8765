import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
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
