import { writeBundle } from '../bundle/write.js';
import type { SigningOptions } from '../bundle/types.js';
import { compileRego, type CompileRegoResult, type RegoFile } from './index.js';
import { loadPolicyFiles, type LoadedDataFile } from './loader.js';

/** The Rego and data files of a policy, as `portcullis build <paths>` finds them. */
export interface PolicySources {
  /** Rego files, named by their path inside the bundle (relative to the directory given). */
  rego: RegoFile[];
  /** Every JSON/YAML data document merged at its directory path. */
  data: Record<string, unknown>;
  /** Which file placed which document (absent for sources not read from disk). */
  dataFiles?: LoadedDataFile[];
}

/**
 * Reads directories and files as OPA's loader does (see loader.ts): every
 * `.rego` file below a directory, and every `.json`/`.yaml` file as data at
 * its directory path relative to the directory given.
 */
export function readPolicySources(paths: string[]): PolicySources {
  return loadPolicyFiles(paths);
}

export interface BuildBundleOptions {
  entrypoints: string[];
  revision?: string;
  signing?: SigningOptions;
}

/** Compiles the sources and writes an OPA-layout bundle (gzipped tar). */
export async function buildBundle(
  sources: PolicySources,
  options: BuildBundleOptions,
): Promise<{ bundle: Uint8Array; compiled: CompileRegoResult & { wasm: Uint8Array } }> {
  const compiled = compileRego(sources.rego, { entrypoints: options.entrypoints });
  const bundle = await writeBundle(
    {
      manifest: {
        revision: options.revision ?? '',
        roots: [''],
        wasm: options.entrypoints.map((entrypoint) => ({ entrypoint, module: '/policy.wasm' })),
        rego_version: 1,
      },
      data: sources.data,
      rego: sources.rego.map((r) => ({ path: r.file, text: r.source })),
      wasm: [{ path: '/policy.wasm', bytes: compiled.wasm }],
    },
    { signing: options.signing },
  );
  return { bundle, compiled };
}
