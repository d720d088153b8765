/**
 * `internal.print`, the call RewritePrintCalls makes of `print(a, b)`: its
 * one argument holds, per printed argument, the set of its values. Lines go
 * out as OPA's topdown prints them: one line per combination of values
 * (usually one), strings as they are, other values as Rego text, an
 * argument without values as `<undefined>`, joined by spaces.
 */
import { BuiltinError } from './errors.js';
import { regoString } from './goformat.js';
import type { Value } from './values.js';

const NAME = 'internal.print';

function operand(args: unknown[]): Value[][] {
  const [sets] = args;
  if (!Array.isArray(sets) || !sets.every(Array.isArray)) {
    throw new BuiltinError('eval_type_error', NAME, 'operand 1 must be array of sets');
  }
  return sets as Value[][];
}

/** The lines one `internal.print` call prints (sets arrive as arrays, or as `SetValue`s). */
export function printLines(args: unknown[]): string[] {
  const sets = operand(args);
  const lines: string[] = [];
  const parts: string[] = new Array<string>(sets.length);
  const cross = (i: number): void => {
    if (i === sets.length) {
      lines.push(parts.join(' '));
      return;
    }
    if (sets[i].length === 0) {
      parts[i] = '<undefined>';
      cross(i + 1);
      return;
    }
    for (const value of sets[i]) {
      parts[i] = typeof value === 'string' ? value : regoString(value);
      cross(i + 1);
    }
  };
  cross(0);
  return lines;
}
