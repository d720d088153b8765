/**
 * Stage RewriteExprTerms (OPA's `rewriteExprTerms`/`rewriteDynamicTerms`):
 * the planner only sees calls as whole expressions, so calls nested in terms
 * are lifted into their own expressions with an output var
 * (`x = count(y) + 1` → `count(y, $a); plus($a, 1, $b); x = $b`). Ref heads
 * that are not vars and ref operands that are refs are bound to vars first.
 * Head terms lift into the end of the rule body.
 */
import type { Body, Expr, Location, Rule, Term } from '../rego/ast.js';
import type { CompileState } from './types.js';
import { isCallExpr, isEveryExpr, isGround, operatorName, operatorRef, varTerm } from './terms.js';

export class TermLifter {
  constructor(
    private readonly counter: { n: number },
    private readonly rewritten: Record<string, string>,
    /** Each var this stage makes up → the term it stands for, so messages can show that term. */
    readonly lifted: Record<string, Term> = {},
  ) {}

  private fresh(loc: Location | undefined, standsFor: Term): Term {
    const name = `__localp${this.counter.n++}__`;
    this.rewritten[name] = '$term';
    this.lifted[name] = standsFor;
    return varTerm(name, loc);
  }

  private emit(pre: Expr[], terms: Term[], loc?: Location): void {
    pre.push({ index: 0, terms, location: loc, generated: true });
  }

  term(t: Term, pre: Expr[], loc?: Location): Term {
    const where = t.location ?? loc;
    switch (t.type) {
      case 'call': {
        const args = t.value.slice(1).map((a) => this.term(a, pre, where));
        const out = this.fresh(where, { ...t, value: [t.value[0], ...args] });
        this.emit(pre, [t.value[0], ...args, out], where);
        return out;
      }
      case 'ref': {
        let head = t.value[0];
        if (head.type !== 'var') {
          const lifted = this.term(head, pre, where);
          if (lifted.type === 'var') head = lifted;
          else {
            head = this.fresh(where, lifted);
            this.emit(pre, [operatorRef('eq', where), head, lifted], where);
          }
        }
        const rest = t.value.slice(1).map((op) => {
          const lifted = this.term(op, pre, where);
          if (lifted.type === 'ref' || (!isGround(lifted) && lifted.type !== 'var')) {
            const v = this.fresh(where, lifted);
            this.emit(pre, [operatorRef('eq', where), v, lifted], where);
            return v;
          }
          return lifted;
        });
        return { ...t, value: [head, ...rest] };
      }
      case 'array':
      case 'set':
        return { ...t, value: t.value.map((x) => this.term(x, pre, where)) };
      case 'object':
        return {
          ...t,
          value: t.value.map(
            ([k, v]) => [this.term(k, pre, where), this.term(v, pre, where)] as [Term, Term],
          ),
        };
      case 'arraycomprehension':
      case 'setcomprehension': {
        const body = this.body(t.value.body);
        const tail: Expr[] = [];
        const term = this.term(t.value.term, tail, where);
        return { ...t, value: { term, body: renumber([...body, ...tail]) } };
      }
      case 'objectcomprehension': {
        const body = this.body(t.value.body);
        const tail: Expr[] = [];
        const key = this.term(t.value.key, tail, where);
        const value = this.term(t.value.value, tail, where);
        return { ...t, value: { key, value, body: renumber([...body, ...tail]) } };
      }
      default:
        return t;
    }
  }

  expr(e: Expr): Expr[] {
    const pre: Expr[] = [];
    const withPre: Expr[] = [];
    const withs = e.with?.map((w) => ({ ...w, value: this.term(w.value, withPre, e.location) }));
    let out: Expr;
    if (isCallExpr(e)) {
      const isEq = operatorName(e.terms[0]) === 'eq';
      const args = e.terms.slice(1).map((t) => {
        const lifted = this.term(t, pre, e.location);
        // Refs that iterate are bound first, so their vars can feed the call's other arguments.
        if (
          !isEq &&
          !e.negated &&
          lifted.type === 'ref' &&
          lifted.value.slice(1).some((op) => op.type === 'var')
        ) {
          const v = this.fresh(e.location, lifted);
          this.emit(pre, [operatorRef('eq', e.location), v, lifted], e.location);
          return v;
        }
        return lifted;
      });
      out = { ...e, terms: [e.terms[0], ...args] };
    } else if (isEveryExpr(e)) {
      const ev = e.terms;
      let domain = this.term(ev.domain, pre, e.location);
      if (domain.type !== 'var' && domain.type !== 'ref') {
        const v = this.fresh(e.location, domain);
        this.emit(pre, [operatorRef('eq', e.location), v, domain], e.location);
        domain = v;
      }
      out = { ...e, terms: { ...ev, domain, body: this.body(ev.body) } };
    } else if (typeof e.terms === 'object' && 'type' in e.terms && e.terms.type === 'some') {
      out = e;
    } else {
      out = { ...e, terms: this.term(e.terms as Term, pre, e.location) };
    }
    if (withs) {
      out.with = withs;
      for (const p of pre) p.with = withs;
    }
    return [...withPre, ...pre, out];
  }

  body(body: Body): Body {
    const out: Body = [];
    for (const e of body) out.push(...this.expr(e));
    return renumber(out);
  }

  /**
   * A head term that iterates (`q := xs[_]`) is bound in the body, as OPA
   * does, so its vars are safe and each value it yields is one output.
   */
  private headTerm(t: Term, tail: Expr[], loc?: Location): Term {
    const lifted = this.term(t, tail, loc);
    if (lifted.type !== 'ref' || lifted.value.slice(1).every((op) => isGround(op))) return lifted;
    const v = this.fresh(lifted.location ?? loc, lifted);
    this.emit(tail, [operatorRef('eq', loc), v, lifted], loc);
    return v;
  }

  rule(rule: Rule): Rule {
    const body = this.body(rule.body);
    const tail: Expr[] = [];
    const head = { ...rule.head };
    const loc = head.location;
    head.ref = {
      ...head.ref,
      value: head.ref.value.map((t, i) =>
        i === 0 || t.type === 'var' || isGround(t) ? t : this.term(t, tail, loc),
      ),
    };
    if (head.key) head.key = this.headTerm(head.key, tail, loc);
    if (head.value) head.value = this.headTerm(head.value, tail, loc);
    const out: Rule = { ...rule, head, body: renumber([...body, ...tail]) };
    if (rule.else) out.else = this.rule(rule.else);
    return out;
  }
}

function renumber(body: Body): Body {
  return body.map((e, i) => ({ ...e, index: i }));
}

export function liftTerms(state: CompileState): void {
  const lifter = new TermLifter(state.nextLocal, state.rewrittenVars);
  for (const r of state.rules) r.rule = lifter.rule(r.rule);
  state.liftedTerms = lifter.lifted;
}
