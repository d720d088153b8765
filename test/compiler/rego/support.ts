/** Helpers shared by the parser tests. */

/** A deep copy of an AST without `location` fields, to compare shapes. */
export function withoutLocations<T>(node: T): T {
  return JSON.parse(
    JSON.stringify(node, (key, value: unknown) => (key === 'location' ? undefined : value)),
  ) as T;
}
