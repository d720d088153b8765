/**
 * Key material for the JWT and crypto builtins: PEM certificates and public
 * keys, JWKs and JWK sets, read with node:crypto (synchronously, since the
 * opa-wasm SDK calls host builtins synchronously).
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { JsonWebKey, KeyObject } from 'node:crypto';
import { BuiltinFailure } from './errors.js';
import { isObject } from './values.js';

export interface VerificationKey {
  kid?: string;
  key: KeyObject;
}

function jwkList(text: string): Record<string, unknown>[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new BuiltinFailure(`failed to parse a JWK key (set): ${(err as Error).message}`);
  }
  if (isObject(parsed) && Array.isArray(parsed.keys)) return parsed.keys.filter(isObject);
  if (isObject(parsed)) return [parsed];
  throw new BuiltinFailure('failed to parse a JWK key (set)');
}

/** Splits one PEM block off the text: its type, DER bytes and whatever follows the END line. */
export function pemBlock(text: string): { type: string; der: Buffer; rest: string } | undefined {
  const m = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----[^\n]*\n?/.exec(text);
  if (!m) return undefined;
  return {
    type: m[1],
    der: Buffer.from(m[2].replace(/\s+/g, ''), 'base64'),
    rest: text.slice((m.index ?? 0) + m[0].length),
  };
}

function pemKey(certificate: string, type: 'CERTIFICATE' | 'PUBLIC KEY', what: string): VerificationKey[] {
  const block = pemBlock(certificate);
  if (!block || block.type !== type) throw new BuiltinFailure(`failed to parse a PEM ${what}`);
  if (block.rest.trim() !== '') throw new BuiltinFailure(`extra data after a PEM ${what} block`);
  try {
    return [{ key: createPublicKey(certificate) }];
  } catch (err) {
    throw new BuiltinFailure(`failed to parse a PEM ${what}: ${(err as Error).message}`);
  }
}

/** Public keys from a PEM certificate / public key, or from a JWK or JWK set (OPA's `getKeysFromCertOrJWK`). */
export function verificationKeys(certificate: string): VerificationKey[] {
  if (certificate.startsWith('-----BEGIN CERTIFICATE-----'))
    return pemKey(certificate, 'CERTIFICATE', 'certificate');
  if (certificate.startsWith('-----BEGIN PUBLIC KEY-----'))
    return pemKey(certificate, 'PUBLIC KEY', 'public key');
  if (certificate.startsWith('-----BEGIN'))
    throw new BuiltinFailure('failed to extract a Key from the PEM certificate');
  return jwkList(certificate).map((jwk) => {
    try {
      const key =
        jwk.kty === 'oct'
          ? createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' })
          : createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
      return { kid: typeof jwk.kid === 'string' ? jwk.kid : undefined, key };
    } catch (err) {
      throw new BuiltinFailure(`failed to parse a JWK key (set): ${(err as Error).message}`);
    }
  });
}

/** The first key of a JWK (set), for signing. Symmetric `oct` keys come back as raw bytes. */
export function signingKey(jwkText: string): KeyObject | Buffer {
  const [jwk] = jwkList(jwkText);
  if (!jwk) throw new BuiltinFailure('no JWK found');
  if (jwk.kty === 'oct') {
    if (typeof jwk.k !== 'string') throw new BuiltinFailure('oct key has no k');
    return Buffer.from(jwk.k, 'base64url');
  }
  try {
    return jwk.d !== undefined
      ? createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' })
      : createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
  } catch (err) {
    throw new BuiltinFailure(`failed to materialize key: ${(err as Error).message}`);
  }
}
