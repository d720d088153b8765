/** Reads an archive as the decision service would and reduces the result to plain data for the fuzz invariant. */
import { readBundle, readTarGz, writeTarGz } from '../../../services/bundle/index.js';
import { BundleError, type BundleErrorCode } from '../../../services/bundle/errors.js';

/** Uncompressed and compressed limit for every read: small, so huge sizes meet it quickly. */
export const LIMIT = 256 * 1024;

/** Every code reading an archive may refuse it with (signing codes need a key, so they cannot occur). */
export const READ_CODES: BundleErrorCode[] = [
  'bundle_archive_invalid',
  'bundle_too_large',
  'bundle_manifest_invalid',
  'bundle_data_invalid',
  'bundle_data_outside_roots',
  'bundle_data_conflict',
  'bundle_wasm_missing',
  'bundle_signature_invalid',
  'bundle_signature_unexpected',
];

/**
 * `loaded <n files>` or the refusal's code. Throws (failing the invariant)
 * on any other exception, on a load over the limit, on a loaded path that
 * is not a clean bundle path, and when the loaded files do not survive a
 * write and a second read unchanged (a partial or inconsistent load).
 */
export async function readOutcome(bytes: Uint8Array): Promise<string> {
  try {
    const bundle = await readBundle(bytes, { maxBundleBytes: LIMIT, maxDownloadBytes: LIMIT, name: 'fuzz' });
    const total = bundle.files.reduce((sum, f) => sum + f.bytes.length, 0);
    if (total > LIMIT) throw new Error(`loaded ${total} bytes, over the ${LIMIT}-byte limit`);
    for (const file of bundle.files) {
      if (!file.path.startsWith('/') || file.path.split('/').includes('..')) {
        throw new Error(`loaded an unsafe path ${JSON.stringify(file.path)}`);
      }
    }
    const again = readTarGz(writeTarGz(bundle.files), 'again', { maxBundleBytes: 4 * LIMIT });
    if (JSON.stringify(again) !== JSON.stringify(bundle.files)) {
      throw new Error('the loaded files changed when written and read again');
    }
    return `loaded ${bundle.files.length}`;
  } catch (err) {
    if (!(err instanceof BundleError)) throw err;
    if (!READ_CODES.includes(err.code)) {
      throw new Error(`unexpected code ${err.code}: ${err.message}`, { cause: err });
    }
    return err.code;
  }
}
