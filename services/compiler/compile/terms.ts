/**
 * Small helpers over AST terms shared by the compile stages and the planner:
 * constructors, structural equality, variable collection and printing.
 */
import type {
  Body,
  Every,
  Expr,
  Location,
  RefTerm,
  SomeDecl,
  StringTerm,
  Term,
  VarTerm,
} from '../rego/ast.js';

export function varTerm(name: string, location?: Location): VarTerm {
  return location ? { type: 'var', value: name, location } : { type: 'var', value: name };
}

export function stringTerm(value: string, location?: Location): StringTerm {
  return location ? { type: 'string', value, location } : { type: 'string', value };
}

export function refTerm(parts: Term[], location?: Location): RefTerm {
  return location ? { type: 'ref', value: parts, location } : { type: 'ref', value: parts };
}

/** `data.a.b` from ['a', 'b']. */
export function dataRef(path: string[], location?: Location): RefTerm {
  return refTerm([varTerm('data', location), ...path.map((p) => stringTerm(p, location))], location);
}

/**
 * A copy of `t` with each direct child term mapped by `term` and each
 * closure body by `body`: the walk every rewriting stage shares.
 */
export function mapTermChildren(t: Term, term: (x: Term) => Term, body: (b: Body) => Body): Term {
  switch (t.type) {
    case 'ref':
    case 'array':
    case 'set':
    case 'call':
      return { ...t, value: t.value.map(term) };
    case 'object':
      return { ...t, value: t.value.map(([k, v]) => [term(k), term(v)] as [Term, Term]) };
    case 'arraycomprehension':
    case 'setcomprehension':
      return { ...t, value: { term: term(t.value.term), body: body(t.value.body) } };
    case 'objectcomprehension':
      return {
        ...t,
        value: { key: term(t.value.key), value: term(t.value.value), body: body(t.value.body) },
      };
    default:
      return t;
  }
}

export const ROOT_VARS = new Set(['data', 'input']);

/** Wildcards (`$N`) and compiler-introduced vars never appear in results. */
export function isGeneratedVar(name: string): boolean {
  return name.startsWith('$') || name.startsWith('__local');
}

export function isCallExpr(expr: Expr): expr is Expr & { terms: Term[] } {
  return Array.isArray(expr.terms);
}

export function isTermExpr(expr: Expr): expr is Expr & { terms: Term } {
  const t = expr.terms as { type: string };
  return !Array.isArray(expr.terms) && t.type !== 'some' && t.type !== 'every';
}

export function isSomeExpr(expr: Expr): expr is Expr & { terms: SomeDecl } {
  return !Array.isArray(expr.terms) && (expr.terms as { type: string }).type === 'some';
}

export function isEveryExpr(expr: Expr): expr is Expr & { terms: Every } {
  return !Array.isArray(expr.terms) && (expr.terms as { type: string }).type === 'every';
}

/** Name of a call operator (`eq`, `count`, `array.concat`, `data.x.f`), or undefined if not a plain ref. */
export function operatorName(op: Term): string | undefined {
  if (op.type !== 'ref') return op.type === 'var' ? op.value : undefined;
  const parts: string[] = [];
  for (let i = 0; i < op.value.length; i++) {
    const p = op.value[i];
    if (i === 0 && p.type === 'var') parts.push(p.value);
    else if (i > 0 && p.type === 'string') parts.push(p.value);
    else return undefined;
  }
  return parts.join('.');
}

/** Operator ref for a name such as `count` or `array.concat`. */
export function operatorRef(name: string, location?: Location): RefTerm {
  const [head, ...rest] = name.split('.');
  return refTerm([varTerm(head, location), ...rest.map((r) => stringTerm(r, location))], location);
}

export function termsEqual(a: Term, b: Term): boolean {
  if (a.type !== b.type) return false;
  switch (a.type) {
    case 'null':
      return true;
    case 'boolean':
    case 'string':
    case 'var':
      return a.value === (b as typeof a).value;
    case 'number':
      return Number(a.value) === Number((b as typeof a).value) || a.value === (b as typeof a).value;
    case 'ref':
    case 'array':
    case 'set':
    case 'call': {
      const bv = (b as typeof a).value;
      return a.value.length === bv.length && a.value.every((t, i) => termsEqual(t, bv[i]));
    }
    case 'object': {
      const bv = (b as typeof a).value;
      return (
        a.value.length === bv.length &&
        a.value.every(([k, v], i) => termsEqual(k, bv[i][0]) && termsEqual(v, bv[i][1]))
      );
    }
    default:
      return JSON.stringify(stripLocations(a)) === JSON.stringify(stripLocations(b));
  }
}

function stripLocations(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (k, v) => (k === 'location' ? undefined : v)));
}

/** True when the term holds no vars, refs, calls or comprehensions. */
export function isGround(t: Term): boolean {
  switch (t.type) {
    case 'null':
    case 'boolean':
    case 'number':
    case 'string':
      return true;
    case 'array':
    case 'set':
      return t.value.every(isGround);
    case 'object':
      return t.value.every(([k, v]) => isGround(k) && isGround(v));
    default:
      return false;
  }
}

export function isScalar(t: Term): boolean {
  return t.type === 'null' || t.type === 'boolean' || t.type === 'number' || t.type === 'string';
}

export function isClosure(t: Term): boolean {
  return t.type === 'arraycomprehension' || t.type === 'setcomprehension' || t.type === 'objectcomprehension';
}

export interface VarVisitOptions {
  /** Do not descend into comprehension bodies/terms. */
  skipClosures?: boolean;
  /** Skip the head var of refs that are call operators. */
  skipCallOperators?: boolean;
}

/** Every var in a term, in order of appearance (may repeat). */
export function termVars(t: Term, out: string[] = [], opts: VarVisitOptions = {}): string[] {
  switch (t.type) {
    case 'var':
      out.push(t.value);
      break;
    case 'ref':
    case 'array':
    case 'set':
      for (const x of t.value) termVars(x, out, opts);
      break;
    case 'call':
      t.value.forEach((x, i) => {
        if (i === 0 && opts.skipCallOperators) return;
        termVars(x, out, opts);
      });
      break;
    case 'object':
      for (const [k, v] of t.value) {
        termVars(k, out, opts);
        termVars(v, out, opts);
      }
      break;
    case 'arraycomprehension':
    case 'setcomprehension':
      if (!opts.skipClosures) {
        termVars(t.value.term, out, opts);
        bodyVars(t.value.body, out, opts);
      }
      break;
    case 'objectcomprehension':
      if (!opts.skipClosures) {
        termVars(t.value.key, out, opts);
        termVars(t.value.value, out, opts);
        bodyVars(t.value.body, out, opts);
      }
      break;
    default:
      break;
  }
  return out;
}

export function exprVars(expr: Expr, out: string[] = [], opts: VarVisitOptions = {}): string[] {
  if (isCallExpr(expr)) {
    expr.terms.forEach((t, i) => {
      if (i === 0) return;
      termVars(t, out, opts);
    });
  } else if (isSomeExpr(expr)) {
    for (const s of expr.terms.symbols) termVars(s, out, opts);
  } else if (isEveryExpr(expr)) {
    const e = expr.terms;
    termVars(e.domain, out, opts);
    if (!opts.skipClosures) {
      if (e.key) termVars(e.key, out, opts);
      termVars(e.value, out, opts);
      bodyVars(e.body, out, opts);
    }
  } else {
    termVars(expr.terms as Term, out, opts);
  }
  for (const w of expr.with ?? []) {
    termVars(w.value, out, opts);
  }
  return out;
}

export function bodyVars(body: Body, out: string[] = [], opts: VarVisitOptions = {}): string[] {
  for (const e of body) exprVars(e, out, opts);
  return out;
}

/** The closures (comprehension terms and `every` bodies) directly inside an expression. */
export function closuresOf(expr: Expr): Term[] {
  const found: Term[] = [];
  const visit = (t: Term): void => {
    if (isClosure(t)) {
      found.push(t);
      return;
    }
    if (t.type === 'ref' || t.type === 'array' || t.type === 'set' || t.type === 'call')
      t.value.forEach(visit);
    else if (t.type === 'object')
      t.value.forEach(([k, v]) => {
        visit(k);
        visit(v);
      });
  };
  if (isCallExpr(expr)) expr.terms.forEach(visit);
  else if (isTermExpr(expr)) visit(expr.terms);
  else if (isEveryExpr(expr)) visit(expr.terms.domain);
  for (const w of expr.with ?? []) visit(w.value);
  return found;
}

function quote(s: string): string {
  return JSON.stringify(s);
}

function isIdentifier(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s);
}

/** Rego-like text of a term, for messages and printers. */
export function termToString(t: Term): string {
  switch (t.type) {
    case 'null':
      return 'null';
    case 'boolean':
      return String(t.value);
    case 'number':
      return t.value;
    case 'string':
      return quote(t.value);
    case 'var':
      return t.value;
    case 'ref':
      return t.value
        .map((p, i) => {
          if (i === 0) return termToString(p);
          if (p.type === 'string' && isIdentifier(p.value)) return `.${p.value}`;
          return `[${termToString(p)}]`;
        })
        .join('');
    case 'array':
      return `[${t.value.map(termToString).join(', ')}]`;
    case 'set':
      return t.value.length === 0 ? 'set()' : `{${t.value.map(termToString).join(', ')}}`;
    case 'object':
      return `{${t.value.map(([k, v]) => `${termToString(k)}: ${termToString(v)}`).join(', ')}}`;
    case 'call':
      return `${termToString(t.value[0])}(${t.value.slice(1).map(termToString).join(', ')})`;
    case 'arraycomprehension':
      return `[${termToString(t.value.term)} | ${bodyToString(t.value.body)}]`;
    case 'setcomprehension':
      return `{${termToString(t.value.term)} | ${bodyToString(t.value.body)}}`;
    case 'objectcomprehension':
      return `{${termToString(t.value.key)}: ${termToString(t.value.value)} | ${bodyToString(t.value.body)}}`;
  }
}

export function exprToString(e: Expr): string {
  let s: string;
  if (isCallExpr(e)) {
    s = `${termToString(e.terms[0])}(${e.terms.slice(1).map(termToString).join(', ')})`;
  } else if (isSomeExpr(e)) {
    s = `some ${e.terms.symbols.map(termToString).join(', ')}`;
  } else if (isEveryExpr(e)) {
    const ev = e.terms;
    s = `every ${ev.key ? `${termToString(ev.key)}, ` : ''}${termToString(ev.value)} in ${termToString(ev.domain)} { ${bodyToString(ev.body)} }`;
  } else {
    s = termToString(e.terms as Term);
  }
  if (e.negated) s = `not ${s}`;
  for (const w of e.with ?? []) s += ` with ${termToString(w.target)} as ${termToString(w.value)}`;
  return s;
}

export function bodyToString(body: Body): string {
  return body.map(exprToString).join('; ');
}

/** `data.a.b` as the string OPA prints for rule paths. */
export function refToString(ref: RefTerm | Term[]): string {
  return termToString(Array.isArray(ref) ? refTerm(ref) : ref);
}
