/** Helpers shared by the parser tests. */

/** A deep copy of an AST without `location` fields, to compare shapes. */
export function withoutLocations<T>(node: T): T {
  return JSON.parse(
    JSON.stringify(node, (key, value: unknown) => (key === 'location' ? undefined : value)),
  ) as T;
}

/** JSON text of an AST without locations and with object keys sorted, for exact comparison. */
export function canonical(node: unknown): string {
  return JSON.stringify(node, (key, value: unknown) => {
    if (key === 'location') return undefined;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
    );
  });
}
