/*
 * Bundle data and entrypoint paths come from whoever built the bundle. Keys
 * such as `__proto__` read or written with ordinary property access reach
 * `Object.prototype` instead of the object itself, so every merge of
 * untrusted data goes through these helpers.
 */

/** Keys refused anywhere in bundle data: they have special meaning on plain objects. */
export const FORBIDDEN_DATA_KEYS: ReadonlySet<string> = new Set(['__proto__']);

/** The object's own value for `key`, never an inherited one. */
export function getOwn(target: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(target, key)
    ? (target as Record<string, unknown>)[key]
    : undefined;
}

/** Sets `key` as an own data property, whatever its name (no setter, no prototype change). */
export function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The slash path of the first forbidden key inside `value`, or undefined when there is none. */
export function findForbiddenKey(value: unknown, path = ''): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [key, child] of entries) {
    const here = path === '' ? key : `${path}/${key}`;
    if (FORBIDDEN_DATA_KEYS.has(key) && !Array.isArray(value)) return here;
    const inner = findForbiddenKey(child, here);
    if (inner !== undefined) return inner;
  }
  return undefined;
}
