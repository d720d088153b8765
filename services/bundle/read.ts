import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { isDataFile, mergeDataFiles } from './data.js';
import { BundleError } from './errors.js';
import {
  DEFAULT_MAX_BUNDLE_BYTES,
  DEFAULT_MAX_DOWNLOAD_BYTES,
  tooLarge,
  type BundleSizeLimits,
} from './limits.js';
import { parseManifest } from './manifest.js';
import { normalisePath, readTarGz } from './tarball.js';
import type { Bundle, BundleFile, BundleSignatures, VerificationOptions } from './types.js';
import { verifyBundle } from './verify.js';

export const MANIFEST_PATH = '/.manifest';
export const SIGNATURES_PATH = '/.signatures.json';

/** Where a bundle comes from: a `.tar.gz` file, a bundle directory, or tarball bytes. */
export type BundleSource = string | Uint8Array;

export interface ReadBundleOptions extends BundleSizeLimits {
  /** Key the bundle must be signed with; without it, a signed bundle is refused (OPA's rule). */
  verification?: VerificationOptions;
  /** Skip signature checks altogether (tooling such as `eval` and `test`, as OPA does). @defaultValue false */
  skipVerification?: boolean;
  /** Name used in error locations. @defaultValue the path, or "bundle" for bytes */
  name?: string;
}

const decoder = new TextDecoder();

/**
 * Every regular file under `dir`, as bundle files with absolute bundle paths,
 * sorted by path. Refuses (`bundle_too_large`) once the files' sizes pass `maxBytes`.
 */
export async function filesFromDirectory(
  dir: string,
  maxBytes = DEFAULT_MAX_BUNDLE_BYTES,
): Promise<BundleFile[]> {
  const files: BundleFile[] = [];
  let total = 0;
  async function walk(current: string): Promise<void> {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) {
        total += (await stat(full)).size;
        if (total > maxBytes) throw tooLarge('the bundle directory', maxBytes, dir);
        files.push({ path: normalisePath(relative(dir, full)), bytes: new Uint8Array(await readFile(full)) });
      }
    }
  }
  await walk(dir);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A bundle's raw files split into the signed ones and `.signatures.json`, nothing parsed beyond that. */
interface RawBundle {
  files: BundleFile[];
  signatures?: BundleSignatures;
}

function splitSignatures(all: BundleFile[], location: string): RawBundle {
  const seen = new Set<string>();
  for (const file of all) {
    if (seen.has(file.path)) {
      throw new BundleError('bundle_archive_invalid', `file "${file.path}" appears more than once`, {
        location,
      });
    }
    seen.add(file.path);
  }
  const signaturesFile = all.find((f) => f.path === SIGNATURES_PATH);
  const files = all.filter((f) => f.path !== SIGNATURES_PATH);
  if (!signaturesFile) return { files };
  try {
    return { files, signatures: JSON.parse(decoder.decode(signaturesFile.bytes)) as BundleSignatures };
  } catch (err) {
    throw new BundleError('bundle_signature_invalid', `not valid JSON: ${(err as Error).message}`, {
      location: `${location}${SIGNATURES_PATH}`,
    });
  }
}

function buildBundle({ files, signatures }: RawBundle, location: string): Bundle {
  const manifestFile = files.find((f) => f.path === MANIFEST_PATH);
  const manifest = parseManifest(manifestFile ? decoder.decode(manifestFile.bytes) : undefined, location);
  const data = mergeDataFiles(
    files.filter((f) => isDataFile(f.path)),
    manifest.roots,
    location,
  );
  const rego = files
    .filter((f) => f.path.endsWith('.rego'))
    .map((f) => ({ path: f.path, text: decoder.decode(f.bytes) }));
  const wasm = files
    .filter((f) => f.path.endsWith('/policy.wasm'))
    .map((f) => ({ path: f.path, bytes: f.bytes }));
  for (const resolver of manifest.wasm) {
    if (!wasm.some((m) => m.path === normalisePath(resolver.module))) {
      throw new BundleError(
        'bundle_wasm_missing',
        `manifest entrypoint "${resolver.entrypoint}" names module "${resolver.module}", which is not in the bundle`,
        { location: `${location}${MANIFEST_PATH}` },
      );
    }
  }
  return { manifest, data, rego, wasm, signatures, files };
}

/** Builds a bundle from its files (no signature check): manifest, data, rego sources and wasm modules. */
export function parseBundleFiles(all: BundleFile[], location: string): Bundle {
  return buildBundle(splitSignatures(all, location), location);
}

async function filesOf(
  source: BundleSource,
  location: string,
  limits: BundleSizeLimits,
): Promise<BundleFile[]> {
  const maxBundleBytes = limits.maxBundleBytes ?? DEFAULT_MAX_BUNDLE_BYTES;
  const maxDownloadBytes = limits.maxDownloadBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES;
  if (typeof source !== 'string') {
    if (source.byteLength > maxDownloadBytes) throw tooLarge('the archive', maxDownloadBytes, location);
    return readTarGz(source, location, { maxBundleBytes });
  }
  let info;
  try {
    info = await stat(source);
  } catch (err) {
    throw new BundleError('bundle_unreadable', `cannot read: ${(err as Error).message}`, { location });
  }
  if (info.isDirectory()) return filesFromDirectory(source, maxBundleBytes);
  if (info.size > maxDownloadBytes) throw tooLarge('the archive', maxDownloadBytes, location);
  return readTarGz(new Uint8Array(await readFile(source)), location, { maxBundleBytes });
}

/**
 * Reads a bundle from a `.tar.gz` file, a directory or tarball bytes within
 * the size limits, verifies its signature over the raw files (see
 * `verifyBundle`), and only then parses its manifest and data.
 * Throws `BundleError` with a code naming the reason.
 */
export async function readBundle(source: BundleSource, options: ReadBundleOptions = {}): Promise<Bundle> {
  const location = options.name ?? (typeof source === 'string' ? source : 'bundle');
  const raw = splitSignatures(await filesOf(source, location, options), location);
  // Nothing in an unverified bundle is parsed: its data must not reach any object first.
  if (!options.skipVerification) await verifyBundle(raw, options.verification, location);
  return buildBundle(raw, location);
}
