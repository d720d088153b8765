/**
 * Reads `--schema <path>` as OPA's loader does: a file is the schema of
 * `input` for every rule; a directory's `.json` files are the schemas that
 * `# METADATA` `schemas:` annotations name, `schema.<path>` by their path
 * below the directory without `.json` (`kubernetes/pod.json` is
 * `schema.kubernetes.pod`).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { SchemaError, schemaKey, type SchemaSet } from './schema.js';

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SchemaError(`${file}: ${(err as Error).message}`);
  }
}

function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...jsonFiles(path));
    else if (entry.isFile() && entry.name.endsWith('.json')) out.push(path);
  }
  return out.sort();
}

/** The schema set `--schema <path>` gives; throws SchemaError for a file that is not JSON. */
export function readSchemaSet(path: string): SchemaSet {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (err) {
    throw new SchemaError(
      `${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (err as Error).message}`,
    );
  }
  if (!isDirectory) return { input: readJson(path) };
  const byPath = new Map<string, unknown>();
  for (const file of jsonFiles(path)) {
    const parts = relative(path, file).slice(0, -'.json'.length).split(sep);
    byPath.set(schemaKey(parts), readJson(file));
  }
  return { byPath };
}
