/**
 * `units.parse` and `units.parse_bytes` (OPA `parse_units.go`,
 * `parse_bytes.go`). Amounts are computed as exact rationals so large
 * binary units (`10Ei`) stay exact.
 */
import { BuiltinFailure } from './errors.js';
import { stringOperand } from './operands.js';
import { register } from './registry.js';
import { normalizeInt } from './numbers.js';
import { NumberText } from './values.js';

interface Rational {
  num: bigint;
  den: bigint;
}

/** The exact value of a double as a rational, as Go's `big.Rat.SetFloat64` gives it. */
function rationalOfDouble(x: number): Rational {
  let k = 0;
  while (!Number.isInteger(x * 2 ** k)) k++;
  return { num: BigInt(x * 2 ** k), den: 1n << BigInt(k) };
}

/** `units.parse` factors by unit, after OPA's casing (first letter kept, the rest lowered). */
const UNITS: Record<string, Rational> = {
  '': { num: 1n, den: 1n },
  // OPA sets milli from the float64 0.001, whose exact value is a little over 1/1000.
  m: rationalOfDouble(0.001),
  ...Object.fromEntries(
    (['k', 'M', 'g', 't', 'p', 'e'] as const).flatMap((u, i) => {
      const si = { num: 10n ** BigInt(3 * (i + 1)), den: 1n };
      const binary = { num: 1n << BigInt(10 * (i + 1)), den: 1n };
      const lower = u.toLowerCase();
      // `m` alone is milli; `M` is mega. Every other SI letter works in either case.
      const siKeys = u === 'M' ? ['M'] : [lower, lower.toUpperCase()];
      return [...siKeys.map((k) => [k, si]), [`${lower}i`, binary], [`${lower.toUpperCase()}i`, binary]];
    }),
  ),
};

/** `units.parse_bytes` factors by (lower-cased) unit. */
const BYTE_UNITS: Record<string, bigint> = {
  '': 1n,
  ...Object.fromEntries(
    ['k', 'm', 'g', 't', 'p', 'e'].flatMap((u, i) => {
      const si = 10n ** BigInt(3 * (i + 1));
      const binary = 1n << BigInt(10 * (i + 1));
      return [
        [u, si],
        [`${u}b`, si],
        [`${u}i`, binary],
        [`${u}ib`, binary],
      ];
    }),
  ),
};

/** Longest exponent OPA accepts in `1e5K` (more digits is `exponent too large`). */
const MAX_EXPONENT_DIGITS = 6;

// OPA walks the string byte by byte, so only ASCII digits are digits (a multi-byte digit is not).
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/**
 * OPA's `extractNumAndUnit`: the number is the leading run of digits, dots,
 * signs and exponents (an `e` counts only when a digit or sign follows);
 * the rest is the unit. Either may be empty.
 */
function extractNumAndUnit(s: string): { num: string; unit: string } | 'exponent too large' {
  const chars = [...s];
  let end = -1;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (!isDigit(c) && c !== '.' && c !== 'e' && c !== 'E' && c !== '+' && c !== '-') {
      end = i;
      break;
    }
    if (c === 'e' || c === 'E') {
      const next = chars[i + 1];
      if (next === undefined || (!isDigit(next) && next !== '+' && next !== '-')) {
        end = i;
        break;
      }
      if (next === '+' || next === '-') i++;
      let digits = 0;
      while (isDigit(chars[i + 1 + digits])) digits++;
      if (digits > MAX_EXPONENT_DIGITS) return 'exponent too large';
    }
  }
  if (end === -1) return { num: s, unit: '' };
  return { num: chars.slice(0, end).join(''), unit: chars.slice(end).join('') };
}

/** A decimal number (`-1.5e3`, `.5`) as an exact rational, as Go's big.Rat reads it; undefined if malformed. */
function parseRational(text: string): Rational | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const [, sign, intPart, fracPart = '', exp = '0'] = m;
  let num = BigInt(`${intPart}${fracPart}` || '0');
  let den = 10n ** BigInt(fracPart.length);
  const exponent = Number(exp);
  if (exponent >= 0) num *= 10n ** BigInt(exponent);
  else den *= 10n ** BigInt(-exponent);
  return { num: sign === '-' ? -num : num, den };
}

/** OPA prints a non-integer `units.parse` result with ten decimals (big.Rat's FloatString(10), halves away from zero). */
function toNumber(r: Rational): number | bigint | NumberText {
  if (r.num % r.den === 0n) return normalizeInt(r.num / r.den);
  const scale = 10n ** 10n;
  const negative = r.num < 0n !== r.den < 0n;
  const n = r.num < 0n ? -r.num : r.num;
  const d = r.den < 0n ? -r.den : r.den;
  const scaled = (n * scale * 2n + d) / (2n * d);
  const text = `${negative ? '-' : ''}${scaled / scale}.${(scaled % scale).toString().padStart(10, '0')}`;
  // Past 2^53 a double has no fraction left: keep OPA's text (1e20m is 100000000000000000.0020816682).
  return scaled / scale >= 1n << 53n ? new NumberText(text) : Number(text);
}

function parseUnits(value: unknown): number | bigint | NumberText {
  // Quotes are dropped (OPA keeps parity with units.parse_bytes); spaces are refused.
  const s = stringOperand(value, 1).replace(/"/g, '');
  if (s.includes(' ')) throw new BuiltinFailure('spaces not allowed in resource strings');
  const split = extractNumAndUnit(s);
  if (split === 'exponent too large') throw new BuiltinFailure(split);
  if (split.num === '') throw new BuiltinFailure('no amount provided');
  const unit = split.unit.length > 1 ? split.unit[0] + split.unit.slice(1).toLowerCase() : split.unit;
  const factor = Object.hasOwn(UNITS, unit) ? UNITS[unit] : undefined;
  if (!factor) throw new BuiltinFailure(`unit ${unit} not recognized`);
  const amount = parseRational(split.num);
  if (!amount) throw new BuiltinFailure('could not parse amount to a number');
  return toNumber({ num: amount.num * factor.num, den: amount.den * factor.den });
}

function parseBytes(value: unknown): number | bigint {
  const s = stringOperand(value, 1).toLowerCase().replace(/"/g, '');
  if (s.includes(' ')) throw new BuiltinFailure('spaces not allowed in resource strings');
  const split = extractNumAndUnit(s);
  if (split === 'exponent too large') throw new BuiltinFailure(split);
  if (split.num === '') throw new BuiltinFailure('no byte amount provided');
  const factor = Object.hasOwn(BYTE_UNITS, split.unit) ? BYTE_UNITS[split.unit] : undefined;
  if (factor === undefined) throw new BuiltinFailure(`byte unit ${split.unit} not recognized`);
  const amount = parseRational(split.num);
  if (!amount) throw new BuiltinFailure('could not parse byte amount to a number');
  // OPA reads the amount into a big.Float of 64-bit precision, multiplies at that precision and
  // truncates toward zero (big.Float's Int).
  const read = roundToBits(amount, 64);
  const product = roundToBits({ num: read.num * factor, den: read.den }, 64);
  return normalizeInt(product.num / product.den);
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** `num/den` rounded to `bits` significant bits, half to even (big.Float's default rounding). */
function roundToBits({ num, den }: Rational, bits: number): Rational {
  if (num === 0n) return { num: 0n, den: 1n };
  const negative = num < 0n !== den < 0n;
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  // Scale by 2^shift so the quotient has exactly `bits` bits before the point.
  let shift = bits - (bitLength(n) - bitLength(d));
  const scaled = (s: number) => (s >= 0 ? [n << BigInt(s), d] : [n, d << BigInt(-s)]);
  let [sn, sd] = scaled(shift);
  if (sn / sd >= 1n << BigInt(bits)) [sn, sd] = scaled(--shift);
  else if (sn / sd < 1n << BigInt(bits - 1)) [sn, sd] = scaled(++shift);
  let q = sn / sd;
  const rest = sn - q * sd;
  if (2n * rest > sd || (2n * rest === sd && q % 2n === 1n)) q++;
  const value = shift >= 0 ? { num: q, den: 1n << BigInt(shift) } : { num: q << BigInt(-shift), den: 1n };
  return negative ? { num: -value.num, den: value.den } : value;
}

register('units', {
  'units.parse': parseUnits,
  'units.parse_bytes': parseBytes,
});
