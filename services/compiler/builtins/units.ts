/**
 * `units.parse` and `units.parse_bytes` (OPA `parse_units.go`,
 * `parse_bytes.go`). Amounts are computed as exact rationals so large
 * binary units (`10Ei`) stay exact.
 */
import { BuiltinFailure } from './errors.js';
import { stringOperand } from './operands.js';
import { register } from './registry.js';
import { normalizeInt } from './numbers.js';

interface Rational {
  num: bigint;
  den: bigint;
}

const DECIMAL_UNITS: Record<string, bigint> = {
  k: 10n ** 3n,
  m: 10n ** 6n,
  g: 10n ** 9n,
  t: 10n ** 12n,
  p: 10n ** 15n,
  e: 10n ** 18n,
};
const BINARY_UNITS: Record<string, bigint> = {
  ki: 1n << 10n,
  mi: 1n << 20n,
  gi: 1n << 30n,
  ti: 1n << 40n,
  pi: 1n << 50n,
  ei: 1n << 60n,
};

function splitAmount(raw: string, name: string): { amount: Rational; unit: string } {
  const s = raw.replace(/"/g, '').replace(/\s+/g, '');
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(.*)$/.exec(s);
  if (!m) {
    if (s === '' || /^[a-zA-Z]/.test(s)) throw new BuiltinFailure('no amount provided');
    throw new BuiltinFailure(`could not parse amount to a number`);
  }
  let numText = m[1];
  let unit = m[2];
  // "5E" is five exa, not a dangling exponent: the regex only takes an exponent with digits.
  const exp = /[eE]([+-]?\d+)$/.exec(numText);
  let exponent = 0;
  if (exp) {
    exponent = Number(exp[1]);
    numText = numText.slice(0, numText.length - exp[0].length);
  }
  const negative = numText.startsWith('-');
  const digits = numText.replace(/^[+-]/, '');
  const [intPart, fracPart = ''] = digits.split('.');
  let num = BigInt(`${intPart || '0'}${fracPart}` || '0');
  let den = 10n ** BigInt(fracPart.length);
  if (exponent >= 0) num *= 10n ** BigInt(exponent);
  else den *= 10n ** BigInt(-exponent);
  if (negative) num = -num;
  if (name === 'units.parse_bytes') unit = unit.replace(/[bB]$/, '');
  return { amount: { num, den }, unit };
}

function toNumber(r: Rational): number | bigint {
  if (r.num % r.den === 0n) return normalizeInt(r.num / r.den);
  return Number(r.num) / Number(r.den);
}

function parseUnits(value: unknown): number | bigint {
  const { amount, unit } = splitAmount(stringOperand(value, 1), 'units.parse');
  if (unit === '') return toNumber(amount);
  if (unit === 'm') return toNumber({ num: amount.num, den: amount.den * 1000n });
  const lower = unit.toLowerCase();
  const factor = BINARY_UNITS[lower] ?? DECIMAL_UNITS[lower];
  if (factor === undefined) throw new BuiltinFailure(`unit not recognized`);
  return toNumber({ num: amount.num * factor, den: amount.den });
}

function parseBytes(value: unknown): number | bigint {
  const { amount, unit } = splitAmount(stringOperand(value, 1), 'units.parse_bytes');
  const lower = unit.toLowerCase();
  const factor = lower === '' ? 1n : (BINARY_UNITS[lower] ?? DECIMAL_UNITS[lower]);
  if (factor === undefined) throw new BuiltinFailure('unit not recognized');
  const total = amount.num * factor;
  if (total < 0n) throw new BuiltinFailure('negative byte amounts are not allowed');
  return normalizeInt(total / amount.den);
}

register({
  'units.parse': parseUnits,
  'units.parse_bytes': parseBytes,
});
