/**
 * Stage CheckCalls: every call must name a builtin or a user function and
 * pass an acceptable number of arguments (OPA's type checker reports these
 * as `rego_type_error`). A call written as an expression may take one extra
 * argument that receives the output.
 */
import type { RegoError } from '../errors.js';
import type { Body, Expr, Location, Term } from '../rego/ast.js';
import type { BuiltinLookup, CompileState, CompiledRule } from './types.js';
import { isCallExpr, isEveryExpr, isSomeExpr, operatorName, termToString } from './terms.js';
import { VOID_BUILTINS } from './typecheck/declared.js';

/** Operators with their own planning, never looked up as builtins. */
const SPECIAL_OPERATORS: Record<string, number> = { eq: 2, assign: 2 };

export function functionArities(rules: CompiledRule[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rules) {
    if (r.kind === 'function') out.set(operatorName({ type: 'ref', value: r.ref })!, r.arity);
  }
  return out;
}

export class CallChecker {
  readonly errors: RegoError[] = [];
  readonly called = new Set<string>();

  constructor(
    private readonly functions: Map<string, number>,
    private readonly builtins: BuiltinLookup,
  ) {}

  private check(
    name: string | undefined,
    argc: number,
    asExpr: boolean,
    location?: Location,
    op?: Term,
  ): void {
    if (name === undefined) {
      this.errors.push({
        code: 'rego_type_error',
        message: `illegal call operator`,
        location: op?.location ?? location,
      });
      return;
    }
    this.called.add(name);
    let arity: number;
    let variadic = false;
    if (name in SPECIAL_OPERATORS) {
      arity = SPECIAL_OPERATORS[name];
      asExpr = false;
    } else if (name.startsWith('data.')) {
      const a = this.functions.get(name);
      if (a === undefined) {
        this.errors.push({ code: 'rego_type_error', message: `undefined function ${name}`, location });
        return;
      }
      arity = a;
    } else {
      const b = this.builtins(name);
      if (!b) {
        this.errors.push({ code: 'rego_type_error', message: `undefined function ${name}`, location });
        return;
      }
      arity = b.arity;
      variadic = b.variadic === true;
    }
    if (variadic) {
      if (argc < arity)
        this.errors.push({ code: 'rego_type_error', message: `${name}: too few arguments`, location });
      return;
    }
    const max = asExpr ? arity + 1 : arity;
    if (argc > max)
      this.errors.push({ code: 'rego_type_error', message: `${name}: too many arguments`, location });
    else if (argc < arity)
      this.errors.push({ code: 'rego_type_error', message: `${name}: too few arguments`, location });
  }

  term(t: Term, fallback?: Location): void {
    const loc = t.location ?? fallback;
    switch (t.type) {
      case 'call': {
        const name = operatorName(t.value[0]);
        // OPA's CheckVoidCalls: a builtin without a result cannot be a value.
        if (name !== undefined && VOID_BUILTINS.has(name)) {
          this.errors.push({
            code: 'rego_type_error',
            message: `${termToString(t)} used as value`,
            location: loc,
          });
        }
        this.check(name, t.value.length - 1, false, loc, t.value[0]);
        t.value.slice(1).forEach((x) => this.term(x, loc));
        break;
      }
      case 'ref':
      case 'array':
      case 'set':
        t.value.forEach((x) => this.term(x, loc));
        break;
      case 'object':
        t.value.forEach(([k, v]) => {
          this.term(k, loc);
          this.term(v, loc);
        });
        break;
      case 'arraycomprehension':
      case 'setcomprehension':
        this.term(t.value.term, loc);
        this.body(t.value.body);
        break;
      case 'objectcomprehension':
        this.term(t.value.key, loc);
        this.term(t.value.value, loc);
        this.body(t.value.body);
        break;
      default:
        break;
    }
  }

  expr(e: Expr): void {
    if (isCallExpr(e)) {
      this.check(operatorName(e.terms[0]), e.terms.length - 1, true, e.location, e.terms[0]);
      e.terms.slice(1).forEach((t) => this.term(t, e.location));
    } else if (isSomeExpr(e)) {
      e.terms.symbols.forEach((s) => {
        if (s.type === 'call') s.value.slice(1).forEach((x) => this.term(x, e.location));
      });
    } else if (isEveryExpr(e)) {
      this.term(e.terms.domain, e.location);
      this.body(e.terms.body);
    } else {
      this.term(e.terms as Term, e.location);
    }
    for (const w of e.with ?? []) this.term(w.value, e.location);
  }

  body(body: Body): void {
    body.forEach((e) => this.expr(e));
  }
}

export function checkCalls(state: CompileState): void {
  const checker = new CallChecker(functionArities(state.rules), state.builtins);
  for (const r of state.rules) {
    for (let rule: typeof r.rule | undefined = r.rule; rule; rule = rule.else) {
      checker.body(rule.body);
      if (rule.head.key) checker.term(rule.head.key, rule.head.location);
      if (rule.head.value) checker.term(rule.head.value, rule.head.location);
      rule.head.ref.value.slice(1).forEach((t) => checker.term(t, rule.head.location));
    }
  }
  state.errors.push(...checker.errors);
  state.calledNames = checker.called;
}
