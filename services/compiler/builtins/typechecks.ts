/** Type checks, `type_name`, `to_number` and the deprecated casts (OPA `types.go`, `casts.go`). */
import { BuiltinFailure } from './errors.js';
import { operandError, operandTypeError } from './operands.js';
import { register } from './registry.js';
import { isObject, toSet, typeName } from './values.js';
import type { Value } from './values.js';

/** Go's `strconv.ParseFloat` syntax: decimal or hex floats, `_` only between digits of prefixed forms. */
// Read only without underscores (see parseGoFloat), and unambiguous: a nested `(_?\d+)*`
// backtracked exponentially on a long run of digits followed by a non-digit.
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const HEX_FLOAT = /^[+-]?0[xX]([0-9a-fA-F_]+(\.[0-9a-fA-F_]*)?|\.[0-9a-fA-F_]+)[pP][+-]?\d+$/;
const SPECIAL = /^[+-]?(inf|infinity|nan)$/i;

function parseHexFloat(s: string): number {
  const m = /^([+-]?)0[xX]([0-9a-fA-F_]*)\.?([0-9a-fA-F_]*)[pP]([+-]?\d+)$/.exec(s);
  if (!m) return NaN;
  const intPart = m[2].replace(/_/g, '');
  const frac = m[3].replace(/_/g, '');
  const mantissa = parseInt(intPart + frac || '0', 16);
  const value = mantissa * 2 ** (Number(m[4]) - 4 * frac.length);
  return m[1] === '-' ? -value : value;
}

export function parseGoFloat(s: string): number {
  if (SPECIAL.test(s)) throw operandError(1, 'must be a number string, not NaN or Inf');
  const plain = s.includes('_') ? '' : s;
  if (plain && DECIMAL.test(plain)) return Number(plain);
  if (HEX_FLOAT.test(s)) return parseHexFloat(s);
  throw new BuiltinFailure(`strconv.ParseFloat: parsing ${JSON.stringify(s)}: invalid syntax`);
}

function toNumber(value: unknown): number | bigint {
  switch (typeName(value)) {
    case 'null':
      return 0;
    case 'boolean':
      return value ? 1 : 0;
    case 'number':
      return value as number | bigint;
    case 'string': {
      const s = value as string;
      const n = parseGoFloat(s);
      if (!Number.isFinite(n))
        throw new BuiltinFailure(`strconv.ParseFloat: parsing ${JSON.stringify(s)}: value out of range`);
      if (/^[+-]?\d+$/.test(s) && !Number.isSafeInteger(n)) return BigInt(s);
      return n;
    }
    default:
      throw operandTypeError(1, value, 'null', 'boolean', 'number', 'string');
  }
}

/** Casts were removed in Rego v1; OPA v0 semantics: undefined when the value is not of the type. */
function castTo(kind: string) {
  return (value: unknown): unknown => {
    if (kind === 'set') return Array.isArray(value) ? toSet(value as Value[]) : undefined;
    return typeName(value) === kind ? value : undefined;
  };
}

register('typechecks', {
  is_array: (v) => Array.isArray(v),
  is_boolean: (v) => typeof v === 'boolean',
  is_null: (v) => v === null,
  is_number: (v) => typeof v === 'number' || typeof v === 'bigint',
  is_object: (v) => isObject(v),
  // Sets arrive as arrays; the WASM runtime answers is_set natively.
  is_set: () => false,
  is_string: (v) => typeof v === 'string',
  type_name: (v) => typeName(v),
  to_number: toNumber,
  cast_array: castTo('array'),
  cast_boolean: castTo('boolean'),
  cast_null: castTo('null'),
  cast_object: castTo('object'),
  cast_set: castTo('set'),
  cast_string: castTo('string'),
});
