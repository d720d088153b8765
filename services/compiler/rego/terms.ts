/**
 * Small constructors and queries for AST terms, shared by the parser, the
 * rule-head logic and the printer.
 */

import type { Location, RefTerm, Term, VarTerm, StringTerm, CallTerm } from './ast.js';

export function varTerm(value: string, location?: Location): VarTerm {
  return location ? { type: 'var', value, location } : { type: 'var', value };
}

export function stringTerm(value: string, location?: Location): StringTerm {
  return location ? { type: 'string', value, location } : { type: 'string', value };
}

export function refTerm(value: Term[], location?: Location): RefTerm {
  return location ? { type: 'ref', value, location } : { type: 'ref', value };
}

export function callTerm(value: Term[], location?: Location): CallTerm {
  return location ? { type: 'call', value, location } : { type: 'call', value };
}

/** Root documents a bare var refers to (`input` alone is the ref `[input]`). */
export const ROOT_DOCUMENTS: ReadonlySet<string> = new Set(['data', 'input']);

/** OPA's names of the membership builtins `in` desugars to. */
export const MEMBER_2 = 'internal.member_2';
export const MEMBER_3 = 'internal.member_3';

/**
 * Dotted name of an operator ref whose head is a var and whose other parts
 * are strings (`array.concat`), or undefined for any other term.
 */
export function operatorName(term: Term): string | undefined {
  if (term.type === 'var') return term.value;
  if (term.type !== 'ref' || term.value.length === 0 || term.value[0].type !== 'var') return undefined;
  const parts = [term.value[0].value];
  for (const part of term.value.slice(1)) {
    if (part.type !== 'string') return undefined;
    parts.push(part.value);
  }
  return parts.join('.');
}

/** Whether a term contains no vars (refs are not ground). */
export function isGround(term: Term): boolean {
  switch (term.type) {
    case 'null':
    case 'boolean':
    case 'number':
    case 'string':
      return true;
    case 'var':
      return false;
    case 'ref':
    case 'array':
    case 'set':
    case 'call':
      return term.value.every(isGround);
    case 'object':
      return term.value.every(([k, v]) => isGround(k) && isGround(v));
    default:
      return false;
  }
}

/** Wildcards are rewritten to vars named `$N`. */
export function isWildcardVar(term: Term): boolean {
  return term.type === 'var' && term.value.startsWith('$');
}
