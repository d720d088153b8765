// Aggregate builtins over arrays and sets (and count over strings and objects).
import { opa_array_append } from '../array';
import { opa_value_compare } from '../compare';
import { numberToF64, numberTryInt, tryIntResult } from '../number';
import { sortAddresses } from '../sort';
import { tableEnsureSorted, tableLen, tableNodeAt } from '../table';
import { countCodePoints } from '../utf8';
import {
  ARR_ELEMS,
  NODE_KEY,
  OPA_ARRAY,
  OPA_OBJECT,
  OPA_SET,
  OPA_STRING,
  arrAt,
  arrLen,
  opa_array_with_cap,
  opa_number_int,
  strLen,
  strPtr,
  typeOf,
} from '../value';
import { isNumber, numberResult } from './arithmetic';

function isCollection(v: usize): bool {
  const t = typeOf(v);
  return t == OPA_ARRAY || t == OPA_SET;
}

/** Number of elements of an array or set. */
function elementCount(v: usize): u32 {
  return typeOf(v) == OPA_ARRAY ? arrLen(v) : tableLen(v);
}

/** i-th element of an array, or of a set in sorted order (call tableEnsureSorted first). */
function elementAt(v: usize, i: u32): usize {
  return typeOf(v) == OPA_ARRAY ? arrAt(v, i) : <usize>load<u32>(tableNodeAt(v, i), NODE_KEY);
}

export function opa_agg_count(v: usize): usize {
  switch (typeOf(v)) {
    case OPA_STRING:
      return opa_number_int(countCodePoints(strPtr(v), strLen(v)));
    case OPA_ARRAY:
      return opa_number_int(arrLen(v));
    case OPA_OBJECT:
    case OPA_SET:
      return opa_number_int(tableLen(v));
  }
  return 0;
}

function fold(v: usize, product: bool): usize {
  if (!isCollection(v)) return 0;
  const n = elementCount(v);
  let exact = true;
  let acc: i64 = product ? 1 : 0;
  let facc: f64 = product ? 1 : 0;
  for (let i: u32 = 0; i < n; i++) {
    const e = elementAt(v, i);
    if (!isNumber(e)) return 0;
    if (exact && numberTryInt(e)) {
      const x = tryIntResult;
      if (product) {
        const r = acc * x;
        if (x == -1 ? acc == i64.MIN_VALUE : x != 0 && r / x != acc) exact = false;
        else acc = r;
      } else {
        const r = acc + x;
        if (((acc ^ r) & (x ^ r)) < 0) exact = false;
        else acc = r;
      }
      if (!exact) {
        facc = product ? <f64>acc * <f64>x : <f64>acc + <f64>x;
      }
      continue;
    }
    if (exact) {
      exact = false;
      facc = <f64>acc;
    }
    facc = product ? facc * numberToF64(e) : facc + numberToF64(e);
  }
  return exact ? opa_number_int(acc) : numberResult(facc);
}

export function opa_agg_sum(v: usize): usize {
  return fold(v, false);
}

export function opa_agg_product(v: usize): usize {
  return fold(v, true);
}

function extreme(v: usize, sign: i32): usize {
  if (!isCollection(v)) return 0;
  const n = elementCount(v);
  if (n == 0) return 0;
  if (typeOf(v) == OPA_SET) {
    tableEnsureSorted(v);
    return elementAt(v, sign > 0 ? n - 1 : 0);
  }
  let best = arrAt(v, 0);
  for (let i: u32 = 1; i < n; i++) {
    const e = arrAt(v, i);
    if (opa_value_compare(e, best) * sign > 0) best = e;
  }
  return best;
}

export function opa_agg_max(v: usize): usize {
  return extreme(v, 1);
}

export function opa_agg_min(v: usize): usize {
  return extreme(v, -1);
}

export function opa_agg_sort(v: usize): usize {
  if (!isCollection(v)) return 0;
  const n = elementCount(v);
  if (typeOf(v) == OPA_SET) tableEnsureSorted(v);
  const out = opa_array_with_cap(n);
  for (let i: u32 = 0; i < n; i++) opa_array_append(out, elementAt(v, i));
  if (typeOf(v) == OPA_ARRAY) sortAddresses(load<u32>(out, ARR_ELEMS), n, false);
  return out;
}
