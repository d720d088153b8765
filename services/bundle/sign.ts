import { SignJWT } from 'jose';
import { hashBundleFile } from './canonical.js';
import { BundleError } from './errors.js';
import { signingKey } from './keys.js';
import type { BundleFile, BundleSignatures, SigningOptions } from './types.js';

/** One entry of the `files` claim. Names carry no leading slash, as OPA writes them. */
export interface SignedFile {
  name: string;
  hash: string;
  algorithm: string;
}

export function signedFileName(path: string): string {
  return path.replace(/^\/+/, '');
}

export function describeFiles(files: BundleFile[]): SignedFile[] {
  return files.map((file) => ({
    name: signedFileName(file.path),
    hash: hashBundleFile(file.path, file.bytes),
    algorithm: 'SHA-256',
  }));
}

/** Produces `.signatures.json` content over `files` (which must not include `.signatures.json`). */
export async function signBundleFiles(
  files: BundleFile[],
  options: SigningOptions,
): Promise<BundleSignatures> {
  const algorithm = options.algorithm ?? 'RS256';
  let key;
  try {
    key = signingKey(options.key, algorithm);
  } catch (err) {
    throw new BundleError(
      'bundle_signing_failed',
      `cannot use the signing key for ${algorithm}: ${(err as Error).message}`,
    );
  }
  const claims: Record<string, unknown> = { files: describeFiles(files) };
  if (options.scope !== undefined) claims.scope = options.scope;
  const jwt = new SignJWT(claims).setProtectedHeader({
    alg: algorithm,
    typ: 'JWT',
    ...(options.keyId ? { kid: options.keyId } : {}),
  });
  jwt.setIssuedAt();
  if (options.issuer !== undefined) jwt.setIssuer(options.issuer);
  try {
    return { signatures: [await jwt.sign(key)] };
  } catch (err) {
    throw new BundleError(
      'bundle_signing_failed',
      `signing with ${algorithm} failed: ${(err as Error).message}`,
    );
  }
}
