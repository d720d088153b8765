/** Table helpers: run a builtin through `callBuiltin` and describe the outcome as plain data. */
import { BuiltinError, callBuiltin } from '../../../../services/compiler/builtins/index.js';

export type Outcome = { value: unknown } | { undefined: true } | { error: string; code: string };

export function outcome(name: string, args: unknown[]): Outcome {
  try {
    const value = callBuiltin(name, args);
    return value === undefined ? { undefined: true } : { value };
  } catch (err) {
    if (err instanceof BuiltinError) return { error: err.message, code: err.code };
    throw err;
  }
}

/** `[name, args, expected value]` rows. */
export type ValueRow = [string, unknown[], unknown];
/** `[name, args, code, message]` rows. */
export type ErrorRow = [string, unknown[], string, string];

export function valueRows(rows: ValueRow[]): [string, string, unknown[], unknown][] {
  return rows.map(([name, args, want]) => [`${name}(${JSON.stringify(args, bigintJson)})`, name, args, want]);
}

export function errorRows(rows: ErrorRow[]): [string, string, unknown[], string, string][] {
  return rows.map(([name, args, code, msg]) => [
    `${name}(${JSON.stringify(args, bigintJson)})`,
    name,
    args,
    code,
    msg,
  ]);
}

function bigintJson(_key: string, v: unknown): unknown {
  return typeof v === 'bigint' ? `${v}n` : v;
}
