/**
 * Prints AST nodes back as Rego v1 text, for error messages and debugging.
 * The output parses back to the same AST (locations aside); operator calls
 * are printed infix, with parentheses where precedence needs them.
 */

import { yaml } from '../../common/yaml.js';
import type { Annotations, Body, Expr, Head, Import, Module, Rule, Term, With } from './ast.js';
import { KEYWORDS } from './lexer.js';
import { MEMBER_2, MEMBER_3, operatorName } from './terms.js';

/** Infix spelling and binding strength (higher binds tighter) of each operator builtin. */
const INFIX: Record<string, { symbol: string; precedence: number }> = {
  eq: { symbol: '=', precedence: 0 },
  assign: { symbol: ':=', precedence: 0 },
  [MEMBER_2]: { symbol: 'in', precedence: 1 },
  [MEMBER_3]: { symbol: 'in', precedence: 1 },
  equal: { symbol: '==', precedence: 2 },
  neq: { symbol: '!=', precedence: 2 },
  lt: { symbol: '<', precedence: 2 },
  gt: { symbol: '>', precedence: 2 },
  lte: { symbol: '<=', precedence: 2 },
  gte: { symbol: '>=', precedence: 2 },
  or: { symbol: '|', precedence: 3 },
  and: { symbol: '&', precedence: 4 },
  plus: { symbol: '+', precedence: 5 },
  minus: { symbol: '-', precedence: 5 },
  mul: { symbol: '*', precedence: 6 },
  div: { symbol: '/', precedence: 6 },
  rem: { symbol: '%', precedence: 6 },
};

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Rego text of one term. */
export function formatTerm(term: Term): string {
  return formatTermIn(term, -1);
}

/** Prints a term where an infix call needs parentheses unless it binds tighter than `minPrecedence`. */
function formatTermIn(term: Term, minPrecedence: number): string {
  switch (term.type) {
    case 'null':
      return 'null';
    case 'boolean':
      return term.value ? 'true' : 'false';
    case 'number':
      return term.value;
    case 'string':
      return JSON.stringify(term.value);
    case 'var':
      // Wildcards were numbered by the parser; `_` parses back to a fresh one.
      return /^\$\d+$/.test(term.value) ? '_' : term.value;
    case 'ref':
      return formatRef(term.value);
    case 'array':
      return `[${term.value.map(formatElement).join(', ')}]`;
    case 'set':
      return term.value.length === 0 ? 'set()' : `{${term.value.map(formatElement).join(', ')}}`;
    case 'object':
      return `{${term.value.map(([k, v]) => `${formatElement(k)}: ${formatElement(v)}`).join(', ')}}`;
    case 'call': {
      const text = formatCall(term.value);
      const precedence = infixPrecedence(term.value);
      // `k, v in xs` inside a list would read as two elements, so it always gets parentheses.
      const keyValue = operatorName(term.value[0]) === MEMBER_3 && precedence !== undefined;
      return keyValue || (precedence !== undefined && precedence <= minPrecedence) ? `(${text})` : text;
    }
    case 'arraycomprehension':
      return `[${formatTermIn(term.value.term, TIGHTEST)} | ${formatBody(term.value.body)}]`;
    case 'setcomprehension':
      return `{${formatTermIn(term.value.term, TIGHTEST)} | ${formatBody(term.value.body)}}`;
    case 'objectcomprehension': {
      const { key, value, body } = term.value;
      return `{${formatTermIn(key, TIGHTEST)}: ${formatTermIn(value, TIGHTEST)} | ${formatBody(body)}}`;
    }
  }
}

function formatRef(parts: Term[]): string {
  if (parts.length === 0) return '';
  const [head, ...rest] = parts;
  let out = formatTermIn(head, TIGHTEST);
  for (const part of rest) {
    if (part.type === 'string' && NAME.test(part.value) && !KEYWORDS.has(part.value)) out += `.${part.value}`;
    else out += `[${formatTerm(part)}]`;
  }
  return out;
}

/** An element of a collection; a `|` call gets parentheses, as `[a | b]` reads as a comprehension. */
function formatElement(term: Term): string {
  const isOr =
    term.type === 'call' && operatorName(term.value[0]) === 'or' && infixPrecedence(term.value) !== undefined;
  return isOr ? `(${formatTerm(term)})` : formatTerm(term);
}

/** Any infix call inside a comprehension head or a ref head gets parentheses. */
const TIGHTEST = 99;

/** Precedence of a call written infix, or undefined for a call written `f(x)`. */
function infixPrecedence(terms: Term[]): number | undefined {
  const name = operatorName(terms[0]);
  if (name === undefined || !(name in INFIX)) return undefined;
  const arity = name === MEMBER_3 ? 4 : 3;
  return terms.length === arity ? INFIX[name].precedence : undefined;
}

/** A call `[operator, ...args]`, infix when the operator has an infix form. */
function formatCall(terms: Term[]): string {
  const [op, ...args] = terms;
  const precedence = infixPrecedence(terms);
  if (precedence === undefined) return `${formatTerm(op)}(${args.map((a) => formatTerm(a)).join(', ')})`;
  const name = operatorName(op) as string;
  // Operators associate to the left, so only a right operand of equal strength needs parentheses.
  const left = (t: Term) => formatTermIn(t, precedence - 1);
  const right = (t: Term) => formatTermIn(t, precedence);
  if (name === MEMBER_3) return `${right(args[0])}, ${right(args[1])} in ${right(args[2])}`;
  return `${left(args[0])} ${INFIX[name].symbol} ${right(args[1])}`;
}

function formatWith(w: With): string {
  return `with ${formatTerm(w.target)} as ${formatTerm(w.value)}`;
}

/** Rego text of one expression (a literal of a body). */
export function formatExpr(expr: Expr): string {
  let text: string;
  const terms = expr.terms;
  if (Array.isArray(terms)) {
    text = formatCall(terms);
  } else if (terms.type === 'some') {
    const first = terms.symbols[0];
    if (terms.symbols.length === 1 && first.type === 'call') text = `some ${formatCall(first.value)}`;
    else text = `some ${terms.symbols.map((s) => formatTerm(s)).join(', ')}`;
  } else if (terms.type === 'every') {
    const vars = terms.key ? `${formatTerm(terms.key)}, ${formatTerm(terms.value)}` : formatTerm(terms.value);
    text = `every ${vars} in ${formatTermIn(terms.domain, 1)} { ${formatBody(terms.body)} }`;
  } else {
    text = formatTerm(terms);
  }
  if (expr.negated) text = `not ${text}`;
  for (const w of expr.with ?? []) text += ` ${formatWith(w)}`;
  return text;
}

/** Expressions separated by `; `. */
export function formatBody(body: Body): string {
  return body.map(formatExpr).join('; ');
}

/** The head of a rule; `withTrue: false` leaves out a `= true` value, implied by a body. */
export function formatHead(head: Head, withTrue = true): string {
  let text = formatRef(head.ref.value);
  if (head.args) text += `(${head.args.map((a) => formatTerm(a)).join(', ')})`;
  if (!withTrue && isImpliedTrue(head.value, head.assign)) return text;
  if (head.value === undefined) {
    if (head.key !== undefined) text += ` contains ${formatTerm(head.key)}`;
  } else {
    text += ` ${head.assign ? ':=' : '='} ${formatTerm(head.value)}`;
  }
  return text;
}

/** One rule with its `else` chain, on one line. */
export function formatRule(rule: Rule): string {
  if (rule.default) return `default ${formatHead(rule.head)}`;
  // Only the last definition of an else chain may leave out its body.
  const body = formatRuleBody(rule.body, rule.else !== undefined);
  let text = `${formatHead(rule.head, body === '')}${body}`;
  for (let e = rule.else; e; e = e.else) {
    const elseBody = formatRuleBody(e.body, e.else !== undefined);
    const { value, assign } = e.head;
    const shown = value && (elseBody === '' || !isImpliedTrue(value, assign));
    text += ` else${shown ? ` ${assign ? ':=' : '='} ${formatTerm(value)}` : ''}${elseBody}`;
  }
  return text;
}

/** `p if ...` means `p = true if ...`. */
function isImpliedTrue(value: Term | undefined, assign: boolean | undefined): boolean {
  return value !== undefined && value.type === 'boolean' && value.value && !assign;
}

/** ` if { body }`, or nothing for a body that is just `true` (`p := 1`). */
function formatRuleBody(body: Body, keep: boolean): string {
  if (body.length === 1 && !keep) {
    const only = body[0];
    const t = only.terms;
    if (!only.negated && !only.with && !Array.isArray(t) && t.type === 'boolean' && t.value) return '';
  }
  return ` if { ${formatBody(body)} }`;
}

function formatImport(imp: Import): string {
  return `import ${formatRef(imp.path.value)}${imp.alias ? ` as ${imp.alias}` : ''}`;
}

/** A whole module: package, imports, then one rule per line, with their `# METADATA` blocks. */
export function formatModule(module: Module): string {
  const printed = new Set<Annotations>();
  const lines = [
    ...formatAnnotations(module.package.annotations, printed),
    `package ${formatRef(module.package.path.value.slice(1).map(packagePart))}`,
  ];
  if (module.imports.length > 0) lines.push('', ...module.imports.map(formatImport));
  if (module.rules.length > 0) lines.push('');
  for (const rule of module.rules) {
    lines.push(...formatAnnotations(rule.annotations, printed), formatRule(rule));
  }
  return `${lines.join('\n')}\n`;
}

/** `# METADATA` comment blocks; a document-scoped block shared by several rules is printed once. */
function formatAnnotations(list: Annotations[] | undefined, printed: Set<Annotations>): string[] {
  const lines: string[] = [];
  for (const a of list ?? []) {
    if (printed.has(a)) continue;
    printed.add(a);
    const { location: _location, schemas, ...rest } = a;
    const fields = schemas ? { ...rest, schemas: schemas.map(formatSchema) } : rest;
    const text = yaml().stringify(fields).trimEnd().split('\n');
    lines.push('# METADATA', ...text.map((l) => `# ${l}`));
  }
  return lines;
}

/** A schema entry as written: `{"input.user": "schema.user"}` or `{"input.user": {definition}}`. */
function formatSchema(s: NonNullable<Annotations['schemas']>[number]): Record<string, unknown> {
  const ref = (parts: string[]): string =>
    formatRef([
      { type: 'var', value: parts[0] },
      ...parts.slice(1).map((value): Term => ({ type: 'string', value })),
    ]);
  return { [ref(s.path)]: s.schema ? ref(s.schema) : s.definition };
}

/** The package path without `data`: its first part prints as a name. */
function packagePart(term: Term, index: number): Term {
  if (index === 0 && term.type === 'string' && NAME.test(term.value)) {
    return { type: 'var', value: term.value, location: term.location };
  }
  return term;
}
