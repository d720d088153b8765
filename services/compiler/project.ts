import { fileRegoVersionsFor } from '../bundle/rego-versions.js';
import type { SigningOptions } from '../bundle/types.js';
import type { CompileRegoResult, RegoFile } from './index.js';
import { loadPolicyFiles, type LoadedDataFile } from './loader.js';
import type { RegoVersion } from './rego/parser-base.js';
import type { SchemaSet } from './compile/typecheck/schema.js';

/** The Rego and data files of a policy, as `portcullis build <paths>` finds them. */
export interface PolicySources {
  /** Rego files, named by their path inside the bundle (relative to the directory given). */
  rego: RegoFile[];
  /** Every JSON/YAML data document merged at its directory path. */
  data: Record<string, unknown>;
  /** Which file placed which document (absent for sources not read from disk). */
  dataFiles?: LoadedDataFile[];
}

export interface ReadPolicySourcesOptions {
  /**
   * Syntax of the `.rego` files whose directory's bundle `.manifest` does
   * not declare one (`v0` is `--v0-compatible`).
   * @defaultValue 'v1'
   */
  regoVersion?: RegoVersion;
}

/**
 * Reads directories and files as OPA's loader does (see loader.ts): every
 * `.rego` file below a directory, and every `.json`/`.yaml` file as data at
 * its directory path relative to the directory given. Each Rego file
 * carries its syntax: what its directory's `.manifest` declares, else
 * `options.regoVersion`.
 */
export function readPolicySources(paths: string[], options: ReadPolicySourcesOptions = {}): PolicySources {
  const sources = loadPolicyFiles(paths);
  if (options.regoVersion === 'v0') {
    for (const file of sources.rego) file.regoVersion ??= 'v0';
  }
  return sources;
}

export interface BuildBundleOptions {
  /**
   * Syntax of files that do not carry their own, and the bundle's
   * `rego_version` (0 for `v0`); files of the other syntax are listed in
   * `file_rego_versions`, as `opa build` writes them.
   * @defaultValue 'v1'
   */
  regoVersion?: RegoVersion;
  entrypoints: string[];
  revision?: string;
  signing?: SigningOptions;
  /** JSON Schemas for the type checker (`--schema`). @defaultValue none */
  schemas?: SchemaSet;
}

/** Compiles the sources and writes an OPA-layout bundle (gzipped tar). */
export async function buildBundle(
  sources: PolicySources,
  options: BuildBundleOptions,
): Promise<{ bundle: Uint8Array; compiled: CompileRegoResult & { wasm: Uint8Array } }> {
  const regoVersion = options.regoVersion ?? 'v1';
  // Loaded here: `test` and `eval` read sources through this module and, with a cached compile, need no compiler.
  const { compileRego } = await import('./index.js');
  const compiled = compileRego(sources.rego, {
    entrypoints: options.entrypoints,
    regoVersion,
    schemas: options.schemas,
  });
  const bundleVersion = regoVersion === 'v0' ? 0 : 1;
  const fileVersions = fileRegoVersionsFor(
    sources.rego.map((r) => ({ path: r.file, version: (r.regoVersion ?? regoVersion) === 'v0' ? 0 : 1 })),
    bundleVersion,
  );
  // Loaded here: the tar writer costs `test` and `eval`, which read sources through this module, for nothing.
  const { writeBundle } = await import('../bundle/write.js');
  const bundle = await writeBundle(
    {
      manifest: {
        revision: options.revision ?? '',
        roots: [''],
        wasm: options.entrypoints.map((entrypoint) => ({ entrypoint, module: '/policy.wasm' })),
        rego_version: bundleVersion,
        ...(fileVersions ? { file_rego_versions: fileVersions } : {}),
      },
      data: sources.data,
      rego: sources.rego.map((r) => ({ path: r.file, text: r.source })),
      wasm: [{ path: '/policy.wasm', bytes: compiled.wasm }],
    },
    { signing: options.signing },
  );
  return { bundle, compiled };
}
