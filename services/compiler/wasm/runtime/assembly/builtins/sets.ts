// Set builtins: and (&), or (|), union and intersection of a set of sets.
import { opa_set, tableFind, tableInsert, tableLen, tableNodeAt } from '../table';
import { NODE_KEY, OPA_SET, typeOf } from '../value';

function addAll(out: usize, s: usize): void {
  const n = tableLen(s);
  for (let i: u32 = 0; i < n; i++) {
    const e = load<u32>(tableNodeAt(s, i), NODE_KEY);
    tableInsert(out, e, 0);
  }
}

function intersect(a: usize, b: usize): usize {
  const out = opa_set();
  const n = tableLen(a);
  for (let i: u32 = 0; i < n; i++) {
    const e = load<u32>(tableNodeAt(a, i), NODE_KEY);
    if (tableFind(b, e) != 0) tableInsert(out, e, 0);
  }
  return out;
}

export function opa_set_intersection(a: usize, b: usize): usize {
  if (typeOf(a) != OPA_SET || typeOf(b) != OPA_SET) return 0;
  return intersect(a, b);
}

export function opa_set_union(a: usize, b: usize): usize {
  if (typeOf(a) != OPA_SET || typeOf(b) != OPA_SET) return 0;
  const out = opa_set();
  addAll(out, a);
  addAll(out, b);
  return out;
}

function allSets(s: usize): bool {
  if (typeOf(s) != OPA_SET) return false;
  const n = tableLen(s);
  for (let i: u32 = 0; i < n; i++) {
    if (typeOf(load<u32>(tableNodeAt(s, i), NODE_KEY)) != OPA_SET) return false;
  }
  return true;
}

export function opa_sets_union(s: usize): usize {
  if (!allSets(s)) return 0;
  const out = opa_set();
  const n = tableLen(s);
  for (let i: u32 = 0; i < n; i++) addAll(out, load<u32>(tableNodeAt(s, i), NODE_KEY));
  return out;
}

export function opa_sets_intersection(s: usize): usize {
  if (!allSets(s)) return 0;
  const n = tableLen(s);
  if (n == 0) return opa_set();
  let acc = <usize>load<u32>(tableNodeAt(s, 0), NODE_KEY);
  for (let i: u32 = 1; i < n; i++) acc = intersect(acc, load<u32>(tableNodeAt(s, i), NODE_KEY));
  if (n == 1) {
    const out = opa_set();
    addAll(out, acc);
    return out;
  }
  return acc;
}
