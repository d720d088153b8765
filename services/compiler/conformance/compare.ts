/**
 * Equality and ordering of JSON results the way OPA compares Rego values:
 * numbers by value, objects by their key/value pairs whatever the order.
 */
const TYPE_ORDER: Record<string, number> = { null: 0, boolean: 1, number: 2, string: 3, array: 4, object: 5 };

function kind(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v;
}

export function compareValues(a: unknown, b: unknown): number {
  const ka = kind(a);
  const kb = kind(b);
  if (ka !== kb) return TYPE_ORDER[ka] - TYPE_ORDER[kb];
  switch (ka) {
    case 'null':
      return 0;
    case 'boolean':
      return Number(a) - Number(b);
    case 'number':
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 'string':
      return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
    case 'array': {
      const x = a as unknown[];
      const y = b as unknown[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareValues(x[i], y[i]);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
    default: {
      const x = a as Record<string, unknown>;
      const y = b as Record<string, unknown>;
      const kx = Object.keys(x).sort();
      const ky = Object.keys(y).sort();
      for (let i = 0; i < Math.min(kx.length, ky.length); i++) {
        const c = compareValues(kx[i], ky[i]) || compareValues(x[kx[i]], y[ky[i]]);
        if (c !== 0) return c;
      }
      return kx.length - ky.length;
    }
  }
}

function sortedBindings(sets: Record<string, unknown>[]): Record<string, unknown>[] {
  const normalised = sets.map((bindings) =>
    Object.fromEntries(
      Object.entries(bindings).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort(compareValues) : v]),
    ),
  );
  return normalised.sort(compareValues);
}

/** As OPA's WASM test runner: with sort_bindings, binding sets and array values are compared sorted. */
export function resultSetsEqual(
  want: Record<string, unknown>[],
  got: Record<string, unknown>[],
  sortBindings: boolean,
): boolean {
  if (sortBindings) return compareValues(sortedBindings(want), sortedBindings(got)) === 0;
  return compareValues(want, got) === 0;
}
