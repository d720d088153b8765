// walk(x): every [path, value] pair of x, pre-order, as OPA yields them: object keys and set elements in key order.
import { opa_array_append } from '../array';
import { sortedNodeAt, tableLen, tableSortedNodes, tableSortedRelease } from '../table';
import {
  NODE_KEY,
  NODE_VALUE,
  OPA_ARRAY,
  OPA_OBJECT,
  OPA_SET,
  arrAt,
  arrLen,
  opa_array_with_cap,
  opa_number_int,
  typeOf,
} from '../value';

function extended(path: usize, key: usize): usize {
  const n = arrLen(path);
  const out = opa_array_with_cap(n + 1);
  for (let i: u32 = 0; i < n; i++) opa_array_append(out, arrAt(path, i));
  opa_array_append(out, key);
  return out;
}

function visit(out: usize, path: usize, v: usize): void {
  const pair = opa_array_with_cap(2);
  opa_array_append(pair, path);
  opa_array_append(pair, v);
  opa_array_append(out, pair);
  const t = typeOf(v);
  if (t == OPA_ARRAY) {
    const n = arrLen(v);
    for (let i: u32 = 0; i < n; i++) visit(out, extended(path, opa_number_int(i)), arrAt(v, i));
  } else if (t == OPA_OBJECT || t == OPA_SET) {
    // A set element is its own key, so its path ends with the element.
    const n = tableLen(v);
    const nodes = tableSortedNodes(v);
    for (let i: u32 = 0; i < n; i++) {
      const node = sortedNodeAt(nodes, i);
      const key = <usize>load<u32>(node, NODE_KEY);
      visit(out, extended(path, key), t == OPA_SET ? key : <usize>load<u32>(node, NODE_VALUE));
    }
    tableSortedRelease(v, nodes);
  }
}

/** The relation's whole result as an array of [path, value] pairs (the planner scans it). */
export function opa_builtin_walk(v: usize): usize {
  const out = opa_array_with_cap(8);
  visit(out, opa_array_with_cap(0), v);
  return out;
}
