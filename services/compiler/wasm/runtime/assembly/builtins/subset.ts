// object.subset, which needs to tell sets from arrays (the host only ever sees arrays).
import { opa_value_compare } from '../compare';
import { tableFind, tableLen, tableNodeAt } from '../table';
import {
  NODE_KEY,
  NODE_VALUE,
  OPA_ARRAY,
  OPA_OBJECT,
  OPA_SET,
  arrAt,
  arrLen,
  opa_boolean,
  typeOf,
} from '../value';

function setSubset(sup: usize, sub: usize): bool {
  const n = tableLen(sub);
  for (let i: u32 = 0; i < n; i++) {
    if (tableFind(sup, load<u32>(tableNodeAt(sub, i), NODE_KEY)) == 0) return false;
  }
  return true;
}

/** sub appears as a contiguous run in sup. */
function arraySubset(sup: usize, sub: usize): bool {
  const n = arrLen(sup);
  const m = arrLen(sub);
  if (m > n) return false;
  for (let start: u32 = 0; start + m <= n; start++) {
    let k: u32 = 0;
    while (k < m && opa_value_compare(arrAt(sup, start + k), arrAt(sub, k)) == 0) k++;
    if (k == m) return true;
  }
  return false;
}

/** Every element of the set sub occurs in the array sup (OPA's walk stops once all are seen). */
function arraySetSubset(sup: usize, sub: usize): bool {
  let unmatched = tableLen(sub);
  const n = arrLen(sup);
  for (let i: u32 = 0; i < n; i++) {
    if (tableFind(sub, arrAt(sup, i)) != 0) unmatched--;
    if (unmatched == 0) return true;
  }
  return false;
}

function objectSubset(sup: usize, sub: usize): bool {
  const n = tableLen(sub);
  for (let i: u32 = 0; i < n; i++) {
    const node = tableNodeAt(sub, i);
    const found = tableFind(sup, load<u32>(node, NODE_KEY));
    if (found == 0) return false;
    const a = <usize>load<u32>(found, NODE_VALUE);
    const b = <usize>load<u32>(node, NODE_VALUE);
    if (opa_value_compare(a, b) == 0) continue;
    const ta = typeOf(a);
    if (ta != typeOf(b)) return false;
    if (ta == OPA_OBJECT && objectSubset(a, b)) continue;
    if (ta == OPA_SET && setSubset(a, b)) continue;
    if (ta == OPA_ARRAY && arraySubset(a, b)) continue;
    return false;
  }
  return true;
}

export function opa_builtin_object_subset(sup: usize, sub: usize): usize {
  const ta = typeOf(sup);
  const tb = typeOf(sub);
  if (ta == OPA_OBJECT && tb == OPA_OBJECT) return opa_boolean(objectSubset(sup, sub));
  if (ta == OPA_SET && tb == OPA_SET) return opa_boolean(setSubset(sup, sub));
  if (ta == OPA_ARRAY && tb == OPA_ARRAY) return opa_boolean(arraySubset(sup, sub));
  if (ta == OPA_ARRAY && tb == OPA_SET) return opa_boolean(arraySetSubset(sup, sub));
  return 0;
}
