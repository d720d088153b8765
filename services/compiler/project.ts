import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { mergeDataFiles } from '../bundle/data.js';
import { writeBundle } from '../bundle/write.js';
import type { SigningOptions } from '../bundle/types.js';
import { PortcullisError } from '../common/errors.js';
import { compileRego, type CompileRegoResult, type RegoFile } from './index.js';

/** The Rego and data files of a policy, as `portcullis build <paths>` finds them. */
export interface PolicySources {
  /** Rego files, named by their path inside the bundle (relative to the directory given). */
  rego: RegoFile[];
  /** data.json / data.yaml files merged at their directory path. */
  data: Record<string, unknown>;
}

const DATA_FILE = /^data\.(json|ya?ml)$/;
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.name.endsWith('.rego') || DATA_FILE.test(entry.name)) out.push(path);
  }
}

/**
 * Reads directories (every `.rego` and `data.json`/`data.yaml` below, data
 * placed at its directory path relative to the directory given) and single
 * `.rego` files.
 */
export function readPolicySources(paths: string[]): PolicySources {
  const rego: RegoFile[] = [];
  const dataFiles: { path: string; bytes: Uint8Array }[] = [];
  for (const given of paths) {
    let stat;
    try {
      stat = statSync(given);
    } catch {
      throw new PortcullisError('policy_path_missing', `${given}: no such file or directory`);
    }
    const files: { file: string; inBundle: string }[] = [];
    if (stat.isDirectory()) {
      const found: string[] = [];
      walk(given, found);
      for (const file of found) files.push({ file, inBundle: relative(given, file).split(sep).join('/') });
    } else if (given.endsWith('.rego') || DATA_FILE.test(basename(given))) {
      files.push({ file: given, inBundle: basename(given) });
    } else {
      throw new PortcullisError(
        'policy_path_invalid',
        `${given}: expected a directory, a .rego file or a data file`,
      );
    }
    for (const { file, inBundle } of files) {
      const bytes = readFileSync(file);
      if (file.endsWith('.rego')) rego.push({ file: inBundle, source: bytes.toString('utf8') });
      else dataFiles.push({ path: `/${inBundle}`, bytes });
    }
  }
  return { rego, data: mergeDataFiles(dataFiles, [''], '') };
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
