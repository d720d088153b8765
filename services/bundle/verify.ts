import { decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { hashBundleFile } from './canonical.js';
import { BundleError } from './errors.js';
import { verificationKey } from './keys.js';
import { signedFileName } from './sign.js';
import type { Bundle, VerificationOptions } from './types.js';

interface ClaimedFile {
  name: string;
  hash: string;
  algorithm: string;
}

function claimedFiles(payload: JWTPayload, location: string): ClaimedFile[] {
  const files = payload.files;
  const valid =
    Array.isArray(files) &&
    files.every(
      (f) =>
        typeof f === 'object' &&
        f !== null &&
        typeof (f as ClaimedFile).name === 'string' &&
        typeof (f as ClaimedFile).hash === 'string',
    );
  if (!valid) {
    throw new BundleError('bundle_signature_invalid', 'the signature has no valid "files" claim', {
      location,
    });
  }
  return (files as ClaimedFile[]).map((f) => ({ ...f, algorithm: f.algorithm ?? 'SHA-256' }));
}

/**
 * Checks a bundle's signature the way OPA does: with a key configured the
 * bundle must carry exactly one valid JWT whose `files` claim lists every
 * file with its hash, no more and no fewer, and whose `scope` matches; with
 * no key configured a signed bundle is refused.
 */
export async function verifyBundle(
  bundle: Pick<Bundle, 'files' | 'signatures'>,
  verification: VerificationOptions | undefined,
  location: string,
): Promise<void> {
  const where = `${location}/.signatures.json`;
  if (!verification) {
    if (bundle.signatures) {
      throw new BundleError(
        'bundle_signature_unexpected',
        'the bundle is signed but no verification key is configured',
        { location: where },
      );
    }
    return;
  }
  if (!bundle.signatures) {
    throw new BundleError(
      'bundle_signature_missing',
      'a verification key is configured but the bundle is not signed',
      {
        location,
      },
    );
  }
  const tokens = bundle.signatures.signatures;
  if (!Array.isArray(tokens) || tokens.length !== 1 || typeof tokens[0] !== 'string') {
    throw new BundleError('bundle_signature_invalid', 'expected exactly one signature', { location: where });
  }
  const algorithm = verification.algorithm ?? 'RS256';
  let payload: JWTPayload;
  try {
    const header = decodeProtectedHeader(tokens[0]);
    if (verification.keyId && header.kid && header.kid !== verification.keyId) {
      throw new Error(`key id "${header.kid}" does not match the configured "${verification.keyId}"`);
    }
    ({ payload } = await jwtVerify(tokens[0], verificationKey(verification.key, algorithm), {
      algorithms: [algorithm],
    }));
  } catch (err) {
    throw new BundleError(
      'bundle_signature_invalid',
      `signature verification failed: ${(err as Error).message}`,
      {
        location: where,
        cause: err,
      },
    );
  }
  if (verification.scope !== undefined && payload.scope !== verification.scope) {
    throw new BundleError(
      'bundle_signature_scope',
      `signature scope ${JSON.stringify(payload.scope ?? null)} does not match the required "${verification.scope}"`,
      { location: where },
    );
  }
  const claimed = new Map(claimedFiles(payload, where).map((f) => [signedFileName(f.name), f]));
  for (const file of bundle.files) {
    const name = signedFileName(file.path);
    const entry = claimed.get(name);
    if (!entry) {
      throw new BundleError('bundle_file_unsigned', `file "${name}" is not listed in the signature`, {
        location,
      });
    }
    claimed.delete(name);
    if (entry.algorithm !== 'SHA-256') {
      throw new BundleError(
        'bundle_signature_invalid',
        `file "${name}": unsupported hash algorithm ${entry.algorithm}`,
        {
          location: where,
        },
      );
    }
    if (hashBundleFile(file.path, file.bytes) !== entry.hash) {
      throw new BundleError(
        'bundle_file_tampered',
        `file "${name}": content does not match its signed hash`,
        {
          location,
        },
      );
    }
  }
  if (claimed.size > 0) {
    const names = [...claimed.keys()].map((n) => `"${n}"`).join(', ');
    throw new BundleError('bundle_file_missing', `signed file(s) ${names} missing from the bundle`, {
      location,
    });
  }
}
