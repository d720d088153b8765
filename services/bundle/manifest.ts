import { BundleError } from './errors.js';
import { compileFileRegoVersions } from './rego-versions.js';
import type { Manifest, WasmResolver } from './types.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Trims slashes so roots compare as paths: `/a/b/` and `a/b` are the same root. */
export function normaliseRoot(root: string): string {
  return root.replace(/^\/+|\/+$/g, '');
}

/** True when one root is the other or a path prefix of it (`a` and `a/b` overlap; `a` and `ab` do not). */
export function rootsOverlap(a: string, b: string): boolean {
  if (a === '' || b === '' || a === b) return true;
  return a.startsWith(b + '/') || b.startsWith(a + '/');
}

/** True when the slash-separated `path` lies under `root`. */
export function pathUnderRoot(path: string, root: string): boolean {
  return root === '' || path === root || path.startsWith(root + '/');
}

/** Validates `.manifest` text and applies OPA's defaults (roots `[""]`, revision ""). */
export function parseManifest(text: string | undefined, location: string): Manifest {
  if (text === undefined) return { revision: '', roots: [''], wasm: [] };
  const fail = (message: string): never => {
    throw new BundleError('bundle_manifest_invalid', message, { location: `${location}/.manifest` });
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return fail(`not valid JSON: ${(err as Error).message}`);
  }
  if (!isRecord(raw)) return fail('must be a JSON object');
  const revision = raw.revision ?? '';
  if (typeof revision !== 'string') fail('"revision" must be a string');
  let roots: string[] = [''];
  if (raw.roots !== undefined) {
    if (!Array.isArray(raw.roots) || raw.roots.some((r) => typeof r !== 'string')) {
      fail('"roots" must be an array of strings');
    }
    roots = (raw.roots as string[]).map(normaliseRoot);
  }
  for (let i = 0; i < roots.length; i++) {
    for (let j = i + 1; j < roots.length; j++) {
      if (rootsOverlap(roots[i], roots[j])) fail(`roots "${roots[i]}" and "${roots[j]}" overlap`);
    }
  }
  const wasm: WasmResolver[] = [];
  if (raw.wasm !== undefined) {
    if (!Array.isArray(raw.wasm)) fail('"wasm" must be an array');
    (raw.wasm as unknown[]).forEach((entry, i) => {
      if (!isRecord(entry) || typeof entry.entrypoint !== 'string' || typeof entry.module !== 'string') {
        fail(`"wasm[${i}]" must be {"entrypoint": string, "module": string}`);
      }
      const resolver = entry as unknown as WasmResolver;
      wasm.push({ entrypoint: resolver.entrypoint, module: resolver.module });
    });
  }
  const manifest: Manifest = { revision: revision as string, roots, wasm };
  if (raw.rego_version !== undefined) {
    if (raw.rego_version !== 0 && raw.rego_version !== 1) fail('"rego_version" must be 0 or 1');
    manifest.rego_version = raw.rego_version as number;
  }
  if (raw.file_rego_versions !== undefined) {
    const versions = raw.file_rego_versions;
    if (!isRecord(versions)) fail('"file_rego_versions" must be an object of glob patterns');
    for (const [pattern, version] of Object.entries(versions as Record<string, unknown>)) {
      if (version !== 0 && version !== 1) fail(`"file_rego_versions" of "${pattern}" must be 0 or 1`);
    }
    try {
      compileFileRegoVersions(versions as Record<string, number>);
    } catch (err) {
      fail(`"file_rego_versions": ${(err as Error).message}`);
    }
    manifest.file_rego_versions = versions as Record<string, number>;
  }
  if (raw.metadata !== undefined) {
    if (!isRecord(raw.metadata)) fail('"metadata" must be an object');
    manifest.metadata = raw.metadata as Record<string, unknown>;
  }
  return manifest;
}

/** The manifest as OPA writes it (key order matches `opa build`). */
export function manifestJson(manifest: Manifest): string {
  const out: Record<string, unknown> = { revision: manifest.revision, roots: manifest.roots };
  if (manifest.wasm.length) out.wasm = manifest.wasm;
  if (manifest.rego_version !== undefined) out.rego_version = manifest.rego_version;
  const fileVersions = manifest.file_rego_versions;
  if (fileVersions && Object.keys(fileVersions).length > 0) {
    // Go writes map keys sorted.
    out.file_rego_versions = Object.fromEntries(
      Object.keys(fileVersions)
        .sort()
        .map((k) => [k, fileVersions[k]]),
    );
  }
  if (manifest.metadata !== undefined) out.metadata = manifest.metadata;
  return JSON.stringify(out) + '\n';
}

/**
 * Checks that no two bundles claim overlapping roots (bundles are named by
 * their source). Throws `bundle_roots_overlap` naming both.
 */
export function checkRootsDisjoint(bundles: { name: string; manifest: Manifest }[]): void {
  for (let i = 0; i < bundles.length; i++) {
    for (let j = i + 1; j < bundles.length; j++) {
      for (const a of bundles[i].manifest.roots) {
        for (const b of bundles[j].manifest.roots) {
          if (rootsOverlap(a, b)) {
            throw new BundleError(
              'bundle_roots_overlap',
              `root "${a}" of bundle ${bundles[i].name} overlaps root "${b}" of bundle ${bundles[j].name}`,
            );
          }
        }
      }
    }
  }
}
