// JSON (and Rego value) text to values. Any syntax error makes the whole parse return 0.
import { opa_array_append } from './array';
import { opa_heap_ptr_get, opa_malloc } from './malloc';
import { objectNew, opa_set, tableInsert } from './table';
import {
  opa_array_with_cap,
  opa_boolean,
  opa_null,
  opa_number_int,
  opa_number_ref,
  opa_string,
  OPA_STRING,
  STRING_VALUE_SIZE,
  STR_HASH,
  stringAt,
  typeOf,
} from './value';
import { encodeUtf8 } from './utf8';
import { FNV_OFFSET, FNV_PRIME, ZERO_HASH } from './compare';
import { copySmall } from './memory';

let pos: usize = 0;
let end: usize = 0;
let failed = false;
/** Accept Rego set literals and non-string object keys. */
let regoTerms = false;
/** Strings may point into the source text: it outlives the values (opa_eval's input). */
let borrow = false;

function fail(): usize {
  failed = true;
  return 0;
}

function skipSpace(): void {
  while (pos < end) {
    const c = load<u8>(pos);
    if (c != 0x20 && c != 0x0a && c != 0x0d && c != 0x09) return;
    pos++;
  }
}

function expectWord(word: string): bool {
  const n = <usize>word.length;
  if (pos + n > end) return false;
  for (let i: usize = 0; i < n; i++) {
    if (load<u8>(pos + i) != <u8>word.charCodeAt(<i32>i)) return false;
  }
  pos += n;
  return true;
}

function isDigit(c: u32): bool {
  return c >= 0x30 && c <= 0x39;
}

function parseNumber(): usize {
  const start = pos;
  if (pos < end && load<u8>(pos) == 0x2d) pos++;
  if (pos >= end || !isDigit(load<u8>(pos))) return fail();
  if (load<u8>(pos) == 0x30) pos++;
  else while (pos < end && isDigit(load<u8>(pos))) pos++;
  let integral = true;
  if (pos < end && load<u8>(pos) == 0x2e) {
    integral = false;
    pos++;
    if (pos >= end || !isDigit(load<u8>(pos))) return fail();
    while (pos < end && isDigit(load<u8>(pos))) pos++;
  }
  if (pos < end && (load<u8>(pos) | 0x20) == 0x65) {
    integral = false;
    pos++;
    if (pos < end && (load<u8>(pos) == 0x2b || load<u8>(pos) == 0x2d)) pos++;
    if (pos >= end || !isDigit(load<u8>(pos))) return fail();
    while (pos < end && isDigit(load<u8>(pos))) pos++;
  }
  const len = pos - start;
  const neg = load<u8>(start) == 0x2d;
  const digits = neg ? len - 1 : len;
  if (integral && digits <= 18) {
    let m: i64 = 0;
    for (let p = neg ? start + 1 : start; p < pos; p++) m = m * 10 + <i64>(load<u8>(p) - 0x30);
    return opa_number_int(neg ? -m : m);
  }
  // Kept as text so that it round-trips exactly; the source buffer may be freed, so copy it.
  const text = opa_malloc(len);
  memory.copy(text, start, len);
  return opa_number_ref(text, len);
}

function hexDigit(c: u32): i32 {
  if (c >= 0x30 && c <= 0x39) return <i32>c - 0x30;
  c |= 0x20;
  if (c >= 0x61 && c <= 0x66) return <i32>c - 0x61 + 10;
  return -1;
}

function readHex4(p: usize): i32 {
  if (p + 4 > end) return -1;
  let v: i32 = 0;
  for (let i: usize = 0; i < 4; i++) {
    const d = hexDigit(load<u8>(p + i));
    if (d < 0) return -1;
    v = (v << 4) | d;
  }
  return v;
}

function parseString(): usize {
  pos++; // opening quote
  const start = pos;
  let escapes = false;
  // The string's hash (hashBytes) on the way: keys are hashed into their object right after.
  let h: u32 = FNV_OFFSET;
  while (true) {
    if (pos >= end) return fail();
    const c = load<u8>(pos);
    if (c == 0x22) break;
    if (c < 0x20) return fail();
    if (c == 0x5c) {
      escapes = true;
      pos++;
    }
    h = (h ^ c) * FNV_PRIME;
    pos++;
  }
  const rawLen = pos - start;
  pos++; // closing quote
  if (!escapes) {
    let v: usize;
    if (borrow) {
      v = stringAt(opa_malloc(STRING_VALUE_SIZE), start, rawLen);
    } else {
      // The value and its bytes in one block (the source text may be freed after parsing).
      v = opa_malloc(STRING_VALUE_SIZE + rawLen);
      copySmall(v + STRING_VALUE_SIZE, start, rawLen);
      stringAt(v, v + STRING_VALUE_SIZE, rawLen);
    }
    store<u32>(v, h == 0 ? ZERO_HASH : h, STR_HASH);
    return v;
  }
  const out = opa_malloc(rawLen);
  let p = start;
  let q = out;
  const stop = start + rawLen;
  while (p < stop) {
    const c = load<u8>(p);
    if (c != 0x5c) {
      store<u8>(q++, c);
      p++;
      continue;
    }
    const e = load<u8>(p + 1);
    p += 2;
    let ch: i32 = -1;
    switch (e) {
      case 0x22:
        ch = 0x22;
        break;
      case 0x5c:
        ch = 0x5c;
        break;
      case 0x2f:
        ch = 0x2f;
        break;
      case 0x62:
        ch = 0x08;
        break;
      case 0x66:
        ch = 0x0c;
        break;
      case 0x6e:
        ch = 0x0a;
        break;
      case 0x72:
        ch = 0x0d;
        break;
      case 0x74:
        ch = 0x09;
        break;
      case 0x75: {
        let cp = readHex4(p);
        if (cp < 0) return fail();
        p += 4;
        if (cp >= 0xd800 && cp <= 0xdbff) {
          // A high surrogate pairs with a following \uDC00-\uDFFF; alone it becomes U+FFFD, as in Go.
          const lo = p + 6 <= stop && load<u8>(p) == 0x5c && load<u8>(p + 1) == 0x75 ? readHex4(p + 2) : -1;
          if (lo >= 0xdc00 && lo <= 0xdfff) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            p += 6;
          } else {
            cp = 0xfffd;
          }
        } else if (cp >= 0xdc00 && cp <= 0xdfff) {
          cp = 0xfffd;
        }
        q = encodeUtf8(q, <u32>cp);
        continue;
      }
      default:
        return fail();
    }
    store<u8>(q++, <u8>ch);
  }
  return opa_string(out, q - out);
}

function parseArray(): usize {
  pos++;
  const arr = opa_array_with_cap(0);
  skipSpace();
  if (pos < end && load<u8>(pos) == 0x5d) {
    pos++;
    return arr;
  }
  while (true) {
    const v = parseValue();
    if (failed) return 0;
    opa_array_append(arr, v);
    skipSpace();
    if (pos >= end) return fail();
    const c = load<u8>(pos++);
    if (c == 0x5d) return arr;
    if (c != 0x2c) return fail();
  }
}

function parseSetRest(set: usize): usize {
  // The first element is in already; pos is after it.
  while (true) {
    skipSpace();
    if (pos >= end) return fail();
    const c = load<u8>(pos++);
    if (c == 0x7d) return set;
    if (c != 0x2c) return fail();
    const v = parseValue();
    if (failed) return 0;
    tableInsert(set, v, 0);
  }
}

function parseObject(): usize {
  pos++;
  const obj = objectNew(0);
  skipSpace();
  if (pos < end && load<u8>(pos) == 0x7d) {
    pos++;
    return obj;
  }
  let first = true;
  while (true) {
    skipSpace();
    const key = parseValue();
    if (failed) return 0;
    if (!regoTerms && typeOf(key) != OPA_STRING) return fail();
    skipSpace();
    if (first && regoTerms && pos < end && load<u8>(pos) != 0x3a) {
      const set = opa_set();
      tableInsert(set, key, 0);
      return parseSetRest(set);
    }
    first = false;
    if (pos >= end || load<u8>(pos) != 0x3a) return fail();
    pos++;
    const v = parseValue();
    if (failed) return 0;
    tableInsert(obj, key, v);
    skipSpace();
    if (pos >= end) return fail();
    const c = load<u8>(pos++);
    if (c == 0x7d) return obj;
    if (c != 0x2c) return fail();
  }
}

function parseValue(): usize {
  skipSpace();
  if (pos >= end) return fail();
  const c = load<u8>(pos);
  switch (c) {
    case 0x7b:
      return parseObject();
    case 0x5b:
      return parseArray();
    case 0x22:
      return parseString();
    case 0x74:
      return expectWord('true') ? opa_boolean(true) : fail();
    case 0x66:
      return expectWord('false') ? opa_boolean(false) : fail();
    case 0x6e:
      return expectWord('null') ? opa_null() : fail();
    case 0x73:
      return regoTerms && expectWord('set()') ? opa_set() : fail();
  }
  if (c == 0x2d || isDigit(c)) return parseNumber();
  return fail();
}

function parseDocument(p: usize, len: usize, rego: bool, borrowText: bool = false): usize {
  pos = p;
  end = p + len;
  failed = false;
  regoTerms = rego;
  borrow = borrowText;
  const v = parseValue();
  if (failed) return 0;
  skipSpace();
  return pos == end ? v : 0;
}

export function opa_json_parse(p: usize, len: usize): usize {
  return parseDocument(p, len, false);
}

export function opa_value_parse(p: usize, len: usize): usize {
  return parseDocument(p, len, true);
}

/**
 * opa_eval's input: Rego value text that stays in place below the heap for
 * the whole evaluation, so its strings need not be copied out of it.
 */
export function parseEvalInput(p: usize, len: usize): usize {
  return parseDocument(p, len, true, p + len <= opa_heap_ptr_get());
}
