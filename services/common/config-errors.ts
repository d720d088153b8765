import type { z } from 'zod';

/**
 * Config error messages a person can act on: an unknown key names the
 * nearest known one (`connection` → did you mean `connections`?), and a
 * value of the wrong shape says what shape is expected.
 */

type AnySchema = z.core.$ZodType;

interface SchemaDef {
  type: string;
  shape?: Record<string, AnySchema>;
  innerType?: AnySchema;
  element?: AnySchema;
  in?: AnySchema;
  options?: AnySchema[];
}

function defOf(schema: AnySchema): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

/** The object schemas a value at `path` may be validated by (wrappers unwrapped, union branches all). */
function objectsAt(schema: AnySchema, path: PropertyKey[]): SchemaDef[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
    case 'readonly':
    case 'catch':
      return objectsAt(def.innerType!, path);
    case 'pipe':
      return objectsAt(def.in!, path);
    case 'union':
      return (def.options ?? []).flatMap((option) => objectsAt(option, path));
    case 'array':
      return typeof path[0] === 'number' ? objectsAt(def.element!, path.slice(1)) : [];
    case 'object':
      if (path.length === 0) return [def];
      if (typeof path[0] !== 'string' || !def.shape?.[path[0]]) return [];
      return objectsAt(def.shape[path[0]], path.slice(1));
    default:
      return [];
  }
}

/** The keys the schema accepts for the object at `path`. */
export function knownKeysAt(schema: AnySchema, path: PropertyKey[]): string[] {
  const keys = new Set<string>();
  for (const def of objectsAt(schema, path)) for (const key of Object.keys(def.shape ?? {})) keys.add(key);
  return [...keys];
}

/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitution = previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[y.length];
}

/** The known key closest to `unknown`, when it is close enough to be a typo. */
export function nearestKey(unknown: string, known: string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const key of known) {
    const distance = editDistance(unknown, key);
    if (!best || distance < best.distance) best = { key, distance };
  }
  if (!best) return undefined;
  const limit = Math.max(2, Math.floor(Math.max(unknown.length, best.key.length) / 3));
  return best.distance <= limit ? best.key : undefined;
}

function pathText(path: PropertyKey[]): string {
  return path.map(String).join('.');
}

function valueAt(raw: unknown, path: PropertyKey[]): unknown {
  let node = raw;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** The messages for one issue: one line per unknown key, else one line. */
export function describeIssue(
  issue: z.core.$ZodIssue,
  raw: unknown,
  source: string,
  schema: AnySchema,
): string[] {
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(schema, issue.path);
    return issue.keys.map((key) => {
      const near = nearestKey(key, known);
      const where = pathText([...issue.path, key]);
      const hint = near
        ? `did you mean ${pathText([...issue.path, near])}?`
        : `known keys here: ${known.join(', ') || 'none'}`;
      return `${source}: ${where}: unknown key; ${hint}`;
    });
  }
  const key = pathText(issue.path) || '(root)';
  const value = valueAt(raw, issue.path);
  const shown = value === undefined ? '' : ` = ${JSON.stringify(value)}`;
  return [`${source}: ${key}${shown}: ${issue.message}`];
}
