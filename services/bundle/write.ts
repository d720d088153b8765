import { manifestJson } from './manifest.js';
import { SIGNATURES_PATH, MANIFEST_PATH } from './read.js';
import { signBundleFiles } from './sign.js';
import { writeTarGz } from './tarball.js';
import type { BundleFile, Manifest, RegoSource, SigningOptions, WasmModule } from './types.js';

/** What goes into a bundle written by `portcullis build`. */
export interface BundleContents {
  /** Revision, roots and wasm resolvers; roots default to `[""]`. */
  manifest: Partial<Manifest> & Pick<Manifest, 'wasm'>;
  /** Written as `/data.json`. @defaultValue {} */
  data?: Record<string, unknown>;
  rego?: RegoSource[];
  /** Usually one `/policy.wasm`. */
  wasm?: WasmModule[];
}

export interface WriteBundleOptions {
  /** Sign the bundle, writing `/.signatures.json`. */
  signing?: SigningOptions;
}

const encoder = new TextEncoder();

/** The files of a bundle in OPA's order: data, rego, wasm, manifest (signatures are added by the writer). */
export function bundleFiles(contents: BundleContents): BundleFile[] {
  const manifest: Manifest = {
    revision: contents.manifest.revision ?? '',
    roots: contents.manifest.roots ?? [''],
    wasm: contents.manifest.wasm,
    ...(contents.manifest.rego_version !== undefined ? { rego_version: contents.manifest.rego_version } : {}),
    ...(contents.manifest.file_rego_versions !== undefined
      ? { file_rego_versions: contents.manifest.file_rego_versions }
      : {}),
    ...(contents.manifest.metadata !== undefined ? { metadata: contents.manifest.metadata } : {}),
  };
  const path = (p: string): string => '/' + p.replace(/^\/+/, '');
  return [
    { path: '/data.json', bytes: encoder.encode(JSON.stringify(contents.data ?? {})) },
    ...(contents.rego ?? []).map((r) => ({ path: path(r.path), bytes: encoder.encode(r.text) })),
    ...(contents.wasm ?? []).map((m) => ({ path: path(m.path), bytes: m.bytes })),
    { path: MANIFEST_PATH, bytes: encoder.encode(manifestJson(manifest)) },
  ];
}

/**
 * Writes a bundle as gzipped tar bytes in OPA's file order (`/data.json`,
 * rego files, `/policy.wasm`, `/.signatures.json`, `/.manifest`), signing
 * it when `options.signing` is given.
 */
export async function writeBundle(
  contents: BundleContents,
  options: WriteBundleOptions = {},
): Promise<Uint8Array> {
  const files = bundleFiles(contents);
  if (options.signing) {
    const signatures = await signBundleFiles(files, options.signing);
    const manifest = files.pop() as BundleFile;
    files.push(
      { path: SIGNATURES_PATH, bytes: encoder.encode(JSON.stringify(signatures, null, 1)) },
      manifest,
    );
  }
  return writeTarGz(files);
}
