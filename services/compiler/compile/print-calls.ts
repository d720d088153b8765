/**
 * Stage RewritePrintCalls (OPA's `rewritePrintCalls`), run only when the
 * host shows print output (`portcullis test` and `eval`, as `opa test` and
 * `opa eval` do): `print(a, b)` becomes `internal.print([{x | x = a}, {y |
 * y = b}])`. Each argument is captured as the set of its values, so an
 * undefined argument prints `<undefined>`, one that iterates prints once per
 * value, and the call never makes its body fail. Without this stage the
 * planner drops `print` calls, as OPA's WASM target does.
 */
import type { Body, Expr, Rule, Term } from '../rego/ast.js';
import { isCallExpr, isEveryExpr, mapTermChildren, operatorName, operatorRef, varTerm } from './terms.js';
import type { CompileState } from './types.js';

export class PrintCallRewriter {
  constructor(
    private readonly counter: { n: number },
    private readonly rewritten: Record<string, string>,
  ) {}

  private capture(arg: Term): Term {
    const name = `__localp${this.counter.n++}__`;
    this.rewritten[name] = '$print';
    const x = varTerm(name, arg.location);
    const body: Body = [
      { index: 0, terms: [operatorRef('eq', arg.location), x, arg], location: arg.location },
    ];
    return { type: 'setcomprehension', value: { term: x, body }, location: arg.location };
  }

  private term = (t: Term): Term => mapTermChildren(t, this.term, this.body);

  private expr(e: Expr): Expr {
    if (isCallExpr(e)) {
      const args = e.terms.slice(1).map(this.term);
      if (operatorName(e.terms[0]) === 'print') {
        const captured: Term = {
          type: 'array',
          value: args.map((a) => this.capture(a)),
          location: e.location,
        };
        return { ...e, terms: [operatorRef('internal.print', e.terms[0].location), captured] };
      }
      return { ...e, terms: [e.terms[0], ...args] };
    }
    if (isEveryExpr(e))
      return {
        ...e,
        terms: { ...e.terms, domain: this.term(e.terms.domain), body: this.body(e.terms.body) },
      };
    if ('type' in e.terms && e.terms.type === 'some') return e;
    return { ...e, terms: this.term(e.terms as Term) };
  }

  body = (body: Body): Body => body.map((e) => this.expr(e));

  rule(rule: Rule): Rule {
    const head = { ...rule.head };
    if (head.key) head.key = this.term(head.key);
    if (head.value) head.value = this.term(head.value);
    const out: Rule = { ...rule, head, body: this.body(rule.body) };
    if (rule.else) out.else = this.rule(rule.else);
    return out;
  }
}

export function rewritePrintCalls(state: CompileState): void {
  if (!state.print) return;
  const rewriter = new PrintCallRewriter(state.nextLocal, state.rewrittenVars);
  for (const r of state.rules) r.rule = rewriter.rule(r.rule);
}
