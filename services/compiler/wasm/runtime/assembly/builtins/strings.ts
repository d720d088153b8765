// String builtins. Positions and lengths count code points, as OPA (Go runes) does.
import { opa_array_append } from '../array';
import { opa_malloc } from '../malloc';
import { numberToF64, numberTryInt, tryIntResult } from '../number';
import { tableEnsureSorted, tableLen, tableNodeAt } from '../table';
import { countCodePoints, decodeUtf8, decodedWidth, encodeUtf8 } from '../utf8';
import {
  NODE_KEY,
  OPA_ARRAY,
  OPA_NUMBER,
  OPA_SET,
  arrAt,
  arrLen,
  opa_array,
  opa_boolean,
  opa_number_int,
  opa_string,
  strLen,
  strPtr,
  typeOf,
} from '../value';
import { copyString, findBytes, hasPrefix, hasSuffix, isSpace, isString, toLower, toUpper } from './text';

export function opa_strings_concat(delim: usize, coll: usize): usize {
  if (!isString(delim)) return 0;
  const t = typeOf(coll);
  if (t != OPA_ARRAY && t != OPA_SET) return 0;
  if (t == OPA_SET) tableEnsureSorted(coll);
  const n = t == OPA_ARRAY ? arrLen(coll) : tableLen(coll);
  const dn = strLen(delim);
  let total: usize = 0;
  for (let i: u32 = 0; i < n; i++) {
    const e = t == OPA_ARRAY ? arrAt(coll, i) : <usize>load<u32>(tableNodeAt(coll, i), NODE_KEY);
    if (!isString(e)) return 0;
    total += strLen(e) + (i > 0 ? dn : 0);
  }
  const out = opa_malloc(total);
  let q = out;
  for (let i: u32 = 0; i < n; i++) {
    const e = t == OPA_ARRAY ? arrAt(coll, i) : <usize>load<u32>(tableNodeAt(coll, i), NODE_KEY);
    if (i > 0) {
      memory.copy(q, strPtr(delim), dn);
      q += dn;
    }
    memory.copy(q, strPtr(e), strLen(e));
    q += strLen(e);
  }
  return opa_string(out, total);
}

export function opa_strings_contains(s: usize, sub: usize): usize {
  if (!isString(s) || !isString(sub)) return 0;
  return opa_boolean(findBytes(strPtr(s), strLen(s), strPtr(sub), strLen(sub), 0) >= 0);
}

export function opa_strings_startswith(s: usize, prefix: usize): usize {
  if (!isString(s) || !isString(prefix)) return 0;
  return opa_boolean(hasPrefix(strPtr(s), strLen(s), strPtr(prefix), strLen(prefix)));
}

export function opa_strings_endswith(s: usize, suffix: usize): usize {
  if (!isString(s) || !isString(suffix)) return 0;
  return opa_boolean(hasSuffix(strPtr(s), strLen(s), strPtr(suffix), strLen(suffix)));
}

function mapCase(s: usize, upper: bool): usize {
  if (!isString(s)) return 0;
  const p = strPtr(s);
  const n = strLen(s);
  const out = opa_malloc(n * 2 + 4);
  let q = out;
  let i: usize = 0;
  while (i < n) {
    const cp = decodeUtf8(p + i, n - i);
    const w = decodedWidth;
    if (cp == 0xfffd && w == 1 && load<u8>(p + i) >= 0x80) {
      // Invalid bytes pass through unchanged.
      store<u8>(q++, load<u8>(p + i));
    } else {
      q = encodeUtf8(q, upper ? toUpper(cp) : toLower(cp));
    }
    i += w;
  }
  return opa_string(out, q - out);
}

export function opa_strings_lower(s: usize): usize {
  return mapCase(s, false);
}

export function opa_strings_upper(s: usize): usize {
  return mapCase(s, true);
}

function inCutset(cp: u32, cut: usize): bool {
  const p = strPtr(cut);
  const n = strLen(cut);
  let i: usize = 0;
  while (i < n) {
    if (decodeUtf8(p + i, n - i) == cp) return true;
    i += decodedWidth;
  }
  return false;
}

/** Byte offset of the first code point of s (from `start`) not in cutset (or not a space when cut is 0). */
function skipLeft(p: usize, n: usize, cut: usize): usize {
  let i: usize = 0;
  while (i < n) {
    const cp = decodeUtf8(p + i, n - i);
    if (cut == 0 ? !isSpace(cp) : !inCutset(cp, cut)) break;
    i += decodedWidth;
  }
  return i;
}

/** Byte length of s once trailing code points in cutset (or spaces) are removed. */
function skipRight(p: usize, n: usize, cut: usize): usize {
  let end = n;
  while (end > 0) {
    let start = end - 1;
    while (start > 0 && (load<u8>(p + start) & 0xc0) == 0x80 && end - start < 4) start--;
    const cp = decodeUtf8(p + start, end - start);
    if (decodedWidth != end - start) break;
    if (cut == 0 ? !isSpace(cp) : !inCutset(cp, cut)) break;
    end = start;
  }
  return end;
}

function trimWith(s: usize, cut: usize, left: bool, right: bool): usize {
  if (!isString(s) || (cut != 0 && !isString(cut))) return 0;
  const p = strPtr(s);
  const n = strLen(s);
  const start = left ? skipLeft(p, n, cut) : 0;
  const end = right ? start + skipRight(p + start, n - start, cut) : n;
  return opa_string(p + start, end - start);
}

export function opa_strings_trim(s: usize, cut: usize): usize {
  return trimWith(s, cut, true, true);
}

export function opa_strings_trim_left(s: usize, cut: usize): usize {
  return trimWith(s, cut, true, false);
}

export function opa_strings_trim_right(s: usize, cut: usize): usize {
  return trimWith(s, cut, false, true);
}

export function opa_strings_trim_space(s: usize): usize {
  return trimWith(s, 0, true, true);
}

export function opa_strings_trim_prefix(s: usize, prefix: usize): usize {
  if (!isString(s) || !isString(prefix)) return 0;
  const m = strLen(prefix);
  if (!hasPrefix(strPtr(s), strLen(s), strPtr(prefix), m)) return s;
  return opa_string(strPtr(s) + m, strLen(s) - m);
}

export function opa_strings_trim_suffix(s: usize, suffix: usize): usize {
  if (!isString(s) || !isString(suffix)) return 0;
  const m = strLen(suffix);
  if (!hasSuffix(strPtr(s), strLen(s), strPtr(suffix), m)) return s;
  return opa_string(strPtr(s), strLen(s) - m);
}

export function opa_strings_split(s: usize, delim: usize): usize {
  if (!isString(s) || !isString(delim)) return 0;
  const p = strPtr(s);
  const n = strLen(s);
  const d = strPtr(delim);
  const dn = strLen(delim);
  const out = opa_array();
  if (dn == 0) {
    let i: usize = 0;
    while (i < n) {
      decodeUtf8(p + i, n - i);
      opa_array_append(out, opa_string(p + i, decodedWidth));
      i += decodedWidth;
    }
    return out;
  }
  let start: usize = 0;
  while (true) {
    const at = findBytes(p, n, d, dn, start);
    if (at < 0) break;
    opa_array_append(out, opa_string(p + start, <usize>at - start));
    start = <usize>at + dn;
  }
  opa_array_append(out, opa_string(p + start, n - start));
  return out;
}

export function opa_strings_replace(s: usize, old: usize, neu: usize): usize {
  if (!isString(s) || !isString(old) || !isString(neu)) return 0;
  const p = strPtr(s);
  const n = strLen(s);
  const o = strPtr(old);
  const on = strLen(old);
  const r = strPtr(neu);
  const rn = strLen(neu);
  // Count first, so that the output is allocated once.
  let count: usize = 0;
  if (on == 0) {
    count = <usize>countCodePoints(p, n) + 1;
  } else {
    for (let at = findBytes(p, n, o, on, 0); at >= 0; at = findBytes(p, n, o, on, <usize>at + on)) count++;
  }
  if (count == 0) return s;
  const total = n + count * rn - (on == 0 ? 0 : count * on);
  const out = opa_malloc(total);
  let q = out;
  if (on == 0) {
    let i: usize = 0;
    memory.copy(q, r, rn);
    q += rn;
    while (i < n) {
      decodeUtf8(p + i, n - i);
      memory.copy(q, p + i, decodedWidth);
      q += decodedWidth;
      i += decodedWidth;
      memory.copy(q, r, rn);
      q += rn;
    }
  } else {
    let start: usize = 0;
    for (let at = findBytes(p, n, o, on, 0); at >= 0; at = findBytes(p, n, o, on, start)) {
      memory.copy(q, p + start, <usize>at - start);
      q += <usize>at - start;
      memory.copy(q, r, rn);
      q += rn;
      start = <usize>at + on;
    }
    memory.copy(q, p + start, n - start);
  }
  return opa_string(out, total);
}

export function opa_strings_indexof(s: usize, search: usize): usize {
  if (!isString(s) || !isString(search) || strLen(search) == 0) return 0;
  const at = findBytes(strPtr(s), strLen(s), strPtr(search), strLen(search), 0);
  if (at < 0) return opa_number_int(-1);
  return opa_number_int(countCodePoints(strPtr(s), <usize>at));
}

/** Byte offset of the code point numbered `index` (or the byte length when past the end). */
function byteOffsetOf(p: usize, n: usize, index: i64): usize {
  let i: usize = 0;
  for (let k: i64 = 0; k < index && i < n; k++) {
    decodeUtf8(p + i, n - i);
    i += decodedWidth;
  }
  return i;
}

export function opa_strings_substring(s: usize, offset: usize, length: usize): usize {
  if (!isString(s) || typeOf(offset) != OPA_NUMBER || typeOf(length) != OPA_NUMBER) return 0;
  if (!numberTryInt(offset)) return 0;
  const start = tryIntResult;
  if (!numberTryInt(length)) return 0;
  const len = tryIntResult;
  if (start < 0) return 0;
  const p = strPtr(s);
  const n = strLen(s);
  const from = byteOffsetOf(p, n, start);
  if (from >= n) return opa_string(p, 0);
  const to = len < 0 ? n : from + byteOffsetOf(p + from, n - from, len);
  return opa_string(p + from, to - from);
}

const DIGITS = '0123456789abcdef';

export function opa_strings_format_int(num: usize, base: usize): usize {
  if (typeOf(num) != OPA_NUMBER || typeOf(base) != OPA_NUMBER) return 0;
  if (!numberTryInt(base)) return 0;
  const b = tryIntResult;
  if (b != 2 && b != 8 && b != 10 && b != 16) return 0;
  let v: i64;
  if (numberTryInt(num)) {
    v = tryIntResult;
  } else {
    // Truncated toward zero, as Go's big.Float.Int.
    const f = numberToF64Trunc(num);
    if (!isFinite(f) || Math.abs(f) >= 9.2e18) return 0;
    v = <i64>f;
  }
  const out = opa_malloc(72);
  let q = out + 72;
  const neg = v < 0;
  let u: u64 = neg ? <u64>-(v + 1) + 1 : <u64>v;
  do {
    store<u8>(--q, <u8>DIGITS.charCodeAt(<i32>(u % <u64>b)));
    u /= <u64>b;
  } while (u > 0);
  if (neg) store<u8>(--q, 0x2d);
  return copyString(q, out + 72 - q);
}

function numberToF64Trunc(v: usize): f64 {
  return Math.trunc(numberToF64(v));
}

export function opa_strings_reverse(s: usize): usize {
  if (!isString(s)) return 0;
  const p = strPtr(s);
  const n = strLen(s);
  const out = opa_malloc(n);
  let i: usize = 0;
  while (i < n) {
    decodeUtf8(p + i, n - i);
    const w = decodedWidth;
    memory.copy(out + n - i - w, p + i, w);
    i += w;
  }
  return opa_string(out, n);
}
