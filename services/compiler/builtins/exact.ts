/**
 * Which host builtins a module calls with the exact convention: each argument
 * and the result travel as strings of Rego value text instead of JSON, under
 * the name `portcullis.exact.<builtin>`. They are the builtins with an
 * argument whose declared type can hold a set (JSON would make it an array)
 * or a number (JSON would round integers past 2^53, e.g. nanoseconds), and
 * those that answer a number.
 */
import { lookupBuiltin } from './catalog.js';
import type { OpaType } from './types.js';

export const EXACT_PREFIX = 'portcullis.exact.';

function canHold(t: OpaType, kind: 'set' | 'number'): boolean {
  switch (t.type) {
    case 'set':
      return kind === 'set' || canHold(t.of, kind);
    case 'any':
      return !t.of || t.of.some((x) => canHold(x, kind));
    case 'array':
      return [...(t.static ?? []), ...(t.dynamic ? [t.dynamic] : [])].some((x) => canHold(x, kind));
    case 'object': {
      const parts = (t.static ?? []).map((field) => field.value);
      if (t.dynamic) parts.push(t.dynamic.key, t.dynamic.value);
      return parts.some((x) => canHold(x, kind));
    }
    default:
      return t.type === kind;
  }
}

const memo = new Map<string, boolean>();

/** Whether calls of builtin `name` pass value text (see the module comment). */
export function usesExactConvention(name: string): boolean {
  let exact = memo.get(name);
  if (exact === undefined) {
    const decl = lookupBuiltin(name)?.decl;
    const args = decl?.args ?? [];
    // A number answer (nanoseconds, byte counts) would come back through a double too.
    exact = args.some((t) => canHold(t, 'set') || canHold(t, 'number')) || decl?.result.type === 'number';
    memo.set(name, exact);
  }
  return exact;
}

const jsonAnswers = new Map<string, boolean>();

/**
 * Whether an exact-convention builtin's answer survives JSON (its result
 * type holds no number and no set, e.g. sprintf's string): the module then
 * calls it in plain JSON whenever its arguments do too, and pays for value
 * text only when they do not (a big integer, a set).
 */
export function answersInJson(name: string): boolean {
  let json = jsonAnswers.get(name);
  if (json === undefined) {
    const result = lookupBuiltin(name)?.decl.result;
    json = result !== undefined && !canHold(result, 'set') && !canHold(result, 'number');
    jsonAnswers.set(name, json);
  }
  return json;
}

/** The name a module lists for the exact-convention call of `name`. */
export function exactHostName(name: string): string {
  return `${EXACT_PREFIX}${name}`;
}
