/**
 * AST → Rego value, as OPA builds it: the Go structs go through JSON, then
 * `Position`s, nulls and (after pruning) empty arrays and objects are
 * dropped everywhere. Empty strings and `false` stay.
 */

/** Keys of our AST nodes that have no Go counterpart. */
const INTERNAL_KEYS = new Set(['Position', 'kind']);

type Pruned = string | number | boolean | Pruned[] | { [k: string]: Pruned };

function prune(value: unknown): Pruned | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const out: Pruned[] = [];
    for (const item of value) {
      const p = prune(item);
      if (p === undefined) continue;
      if (typeof p === 'object' && (Array.isArray(p) ? p.length === 0 : Object.keys(p).length === 0))
        continue;
      out.push(p);
    }
    return out;
  }
  if (typeof value === 'object') {
    const out: { [k: string]: Pruned } = {};
    for (const [k, v] of Object.entries(value)) {
      if (INTERNAL_KEYS.has(k)) continue;
      const p = prune(v);
      if (p === undefined) continue;
      if (typeof p === 'object' && (Array.isArray(p) ? p.length === 0 : Object.keys(p).length === 0))
        continue;
      out[k] = p;
    }
    return out;
  }
  return value as Pruned;
}

/** The Rego object OPA returns for a query or schema document. */
export function encodeDocument(doc: object): Record<string, unknown> {
  return prune(doc) as Record<string, unknown>;
}
