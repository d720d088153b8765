/**
 * Go's number and value formatting, which OPA's output depends on:
 * `strconv.FormatFloat` ('e', 'f', 'g'), `strconv.Quote`, and Rego's term
 * syntax (`ast.Value.String()`).
 */
import { NumberText, compareStrings, isObject, isSet } from './values.js';
import type { Value } from './values.js';

interface Digits {
  /** Significant decimal digits, no leading or trailing zeros (or "0"). */
  digits: string;
  /** Position of the decimal point relative to the digits (Go's `decimal.dp`). */
  point: number;
  negative: boolean;
}

/** Shortest round-tripping digits (`prec` < 0) or `prec` significant digits. */
function decimalDigits(v: number, prec: number): Digits {
  const negative = v < 0 || Object.is(v, -0);
  const abs = Math.abs(v);
  if (abs === 0) return { digits: '0', point: 1, negative };
  const exp = prec < 0 ? abs.toExponential() : abs.toExponential(Math.max(0, prec - 1));
  const [mant, e] = exp.split('e');
  let digits = mant.replace('.', '').replace(/0+$/, '');
  if (digits === '') digits = '0';
  return { digits, point: Number(e) + 1, negative };
}

function expSuffix(exp: number, upper: boolean): string {
  const sign = exp < 0 ? '-' : '+';
  const abs = Math.abs(exp);
  return `${upper ? 'E' : 'e'}${sign}${abs < 10 ? '0' : ''}${abs}`;
}

function formatE(d: Digits, fracDigits: number, upper: boolean): string {
  const first = d.digits[0];
  let frac = d.digits.slice(1);
  if (fracDigits >= 0) frac = frac.padEnd(fracDigits, '0').slice(0, fracDigits);
  const exp = d.digits === '0' ? 0 : d.point - 1;
  return `${d.negative ? '-' : ''}${first}${frac ? `.${frac}` : ''}${expSuffix(exp, upper)}`;
}

function formatF(d: Digits, fracDigits: number): string {
  let intPart: string;
  let frac: string;
  if (d.point <= 0) {
    intPart = '0';
    frac = '0'.repeat(-d.point) + d.digits;
  } else if (d.point >= d.digits.length) {
    intPart = d.digits + '0'.repeat(d.point - d.digits.length);
    frac = '';
  } else {
    intPart = d.digits.slice(0, d.point);
    frac = d.digits.slice(d.point);
  }
  if (d.digits === '0') frac = '';
  if (fracDigits >= 0) frac = frac.padEnd(fracDigits, '0').slice(0, fracDigits);
  return `${d.negative ? '-' : ''}${intPart}${frac ? `.${frac}` : ''}`;
}

/** Go's `strconv.FormatFloat(v, fmt, prec, 64)` for fmt in e, E, f, g, G. */
export function formatFloat(v: number, fmt: 'e' | 'E' | 'f' | 'g' | 'G', prec: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  switch (fmt) {
    case 'e':
    case 'E': {
      const d = decimalDigits(v, prec < 0 ? -1 : prec + 1);
      return formatE(d, prec, fmt === 'E');
    }
    case 'f': {
      if (prec < 0) return formatF(decimalDigits(v, -1), -1);
      const fixed =
        Math.abs(v) < 1e21 ? Math.abs(v).toFixed(prec) : formatF(decimalDigits(Math.abs(v), -1), prec);
      return (v < 0 || Object.is(v, -0)) && /[1-9]/.test(fixed) ? `-${fixed}` : fixed;
    }
    default: {
      const shortest = prec < 0;
      const d = decimalDigits(v, shortest ? -1 : prec === 0 ? 1 : prec);
      let eprec = shortest ? 6 : prec === 0 ? 1 : prec;
      if (!shortest && eprec > d.digits.length && d.digits.length >= d.point) eprec = d.digits.length;
      const exp = d.point - 1;
      if (exp < -4 || exp >= eprec) return formatE(d, -1, fmt === 'G');
      return formatF(d, -1);
    }
  }
}

/** Go's `strconv.Quote`. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp === 0xfffd || (cp >= 0x80 && cp < 0xa0)) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Rego's printed form of a value (`ast.Value.String()`); sets are indistinguishable from arrays here. */
export function regoString(value: Value): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'bigint') return numberText(value);
  if (value instanceof NumberText) return value.text;
  if (typeof value === 'boolean') return String(value);
  if (isSet(value)) return value.length === 0 ? 'set()' : `{${value.map(regoString).join(', ')}}`;
  if (Array.isArray(value)) return `[${value.map(regoString).join(', ')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort(compareStrings);
    return `{${keys.map((k) => `${goQuote(k)}: ${regoString(value[k])}`).join(', ')}}`;
  }
  return String(value);
}

/** A number as OPA would print it (integers in full, floats in Go's shortest form). */
export function numberText(n: number | bigint): string {
  if (typeof n === 'bigint') return n.toString();
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  return formatFloat(n, 'g', -1);
}
