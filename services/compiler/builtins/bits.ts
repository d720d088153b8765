/** Bitwise builtins (OPA `bits.go`): exact on integers of any size, two's complement like Go's big.Int. */
import { bigIntOperand, operandError } from './operands.js';
import { register } from './registry.js';
import { normalizeInt } from './numbers.js';

function binary(op: (x: bigint, y: bigint) => bigint) {
  return (a: unknown, b: unknown) => normalizeInt(op(bigIntOperand(a, 1), bigIntOperand(b, 2)));
}

/** OPA requires a non-negative shift count that fits an unsigned int. */
function shiftCount(value: unknown): bigint {
  const n = bigIntOperand(value, 2);
  if (n < 0n) throw operandError(2, 'must be an unsigned integer number but got a negative integer');
  return n;
}

register('bits', {
  'bits.and': binary((x, y) => x & y),
  'bits.or': binary((x, y) => x | y),
  'bits.xor': binary((x, y) => x ^ y),
  'bits.negate': (a) => normalizeInt(~bigIntOperand(a, 1)),
  'bits.lsh': (a, b) => normalizeInt(bigIntOperand(a, 1) << shiftCount(b)),
  'bits.rsh': (a, b) => normalizeInt(bigIntOperand(a, 1) >> shiftCount(b)),
});
