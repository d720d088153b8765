/**
 * Stage CheckWith (OPA's `rewriteWithModifiers` checks): a `with` target is
 * a ground ref into `input` or `data` (not into the middle of a rule's
 * document), or a function (user function or builtin) to mock. A mock value
 * naming a builtin becomes an operator ref.
 */
import type { RegoError } from '../errors.js';
import type { Body, Expr, Term, With } from '../rego/ast.js';
import type { BuiltinLookup, CompileState } from './types.js';
import { groundPrefixLength } from './rules.js';
import { isCallExpr, isEveryExpr, mapTermChildren, operatorName, operatorRef, refToString } from './terms.js';

export class WithChecker {
  readonly errors: RegoError[] = [];
  private readonly functions = new Map<string, number>();
  private readonly rulePaths: string[][] = [];

  constructor(
    state: Pick<CompileState, 'rules'>,
    private readonly builtins: BuiltinLookup,
  ) {
    for (const r of state.rules) {
      if (r.kind === 'function') this.functions.set(refToString(r.ref), r.arity);
      else
        this.rulePaths.push(
          r.ref.slice(1, groundPrefixLength(r.ref)).map((t) => (t as { value: string }).value),
        );
    }
  }

  private arity(name: string): number | undefined {
    return this.functions.get(name) ?? (name.startsWith('data.') ? undefined : this.builtins(name)?.arity);
  }

  isFunction(name: string): boolean {
    return this.functions.has(name) || (!name.startsWith('data.') && this.builtins(name) !== undefined);
  }

  private check(w: With, e: Expr): With {
    const target = w.target;
    const loc = w.location ?? e.location;
    const name = operatorName(target);
    if (name !== undefined && this.isFunction(name)) {
      let value = w.value;
      if (value.type === 'var' && this.isFunction(value.value))
        value = operatorRef(value.value, value.location);
      if (
        value.type === 'ref' &&
        value.value[0].type === 'var' &&
        value.value[0].value !== 'data' &&
        value.value[0].value !== 'input'
      ) {
        const vname = operatorName(value);
        if (vname === undefined || !this.isFunction(vname)) {
          this.errors.push({
            code: 'rego_compile_error',
            message: `with keyword value must be a value or a function`,
            location: loc,
          });
        } else if (this.arity(vname) !== this.arity(name)) {
          this.errors.push({
            code: 'rego_type_error',
            message: `arity mismatch: ${name} has arity ${this.arity(name)}, ${vname} has arity ${this.arity(vname)}`,
            location: loc,
          });
        }
      }
      return { ...w, target: operatorRef(name, target.location), value };
    }
    if (
      target.type !== 'ref' ||
      target.value[0].type !== 'var' ||
      !['input', 'data'].includes(target.value[0].value)
    ) {
      this.errors.push({
        code: 'rego_type_error',
        message: `with keyword target must reference existing input, data, or a function`,
        location: loc,
      });
      return w;
    }
    if (groundPrefixLength(target.value) !== target.value.length) {
      this.errors.push({
        code: 'rego_type_error',
        message: `with keyword target must be a ground ref`,
        location: loc,
      });
      return w;
    }
    if (target.value[0].value === 'data') {
      const path = target.value.slice(1).map((t) => (t as { value: string }).value);
      for (const rp of this.rulePaths) {
        if (rp.length < path.length && rp.every((p, i) => p === path[i])) {
          this.errors.push({
            code: 'rego_compile_error',
            message: `with keyword cannot partially replace virtual document(s)`,
            location: loc,
          });
          break;
        }
      }
    }
    return w;
  }

  term(t: Term): Term {
    return mapTermChildren(
      t,
      (x) => this.term(x),
      (b) => this.body(b),
    );
  }

  expr(e: Expr): Expr {
    const out: Expr = { ...e };
    if (isCallExpr(e)) out.terms = e.terms.map((t) => this.term(t));
    else if (isEveryExpr(e))
      out.terms = { ...e.terms, domain: this.term(e.terms.domain), body: this.body(e.terms.body) };
    else if (!('symbols' in (e.terms as object))) out.terms = this.term(e.terms as Term);
    if (e.with) out.with = e.with.map((w) => this.check({ ...w, value: this.term(w.value) }, e));
    return out;
  }

  body(body: Body): Body {
    return body.map((e) => this.expr(e));
  }
}

export function checkWith(state: CompileState): void {
  const checker = new WithChecker(state, state.builtins);
  for (const r of state.rules) {
    for (let rule: typeof r.rule | undefined = r.rule; rule; rule = rule.else) {
      rule.body = checker.body(rule.body);
      if (rule.head.value) rule.head.value = checker.term(rule.head.value);
      if (rule.head.key) rule.head.key = checker.term(rule.head.key);
    }
  }
  state.errors.push(...checker.errors);
}
