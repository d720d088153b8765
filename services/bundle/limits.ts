import { BundleError } from './errors.js';

/** Largest uncompressed bundle (the tar inside the gzip, or a directory's files) accepted by default. */
export const DEFAULT_MAX_BUNDLE_BYTES = 128 * 1024 * 1024;

/** Largest compressed bundle (a `.tar.gz` file or download) accepted by default. */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024;

/** Size caps applied while a bundle is read, so a huge or highly compressed bundle cannot exhaust memory. */
export interface BundleSizeLimits {
  /** Uncompressed size: the inflated tar, or the sum of a directory's files. @defaultValue 128 MiB */
  maxBundleBytes?: number;
  /** Compressed size: a `.tar.gz` file, tarball bytes or an HTTP body. @defaultValue 64 MiB */
  maxDownloadBytes?: number;
}

export function tooLarge(what: string, limit: number, location: string): BundleError {
  return new BundleError('bundle_too_large', `${what} exceeds the limit of ${limit} bytes`, { location });
}

/**
 * Reads a fetch body into memory, cancelling it as soon as it passes
 * `limit` bytes (a `content-length` over the limit is refused before reading).
 */
export async function readCappedBody(
  response: Response,
  limit: number,
  location: string,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel();
    throw tooLarge(`the download (${declared} bytes declared)`, limit, location);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge('the download', limit, location);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}
