/**
 * Rule facts the parser records beside the AST, the conversion of a
 * top-level expression statement into a rule (`p := 1`, `f(x) = y`,
 * `a.b.c`; OPA's `ParseRuleFromExpr` in `v1/ast/parser_ext.go`), and the
 * Rego v1 rule checks (OPA's `checkRegoV1Rule` in `v1/ast/rego_v1.go`).
 */

import type { Expr, Head, Location, RefTerm, Rule, Term } from './ast.js';
import { KEYWORDS } from './lexer.js';
import { formatTerm } from './printer.js';
import { isGround, operatorName, refTerm } from './terms.js';

/** How a rule was written, which the v1 checks need but the AST does not keep. */
export interface RuleFacts {
  /** The body was made up by the parser (`p := 1`). */
  generatedBody: boolean;
  /** The value `true` was made up by the parser (`p if ...`). */
  generatedValue: boolean;
  hasIf: boolean;
  hasContains: boolean;
}

export type RuleFactTable = WeakMap<Rule, RuleFacts>;

export function trueExpr(location: Location | undefined): Expr {
  return { index: 0, terms: { type: 'boolean', value: true, location }, location };
}

/** A body made of a single `true`. */
export function trueBody(location: Location | undefined): Expr[] {
  return [trueExpr(location)];
}

/** Whether every part of a ref after its head is ground (OPA's `Ref.IsGround`). */
export function refTailIsGround(ref: RefTerm): boolean {
  return ref.value.slice(1).every(isGround);
}

/**
 * The key of a two-part head `p[k]`, kept when it names a variable
 * element (`p[x] := v`), as OPA does for rules written with `if`.
 */
export function variableKey(ref: RefTerm, args: Term[] | undefined): Term | undefined {
  if (ref.value.length !== 2 || (args && args.length > 0)) return undefined;
  const k = ref.value[1];
  return !isGround(k) || k.type === 'ref' ? k : undefined;
}

/** Infix operators and `in` are builtins: a statement calling them cannot define a rule. */
const OPERATOR_BUILTINS = new Set([
  'eq',
  'assign',
  'equal',
  'neq',
  'lt',
  'gt',
  'lte',
  'gte',
  'plus',
  'minus',
  'mul',
  'div',
  'rem',
  'and',
  'or',
  'internal.member_2',
  'internal.member_3',
]);

/** A rule from a top-level expression statement, or the reason it cannot be one. */
export function ruleFromExpr(expr: Expr, facts: RuleFactTable): Rule | string {
  if (expr.with && expr.with.length > 0) return 'expressions using with keyword cannot be used for rule head';
  if (expr.negated) return 'negated expressions cannot be used for rule head';
  const terms = expr.terms;
  if (!Array.isArray(terms)) {
    if (terms.type === 'some') return "'some' declarations cannot be used for rule head";
    if (terms.type === 'every') return 'expression cannot be used for rule head';
    return ruleFromTerm(terms, facts);
  }
  const name = operatorName(terms[0]);
  if ((name === 'eq' || name === 'assign') && terms.length === 3) {
    return ruleFromEquality(expr, terms[1], terms[2], name === 'assign', facts);
  }
  if (name !== undefined && OPERATOR_BUILTINS.has(name)) return 'rule name conflicts with built-in function';
  if (terms.length <= 1) return 'rule argument list must take at least one argument';
  const op = terms[0];
  if (op.type !== 'ref' || op.value[0].type !== 'var') return `invalid rule head: ${formatTerm(op)}`;
  const location = op.location;
  const value: Term = { type: 'boolean', value: true, location };
  const head = withName({ ref: op, args: terms.slice(1), value, location });
  return record(facts, { head, body: trueBody(location), location }, true, true);
}

function ruleFromTerm(term: Term, facts: RuleFactTable): Rule | string {
  if (term.type !== 'ref') return `${term.type} cannot be used for rule name`;
  const location = term.location;
  if (term.value[0].type !== 'var') return `invalid rule head: ${formatTerm(term)}`;
  if (term.value.length > 2) {
    // `a.b.c` alone: a rule with neither value nor body, which v1 rejects.
    const head: Head = { ref: term, value: { type: 'boolean', value: true, location }, location };
    return record(facts, { head, body: trueBody(location), location }, true, true);
  }
  if (term.value.length === 1) return 'refs cannot be used for rule head';
  // `p[x]` alone: a v0 partial set, which v1 rejects for lack of `contains`.
  const name = term.value[0];
  const head: Head = {
    name: name.value as string,
    ref: refTerm([name], name.location),
    key: term.value[1],
    location,
  };
  return record(facts, { head, body: trueBody(location), location }, true, false);
}

function ruleFromEquality(
  expr: Expr,
  lhs: Term,
  rhs: Term,
  assign: boolean,
  facts: RuleFactTable,
): Rule | string {
  const location = expr.location;
  let head: Head;
  if (lhs.type === 'call') {
    const op = lhs.value[0];
    if (op.type !== 'ref' || op.value[0].type !== 'var') return `invalid rule head: ${formatTerm(op)}`;
    // `f() = 1` takes no arguments: a document, not a function (as OPA reads it).
    const args = lhs.value.slice(1);
    head = withName({ ref: op, ...(args.length > 0 ? { args } : {}), value: rhs, location });
  } else if (lhs.type === 'ref') {
    if (lhs.value[0].type !== 'var') return `invalid rule head: ${formatTerm(lhs)}`;
    head = { ref: lhs, value: rhs, location };
    const key = variableKey(lhs, undefined);
    if (key) head.key = key;
  } else if (lhs.type === 'var') {
    head = { name: lhs.value, ref: refTerm([lhs], lhs.location), value: rhs, location };
  } else {
    return `${lhs.type} cannot be used for rule name`;
  }
  if (assign) head.assign = true;
  return record(facts, { head, body: trueBody(rhs.location), location }, true, false);
}

/** The head with `name` first when its ref has one part. */
function withName(head: Head): Head {
  const [first] = head.ref.value;
  return head.ref.value.length === 1 && first.type === 'var' ? { name: first.value, ...head } : head;
}

function record(facts: RuleFactTable, rule: Rule, generatedBody: boolean, generatedValue: boolean): Rule {
  facts.set(rule, { generatedBody, generatedValue, hasIf: false, hasContains: false });
  return rule;
}

/** Messages of every Rego v1 rule check the rule fails. */
export function regoV1RuleErrors(rule: Rule, facts: RuleFacts): string[] {
  const errors: string[] = [];
  const kind = rule.head.args && rule.head.args.length > 0 ? 'function' : 'rule';
  const ref = rule.head.ref.value;
  if (ref.length < 2 && ref[0].type === 'var' && KEYWORDS.has(ref[0].value)) {
    errors.push(`${ref[0].value} keyword cannot be used for rule name`);
  }
  if (facts.generatedBody && facts.generatedValue) {
    errors.push(`${kind} must have value assignment and/or body declaration`);
  }
  if (!facts.generatedBody && !facts.hasIf && !rule.default) {
    errors.push(`\`if\` keyword is required before ${kind} body`);
  }
  if (rule.head.value === undefined && rule.head.key !== undefined && !facts.hasContains) {
    errors.push('`contains` keyword is required for partial set rules');
  }
  return errors;
}
