/**
 * Reads policy files from disk as OPA's loader does (`opa test`, `opa eval
 * -d`, `opa build` of directories): every `.rego` file is a module, every
 * `.json`, `.yaml` and `.yml` file is data placed at its directory path
 * relative to the path given (a file directly inside that directory sits at
 * `data` itself; `roles/users.yaml` below it at `data.roles`). A path may
 * carry a prefix, `a.b:dir`, to load its data under `data.a.b`.
 *
 * Differences from OPA, on purpose: entries whose name starts with a dot
 * and `node_modules` directories are skipped (editor settings and package
 * manifests are not policy data), and bundle archives below a directory
 * are not opened. A bundle `.manifest` at the top of a directory given
 * declares the Rego syntax of its files (source-versions.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { yaml } from '../common/yaml.js';
import { FORBIDDEN_DATA_KEYS, findForbiddenKey, getOwn, setOwn } from '../bundle/safe-keys.js';
import { PortcullisError } from '../common/errors.js';
import type { RegoFile } from './index.js';
import { manifestRegoVersions, type DeclaredRegoVersion } from './source-versions.js';

/** One data file and where its document was placed. */
export interface LoadedDataFile {
  /** The path as found on disk. */
  file: string;
  /** Where its document sits under `data` (empty: at `data` itself). */
  path: string[];
}

export interface LoadedPolicyFiles {
  /** Rego files, named by their path relative to the directory given (or their base name). */
  rego: RegoFile[];
  /** Every data document merged at its path. */
  data: Record<string, unknown>;
  dataFiles: LoadedDataFile[];
}

const SKIPPED_DIRS = new Set(['node_modules']);
const DATA_EXTENSION = /\.(json|ya?ml)$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `a.b:dir` → prefix `["a", "b"]`, path `dir`; URLs and plain paths have no prefix (OPA's SplitPrefix). */
export function splitPrefix(given: string): { prefix: string[]; path: string } {
  const colon = given.indexOf(':');
  if (colon <= 0 || given.indexOf('://') === colon) return { prefix: [], path: given };
  return { prefix: given.slice(0, colon).split('.'), path: given.slice(colon + 1) };
}

function walk(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.name.endsWith('.rego') || DATA_EXTENSION.test(entry.name)) out.push(path);
  }
}

function parseData(file: string, text: string): unknown {
  try {
    return file.endsWith('.json') ? JSON.parse(text) : (yaml().parse(text) ?? null);
  } catch (err) {
    throw new PortcullisError('policy_data_invalid', `${file}: cannot parse: ${(err as Error).message}`);
  }
}

/** Merges `value` into `target` at `path`; objects merge key by key, anything else defined twice is a conflict. */
function mergeAt(target: Record<string, unknown>, path: string[], value: unknown, file: string): void {
  if (path.length === 0) {
    if (!isObject(value)) {
      throw new PortcullisError(
        'policy_data_invalid',
        `${file}: a data file loaded at the root of data must hold an object`,
      );
    }
    for (const [key, child] of Object.entries(value)) mergeAt(target, [key], child, file);
    return;
  }
  const [key, ...rest] = path;
  const existing = getOwn(target, key);
  if (rest.length === 0) {
    if (existing === undefined) setOwn(target, key, value);
    else if (isObject(existing) && isObject(value)) {
      for (const [k, v] of Object.entries(value)) mergeAt(existing, [k], v, file);
    } else {
      throw new PortcullisError(
        'policy_data_conflict',
        `${file}: data at ${path.join('.')} is defined by more than one file`,
      );
    }
    return;
  }
  if (existing === undefined) setOwn(target, key, {});
  const next = getOwn(target, key);
  if (!isObject(next)) {
    throw new PortcullisError(
      'policy_data_conflict',
      `${file}: data at ${path.join('.')} is nested under a value that is not an object`,
    );
  }
  mergeAt(next, rest, value, file);
}

/**
 * Loads directories and files. A file given directly is loaded whatever its
 * name (a `.rego` module, else JSON or YAML data at the prefix).
 */
export function loadPolicyFiles(paths: string[]): LoadedPolicyFiles {
  const rego: RegoFile[] = [];
  const data: Record<string, unknown> = {};
  const dataFiles: LoadedDataFile[] = [];
  for (const given of paths) {
    const { prefix, path } = splitPrefix(given);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw new PortcullisError('policy_path_missing', `${path}: no such file or directory`);
    }
    const files: { file: string; name: string; dir: string[] }[] = [];
    let declared: DeclaredRegoVersion | undefined;
    if (stat.isDirectory()) {
      declared = manifestRegoVersions(path);
      const found: string[] = [];
      walk(path, found);
      for (const file of found) {
        const name = relative(path, file).split(sep).join('/');
        files.push({ file, name, dir: name.split('/').slice(0, -1) });
      }
    } else if (stat.isFile()) {
      files.push({ file: path, name: basename(path), dir: [] });
    } else {
      throw new PortcullisError('policy_path_invalid', `${path}: expected a directory or a file`);
    }
    for (const { file, name, dir } of files) {
      const text = readFileSync(file, 'utf8');
      if (file.endsWith('.rego')) {
        const regoVersion = declared?.(name);
        rego.push({ file: name, source: text, ...(regoVersion ? { regoVersion } : {}) });
        continue;
      }
      const value = parseData(file, text);
      const at = [...prefix, ...dir];
      const forbidden = at.find((segment) => FORBIDDEN_DATA_KEYS.has(segment)) ?? findForbiddenKey(value);
      if (forbidden !== undefined) {
        throw new PortcullisError('policy_data_invalid', `${file}: data key "${forbidden}" is not allowed`);
      }
      mergeAt(data, at, value, file);
      dataFiles.push({ file, path: at });
    }
  }
  return { rego, data, dataFiles };
}
