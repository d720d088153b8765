/**
 * Operand checks that raise OPA's operand messages (`operand 2 must be
 * string but got number`). Positions are 1-based, as OPA counts them.
 */
import { OperandError } from './errors.js';
import { NumberText, isObject, typeName } from './values.js';
import type { ObjectValue, Value } from './values.js';

export function operandTypeError(pos: number, got: unknown, ...expected: string[]): OperandError {
  const want = expected.length === 1 ? expected[0] : `one of {${expected.join(', ')}}`;
  return new OperandError(`operand ${pos} must be ${want} but got ${typeName(got)}`);
}

export function operandElementError(pos: number, got: unknown, ...expected: string[]): OperandError {
  const want = expected.length === 1 ? `${expected[0]}s` : `(any of) {${expected.join(', ')}}`;
  return new OperandError(
    `operand ${pos} must be array of ${want} but got array containing ${typeName(got)}`,
  );
}

export function operandError(pos: number, message: string): OperandError {
  return new OperandError(`operand ${pos} ${message}`);
}

export function stringOperand(value: unknown, pos: number): string {
  if (typeof value !== 'string') throw operandTypeError(pos, value, 'string');
  return value;
}

export function numberOperand(value: unknown, pos: number): number {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof NumberText) return value.toNumber();
  if (typeof value !== 'number') throw operandTypeError(pos, value, 'number');
  return value;
}

/** An integral number, as OPA's `IntOperand`. */
export function intOperand(value: unknown, pos: number): number {
  const n = numberOperand(value, pos);
  if (!Number.isInteger(n)) throw operandError(pos, 'must be integer number but got floating-point number');
  return n;
}

export function bigIntOperand(value: unknown, pos: number): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value !== 'number') throw operandTypeError(pos, value, 'integer');
  if (!Number.isInteger(value))
    throw operandError(pos, 'must be integer number but got floating-point number');
  return BigInt(value);
}

export function booleanOperand(value: unknown, pos: number): boolean {
  if (typeof value !== 'boolean') throw operandTypeError(pos, value, 'boolean');
  return value;
}

export function arrayOperand(value: unknown, pos: number): Value[] {
  if (!Array.isArray(value)) throw operandTypeError(pos, value, 'array');
  return value as Value[];
}

/** An array or a set (sets arrive from the SDK as arrays). */
export function collectionOperand(value: unknown, pos: number): Value[] {
  if (!Array.isArray(value)) throw operandTypeError(pos, value, 'array', 'set');
  return value as Value[];
}

export function objectOperand(value: unknown, pos: number): ObjectValue {
  if (!isObject(value)) throw operandTypeError(pos, value, 'object');
  return value;
}

/** An array or set of strings (OPA's `StringSliceOperand`). */
export function stringsOperand(value: unknown, pos: number): string[] {
  const items = collectionOperand(value, pos);
  return items.map((item) => {
    if (typeof item !== 'string') throw operandElementError(pos, item, 'string');
    return item;
  });
}
