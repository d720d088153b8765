/** String builtins (OPA `v1/topdown/strings.go`). Offsets and lengths count code points, as Go counts runes. */
import { BuiltinFailure } from './errors.js';
import {
  intOperand,
  numberOperand,
  objectOperand,
  operandElementError,
  operandError,
  operandTypeError,
  stringOperand,
  stringsOperand,
} from './operands.js';
import { register } from './registry.js';

/** Go's `unicode.IsSpace`. */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;

function runes(s: string): string[] {
  return Array.from(s);
}

function trimLeftSet(s: string, cut: Set<string>): string {
  const chars = runes(s);
  let i = 0;
  while (i < chars.length && cut.has(chars[i])) i++;
  return chars.slice(i).join('');
}

function trimRightSet(s: string, cut: Set<string>): string {
  const chars = runes(s);
  let j = chars.length;
  while (j > 0 && cut.has(chars[j - 1])) j--;
  return chars.slice(0, j).join('');
}

function trimSpace(s: string): string {
  const chars = runes(s);
  let i = 0;
  let j = chars.length;
  while (i < j && GO_SPACE.test(chars[i])) i++;
  while (j > i && GO_SPACE.test(chars[j - 1])) j--;
  return chars.slice(i, j).join('');
}

/** Go's `strings.Split`: an empty separator splits into code points. */
export function goSplit(s: string, sep: string): string[] {
  return sep === '' ? runes(s) : s.split(sep);
}

/** Go's `strings.ReplaceAll`: an empty `old` inserts `replacement` around every code point. */
function goReplaceAll(s: string, old: string, replacement: string): string {
  if (old === '') return replacement + runes(s).join(replacement) + (s === '' ? '' : replacement);
  return s.split(old).join(replacement);
}

/** Go's `strings.Count`: non-overlapping; an empty `sub` counts code points plus one. */
function goCount(s: string, sub: string): number {
  if (sub === '') return runes(s).length + 1;
  return s.split(sub).length - 1;
}

/** `strings.NewReplacer(pairs...).Replace(s)`: at each position the earliest listed matching pair wins. */
function replaceWithPairs(s: string, pairs: [string, string][]): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const hit = pairs.find(([old]) => old !== '' && s.startsWith(old, i));
    if (hit) {
      out += hit[1];
      i += hit[0].length;
    } else {
      const cp = s.codePointAt(i) ?? 0;
      const ch = String.fromCodePoint(cp);
      out += ch;
      i += ch.length;
    }
  }
  return out;
}

function stringOrStrings(value: unknown, pos: number): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) throw operandTypeError(pos, value, 'string', 'set', 'array');
  return value.map((item: unknown) => {
    if (typeof item !== 'string') throw operandElementError(pos, item, 'string');
    return item;
  });
}

function indexOfRune(base: string[], search: string[], from: number): number {
  outer: for (let i = from; i + search.length <= base.length; i++) {
    for (let k = 0; k < search.length; k++) if (base[i + k] !== search[k]) continue outer;
    return i;
  }
  return -1;
}

register('strings', {
  concat(delimiter, collection) {
    const delim = stringOperand(delimiter, 1);
    if (!Array.isArray(collection)) throw operandTypeError(2, collection, 'set', 'array');
    return stringsOperand(collection, 2).join(delim);
  },
  contains: (s, sub) => stringOperand(s, 1).includes(stringOperand(sub, 2)),
  startswith: (s, prefix) => stringOperand(s, 1).startsWith(stringOperand(prefix, 2)),
  endswith: (s, suffix) => stringOperand(s, 1).endsWith(stringOperand(suffix, 2)),
  format_int(value, base) {
    const n = numberOperand(value, 1);
    const b = numberOperand(base, 2);
    if (b !== 2 && b !== 8 && b !== 10 && b !== 16) throw operandError(2, 'must be one of {2, 8, 10, 16}');
    const truncated = typeof value === 'bigint' ? value : BigInt(Math.trunc(n));
    return truncated.toString(b);
  },
  indexof(s, search) {
    const base = runes(stringOperand(s, 1));
    const needle = runes(stringOperand(search, 2));
    if (needle.length === 0) throw new BuiltinFailure('empty search character');
    return indexOfRune(base, needle, 0);
  },
  indexof_n(s, search) {
    const base = runes(stringOperand(s, 1));
    const needle = runes(stringOperand(search, 2));
    if (needle.length === 0) throw new BuiltinFailure('empty search character');
    const found: number[] = [];
    for (let i = indexOfRune(base, needle, 0); i >= 0; i = indexOfRune(base, needle, i + 1)) found.push(i);
    return found;
  },
  lower: (s) => stringOperand(s, 1).toLowerCase(),
  upper: (s) => stringOperand(s, 1).toUpperCase(),
  replace: (s, old, replacement) =>
    goReplaceAll(stringOperand(s, 1), stringOperand(old, 2), stringOperand(replacement, 3)),
  split: (s, delimiter) => goSplit(stringOperand(s, 1), stringOperand(delimiter, 2)),
  substring(s, start, length) {
    const chars = runes(stringOperand(s, 1));
    const from = intOperand(start, 2);
    const len = intOperand(length, 3);
    if (from < 0) throw new BuiltinFailure('negative offset');
    if (from >= chars.length) return '';
    return (len < 0 ? chars.slice(from) : chars.slice(from, from + len)).join('');
  },
  trim: (s, cutset) => {
    const cut = new Set(runes(stringOperand(cutset, 2)));
    return trimRightSet(trimLeftSet(stringOperand(s, 1), cut), cut);
  },
  trim_left: (s, cutset) => trimLeftSet(stringOperand(s, 1), new Set(runes(stringOperand(cutset, 2)))),
  trim_right: (s, cutset) => trimRightSet(stringOperand(s, 1), new Set(runes(stringOperand(cutset, 2)))),
  trim_prefix(s, prefix) {
    const str = stringOperand(s, 1);
    const pre = stringOperand(prefix, 2);
    return str.startsWith(pre) ? str.slice(pre.length) : str;
  },
  trim_suffix(s, suffix) {
    const str = stringOperand(s, 1);
    const suf = stringOperand(suffix, 2);
    return suf !== '' && str.endsWith(suf) ? str.slice(0, str.length - suf.length) : str;
  },
  trim_space: (s) => trimSpace(stringOperand(s, 1)),
  'strings.any_prefix_match'(search, base) {
    const strs = stringOrStrings(search, 1);
    const prefixes = stringOrStrings(base, 2);
    return strs.some((s) => prefixes.some((p) => s.startsWith(p)));
  },
  'strings.any_suffix_match'(search, base) {
    const strs = stringOrStrings(search, 1);
    const suffixes = stringOrStrings(base, 2);
    return strs.some((s) => suffixes.some((p) => s.endsWith(p)));
  },
  'strings.count': (s, sub) => goCount(stringOperand(s, 1), stringOperand(sub, 2)),
  'strings.replace_n'(patterns, s) {
    const obj = objectOperand(patterns, 1);
    const str = stringOperand(s, 2);
    const keys = Object.keys(obj).sort();
    const pairs: [string, string][] = keys.map((k) => {
      const v = obj[k];
      if (typeof v !== 'string') throw operandError(1, 'non-string value found in pattern object');
      return [k, v];
    });
    return replaceWithPairs(str, pairs);
  },
  'strings.reverse': (s) => runes(stringOperand(s, 1)).reverse().join(''),
});
