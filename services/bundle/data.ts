import { parse as parseYaml } from 'yaml';
import { BundleError } from './errors.js';
import { pathUnderRoot } from './manifest.js';
import { FORBIDDEN_DATA_KEYS, findForbiddenKey, getOwn, setOwn } from './safe-keys.js';
import type { BundleFile } from './types.js';

const DATA_FILE = /(^|\/)data\.(json|ya?ml)$/;

export function isDataFile(path: string): boolean {
  return DATA_FILE.test(path);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The data path of a data file: its directory, slash separated, no leading slash. */
export function dataPathOf(filePath: string): string {
  return filePath.replace(DATA_FILE, '').replace(/^\/+|\/+$/g, '');
}

function parseDataFile(file: BundleFile, location: string): unknown {
  const text = new TextDecoder().decode(file.bytes);
  try {
    return file.path.endsWith('.json') ? JSON.parse(text) : (parseYaml(text) ?? null);
  } catch (err) {
    throw new BundleError('bundle_data_invalid', `cannot parse: ${(err as Error).message}`, {
      location: `${location}${file.path}`,
    });
  }
}

/** The data path up to the first forbidden directory name in `path`, if any. */
function forbiddenSegmentPath(path: string): string | undefined {
  const segments = path.split('/');
  const at = segments.findIndex((segment) => FORBIDDEN_DATA_KEYS.has(segment));
  return at === -1 ? undefined : segments.slice(0, at + 1).join('/');
}

function checkUnderRoots(path: string, value: unknown, roots: string[], where: string): void {
  if (roots.some((root) => pathUnderRoot(path, root))) return;
  const isPrefixOfRoot = roots.some((root) => root.startsWith(path === '' ? '' : path + '/'));
  if (isObject(value) && isPrefixOfRoot) {
    for (const [key, child] of Object.entries(value)) {
      checkUnderRoots(path === '' ? key : `${path}/${key}`, child, roots, where);
    }
    return;
  }
  throw new BundleError(
    'bundle_data_outside_roots',
    `data at "${path || '/'}" is outside the manifest roots ${JSON.stringify(roots)}`,
    { location: where },
  );
}

function mergeInto(
  target: Record<string, unknown>,
  key: string,
  value: unknown,
  path: string,
  where: string,
): void {
  const existing = getOwn(target, key);
  if (existing === undefined) {
    setOwn(target, key, value);
    return;
  }
  if (isObject(existing) && isObject(value)) {
    for (const [k, v] of Object.entries(value)) mergeInto(existing, k, v, `${path}/${k}`, where);
    return;
  }
  throw new BundleError('bundle_data_conflict', `data at "${path}" is defined more than once`, {
    location: where,
  });
}

/** Merges every data file at its directory path, refusing data outside `roots` and conflicting values. */
export function mergeDataFiles(
  files: BundleFile[],
  roots: string[],
  location: string,
): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const file of files.filter((f) => isDataFile(f.path))) {
    const where = `${location}${file.path}`;
    const value = parseDataFile(file, location);
    const path = dataPathOf(file.path);
    if (path === '' && !isObject(value)) {
      throw new BundleError('bundle_data_invalid', 'a data file at the bundle root must hold an object', {
        location: where,
      });
    }
    const forbidden = forbiddenSegmentPath(path) ?? findForbiddenKey(value, path);
    if (forbidden !== undefined) {
      throw new BundleError('bundle_data_invalid', `data key at "${forbidden}" is not allowed`, {
        location: where,
      });
    }
    checkUnderRoots(path, value, roots, where);
    if (path === '') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) mergeInto(data, k, v, k, where);
      continue;
    }
    const segments = path.split('/');
    let node = data;
    for (const segment of segments.slice(0, -1)) {
      const next = getOwn(node, segment);
      if (next === undefined) setOwn(node, segment, {});
      else if (!isObject(next)) {
        throw new BundleError(
          'bundle_data_conflict',
          `data at "${path}" is nested under a non-object value`,
          {
            location: where,
          },
        );
      }
      node = getOwn(node, segment) as Record<string, unknown>;
    }
    mergeInto(node, segments[segments.length - 1], value, path, where);
  }
  return data;
}
