/**
 * Type errors as OPA prints them (`ArgErrDetail`, `UnificationErrDetail`,
 * `RefErrInvalidDetail`, `RefErrUnsupportedDetail` in OPA's `check.go`),
 * with refs printed in the author's names: a compiler-renamed local
 * prints as the var the author wrote, a wildcard as `_`.
 */
import type { Location, Term } from '../../rego/ast.js';
import type { RegoError } from '../../errors.js';
import { termToString } from '../terms.js';
import { argsToString, isNilType, typeToString, type FunctionType, type MaybeType } from './types.js';

/** A type error and whether an unknown type caused it (OPA drops those when a ref or closure error explains them). */
export interface TypeErrorFound {
  error: RegoError;
  nilCause: boolean;
}

const KEYWORDS = new Set([
  'as',
  'contains',
  'default',
  'else',
  'every',
  'false',
  'if',
  'import',
  'in',
  'not',
  'null',
  'package',
  'some',
  'true',
  'with',
]);

/**
 * Maps compiler-introduced vars back to what the author wrote: a renamed
 * local to its name, a lifted call result to the call (`count(x)`).
 */
export type VarNamer = (name: string) => string | Term;

export function varNamer(rewritten: Record<string, string>, lifted: Record<string, Term> = {}): VarNamer {
  return (name) => {
    if (name.startsWith('$')) return '_';
    if (lifted[name]) return lifted[name];
    const original = rewritten[name];
    return original && !original.startsWith('$') ? original : name;
  };
}

function renameVars(t: Term, name: VarNamer): Term {
  switch (t.type) {
    case 'var': {
      const named = name(t.value);
      return typeof named === 'string' ? { ...t, value: named } : renameVars(named, name);
    }
    case 'ref':
    case 'array':
    case 'set':
    case 'call':
      return { ...t, value: t.value.map((x) => renameVars(x, name)) };
    case 'object':
      return {
        ...t,
        value: t.value.map(([k, v]) => [renameVars(k, name), renameVars(v, name)] as [Term, Term]),
      };
    default:
      return t;
  }
}

function printTerm(t: Term): string {
  return t.type === 'ref' ? printRef(t.value) : termToString(t);
}

function printRef(ref: Term[]): string {
  return ref
    .map((p, i) => {
      if (i === 0) return printTerm(p);
      if (p.type === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(p.value) && !KEYWORDS.has(p.value)) {
        return `.${p.value}`;
      }
      return `[${printTerm(p)}]`;
    })
    .join('');
}

/** A term as OPA's `String()` prints it, vars in the author's names. */
export function termText(t: Term, name: VarNamer): string {
  return printTerm(renameVars(t, name));
}

/** A ref as OPA prints it: `data.a["b c"][x]`, a part in dot form when it is a name and no keyword. */
export function refText(ref: Term[], name: VarNamer): string {
  return printRef(ref.map((t) => renameVars(t, name)));
}

/** `count: invalid argument(s)` with the `have:` and `want:` lines. */
export function argError(
  location: Location | undefined,
  fn: string,
  message: string,
  have: MaybeType[],
  want: FunctionType,
): TypeErrorFound {
  return {
    error: {
      code: 'rego_type_error',
      message: `${fn}: ${message}`,
      location,
      details: [`have: (${have.map(typeToString).join(', ')})`, `want: ${argsToString(want, true, true)}`],
    },
    nilCause: have.some(isNilType),
  };
}

/** `match error` of an equality whose sides can never be equal. */
export function matchError(
  location: Location | undefined,
  left: MaybeType,
  right: MaybeType,
): TypeErrorFound {
  return {
    error: {
      code: 'rego_type_error',
      message: 'match error',
      location,
      details: [`left  : ${typeToString(left)}`, `right : ${typeToString(right)}`],
    },
    nilCause: isNilType(left) || isNilType(right),
  };
}

function undefinedRef(
  location: Location | undefined,
  ref: Term[],
  name: VarNamer,
  details: string[],
): RegoError {
  return { code: 'rego_type_error', message: `undefined ref: ${refText(ref, name)}`, location, details };
}

/** A ref part the value below does not have: a missing key, or a key of the wrong type. */
export function refErrInvalid(
  ref: Term[],
  pos: number,
  have: MaybeType,
  want: MaybeType,
  oneOf: Term[],
  name: VarNamer,
): RegoError {
  const pad = ' '.repeat(refText(ref.slice(0, pos), name).length + 1);
  const lines = [refText(ref, name), `${pad}^`];
  lines.push(
    have !== undefined
      ? `${pad}have (type): ${typeToString(have)}`
      : `${pad}have: ${termText(ref[pos], name)}`,
  );
  lines.push(
    oneOf.length > 0
      ? `${pad}want (one of): [${oneOf.map((t) => termText(t, name)).join(' ')}]`
      : `${pad}want (type): ${want === undefined ? '<nil>' : typeToString(want)}`,
  );
  return undefinedRef(ref[0].location, ref, name, lines);
}

/** A ref into a value that cannot be indexed (a number, a string, a function). */
export function refErrUnsupported(ref: Term[], pos: number, have: MaybeType, name: VarNamer): RegoError {
  const lines = [
    refText(ref, name),
    '^'.repeat(refText(ref.slice(0, pos + 1), name).length),
    `have: ${have === undefined ? '<nil>' : typeToString(have)}`,
  ];
  return undefinedRef(ref[0].location, ref, name, lines);
}
