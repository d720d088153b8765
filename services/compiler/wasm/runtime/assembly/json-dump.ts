// Values to text: compact JSON (opa_json_dump) or Rego value syntax (opa_value_dump), NUL-terminated.
import { abortWith } from './abort';
import { formatFloat, formatInt } from './number';
import { opa_free, opa_malloc, opa_realloc } from './malloc';
import { copySmall } from './memory';
import {
  sortedNodeAt,
  tableEnsureSorted,
  tableLen,
  tableNodeAt,
  tableSortedNodes,
  tableSortedRelease,
} from './table';
import {
  BOOL_V,
  NODE_KEY,
  NODE_VALUE,
  NUM_REF_LEN,
  NUM_REPR,
  NUM_VALUE,
  OPA_ARRAY,
  OPA_BOOLEAN,
  OPA_NULL,
  OPA_NUMBER,
  OPA_OBJECT,
  OPA_SET,
  OPA_STRING,
  REPR_FLOAT,
  REPR_INT,
  arrAt,
  arrLen,
  strLen,
  strPtr,
  typeOf,
} from './value';

let buf: usize = 0;
let len: usize = 0;
let cap: usize = 0;

function grow(n: usize): void {
  let c: usize = cap < 64 ? 64 : cap;
  while (c < len + n) c <<= 1;
  buf = opa_realloc(buf, c);
  cap = c;
}

function reserve(n: usize): void {
  if (len + n > cap) grow(n);
}

function putByte(c: u32): void {
  if (len >= cap) grow(1);
  store<u8>(buf + len, <u8>c);
  len++;
}

/** Four ASCII bytes, first in the lowest byte. */
function putWord(word: u32, n: usize): void {
  if (len + 4 > cap) grow(4);
  store<u32>(buf + len, word);
  len += n;
}

function putBytes(p: usize, n: usize): void {
  reserve(n);
  copySmall(buf + len, p, n);
  len += n;
}

function putAscii(s: string): void {
  const n = <usize>s.length;
  reserve(n);
  for (let i: usize = 0; i < n; i++) store<u8>(buf + len + i, <u8>s.charCodeAt(<i32>i));
  len += n;
}

const HEX = '0123456789abcdef';

function putEscaped(p: usize, n: usize): void {
  putByte(0x22);
  // Most strings need no escape: copy the longest plain prefix in one go.
  let plain: usize = 0;
  while (plain < n) {
    const c = load<u8>(p + plain);
    if (c == 0x22 || c == 0x5c || c < 0x20) break;
    plain++;
  }
  putBytes(p, plain);
  for (let i: usize = plain; i < n; i++) {
    const c = <u32>load<u8>(p + i);
    if (c == 0x22 || c == 0x5c) {
      putByte(0x5c);
      putByte(c);
    } else if (c < 0x20) {
      putByte(0x5c);
      if (c == 0x0a) putByte(0x6e);
      else if (c == 0x0d) putByte(0x72);
      else if (c == 0x09) putByte(0x74);
      else if (c == 0x08) putByte(0x62);
      else if (c == 0x0c) putByte(0x66);
      else {
        putAscii('u00');
        putByte(HEX.charCodeAt(<i32>(c >> 4)));
        putByte(HEX.charCodeAt(<i32>(c & 15)));
      }
    } else {
      putByte(c);
    }
  }
  putByte(0x22);
}

function putNumber(v: usize): void {
  const r = load<u8>(v, NUM_REPR);
  reserve(48);
  if (r == REPR_INT) len += formatInt(load<i64>(v, NUM_VALUE), buf + len);
  else if (r == REPR_FLOAT) len += formatFloat(load<f64>(v, NUM_VALUE), buf + len);
  else putBytes(load<u32>(v, NUM_VALUE), load<u32>(v, NUM_REF_LEN));
}

function putValue(v: usize, rego: bool): void {
  if (v == 0) abortWith('opa_json_dump: undefined value inside a value');
  switch (typeOf(v)) {
    case OPA_NULL:
      putWord(0x6c6c756e, 4); // null
      return;
    case OPA_BOOLEAN:
      if (load<u8>(v, BOOL_V) != 0)
        putWord(0x65757274, 4); // true
      else {
        putWord(0x736c6166, 4); // fals
        putByte(0x65);
      }
      return;
    case OPA_NUMBER:
      putNumber(v);
      return;
    case OPA_STRING:
      putEscaped(strPtr(v), strLen(v));
      return;
    case OPA_ARRAY: {
      putByte(0x5b);
      const n = arrLen(v);
      for (let i: u32 = 0; i < n; i++) {
        if (i > 0) putByte(0x2c);
        putValue(arrAt(v, i), rego);
      }
      putByte(0x5d);
      return;
    }
    case OPA_OBJECT: {
      // Keys in key order, whatever order the object iterates in: as OPA prints objects.
      const nodes = tableSortedNodes(v);
      putByte(0x7b);
      const n = tableLen(v);
      for (let i: u32 = 0; i < n; i++) {
        if (i > 0) putByte(0x2c);
        const node = sortedNodeAt(nodes, i);
        putKey(load<u32>(node, NODE_KEY), rego);
        putByte(0x3a);
        putValue(load<u32>(node, NODE_VALUE), rego);
      }
      putByte(0x7d);
      tableSortedRelease(v, nodes);
      return;
    }
    case OPA_SET: {
      // In iteration order: key order, or insertion order for a result set.
      tableEnsureSorted(v);
      const n = tableLen(v);
      if (rego && n == 0) {
        putAscii('set()');
        return;
      }
      putByte(rego ? 0x7b : 0x5b);
      for (let i: u32 = 0; i < n; i++) {
        if (i > 0) putByte(0x2c);
        putValue(load<u32>(tableNodeAt(v, i), NODE_KEY), rego);
      }
      putByte(rego ? 0x7d : 0x5d);
      return;
    }
  }
  abortWith('opa_json_dump: not a value');
}

/** JSON keys must be strings: other keys are written as the string of their own JSON text. */
function putKey(key: usize, rego: bool): void {
  if (rego || typeOf(key) == OPA_STRING) {
    putValue(key, rego);
    return;
  }
  const start = len;
  putValue(key, false);
  const n = len - start;
  const copy = opa_malloc(n);
  memory.copy(copy, buf + start, n);
  len = start;
  putEscaped(copy, n);
  opa_free(copy);
}

/** The JSON of the usual answers of an entrypoint, NUL-terminated: `[{"result":true}]`, `[{"result":false}]`. */
// prettier-ignore
const RESULT_TRUE_JSON = memory.data<u8>([
  0x5b, 0x7b, 0x22, 0x72, 0x65, 0x73, 0x75, 0x6c, 0x74, 0x22, 0x3a, 0x74, 0x72, 0x75, 0x65, 0x7d, 0x5d, 0,
]);
// prettier-ignore
const RESULT_FALSE_JSON = memory.data<u8>([
  0x5b, 0x7b, 0x22, 0x72, 0x65, 0x73, 0x75, 0x6c, 0x74, 0x22, 0x3a, 0x66, 0x61, 0x6c, 0x73, 0x65, 0x7d, 0x5d, 0,
]);

/**
 * The static text of a set holding one object `{"result": <boolean>}` (an
 * allow rule's result set), or 0: most evaluations answer that, and the
 * text is fixed. Static memory lies below the heap, which the host never
 * frees nor overwrites.
 */
function booleanResultJson(v: usize): usize {
  if (typeOf(v) != OPA_SET || tableLen(v) != 1) return 0;
  const entry = <usize>load<u32>(tableNodeAt(v, 0), NODE_KEY);
  if (typeOf(entry) != OPA_OBJECT || tableLen(entry) != 1) return 0;
  const node = tableNodeAt(entry, 0);
  const key = <usize>load<u32>(node, NODE_KEY);
  const value = <usize>load<u32>(node, NODE_VALUE);
  if (typeOf(value) != OPA_BOOLEAN || typeOf(key) != OPA_STRING || strLen(key) != 6) return 0;
  // "resu" and "lt", little-endian
  const p = strPtr(key);
  if (load<u32>(p) != 0x75736572 || load<u16>(p, 4) != 0x746c) return 0;
  return load<u8>(value, BOOL_V) != 0 ? RESULT_TRUE_JSON : RESULT_FALSE_JSON;
}

function dump(v: usize, rego: bool): usize {
  if (!rego) {
    const fixed = booleanResultJson(v);
    if (fixed != 0) return fixed;
  }
  buf = opa_malloc(64);
  len = 0;
  cap = 64;
  putValue(v, rego);
  putByte(0);
  const out = buf;
  buf = 0;
  return out;
}

export function opa_json_dump(v: usize): usize {
  return dump(v, false);
}

export function opa_value_dump(v: usize): usize {
  return dump(v, true);
}
