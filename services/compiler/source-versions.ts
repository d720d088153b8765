/**
 * The Rego syntax of policy files read from disk: a directory holding a
 * bundle `.manifest` declares it for its files (`rego_version`,
 * `file_rego_versions`, as `opa build -b` reads a bundle directory); files
 * it does not cover take the command's default (`--v0-compatible` or not).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseManifest } from '../bundle/manifest.js';
import { compileFileRegoVersions } from '../bundle/rego-versions.js';
import type { RegoVersion } from './rego/parser-base.js';

/** The syntax a bundle manifest declares for a file, or undefined when it says nothing about it. */
export type DeclaredRegoVersion = (name: string) => RegoVersion | undefined;

/**
 * Reads `<dir>/.manifest` when there is one. Throws `bundle_manifest_invalid`
 * (a BundleError) for a manifest OPA would refuse.
 */
export function manifestRegoVersions(dir: string): DeclaredRegoVersion | undefined {
  const path = join(dir, '.manifest');
  if (!existsSync(path)) return undefined;
  const manifest = parseManifest(readFileSync(path, 'utf8'), dir);
  const patterns = compileFileRegoVersions(manifest.file_rego_versions);
  return (name) => {
    const version = patterns.match(`/${name}`) ?? manifest.rego_version;
    return version === 0 ? 'v0' : version === 1 ? 'v1' : undefined;
  };
}
