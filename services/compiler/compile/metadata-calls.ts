/**
 * Stage RewriteRegoMetadataCalls (OPA's `rewriteRegoMetadataCalls`): there
 * is no `rego.metadata.*` builtin at run time; each call becomes the
 * constant it returns for the rule it is written in. `x := rego.metadata.rule()`
 * reads `x := {...}`; the call form with an output argument,
 * `rego.metadata.chain(c)`, becomes `c = [...]`. `else` branches are rules of
 * their own without blocks, as in OPA.
 */
import type { Body, Expr, Rule, Term } from '../rego/ast.js';
import { ruleAnnotationsOf, chainOf, type AnnotationSet } from './annotation-set.js';
import { AnnotationValueError, annotationsTerm, chainTerm } from './annotation-terms.js';
import { isCallExpr, isEveryExpr, isSomeExpr, mapTermChildren, operatorName, operatorRef } from './terms.js';
import type { CompileState } from './types.js';

export const METADATA_RULE = 'rego.metadata.rule';
export const METADATA_CHAIN = 'rego.metadata.chain';

/** The name of a `rego.metadata.*` operator, or undefined. */
export function metadataCall(op: Term): string | undefined {
  const name = operatorName(op);
  return name === METADATA_RULE || name === METADATA_CHAIN ? name : undefined;
}

/** Gives the value of a `rego.metadata.*` call; `call` is where it is written. */
type MetadataValue = (name: string, call: Term) => Term;

export class MetadataRewriter {
  constructor(private readonly valueOf: MetadataValue) {}

  /** Each use gets its own copy, as later stages rewrite terms in place. */
  private value(name: string, call: Term): Term {
    return structuredClone(this.valueOf(name, call));
  }

  term(t: Term): Term {
    if (t.type === 'call' && t.value.length === 1) {
      const name = metadataCall(t.value[0]);
      if (name) return this.value(name, t);
    }
    return mapTermChildren(
      t,
      (x) => this.term(x),
      (b) => this.body(b),
    );
  }

  body(body: Body): Body {
    return body.map((e) => this.expr(e));
  }

  expr(e: Expr): Expr {
    const out: Expr = { ...e };
    if (isCallExpr(e)) {
      const [op, ...args] = e.terms;
      const name = metadataCall(op);
      if (name && args.length <= 1) {
        const value = this.value(name, { type: 'call', value: [op], location: e.location });
        // With an output argument the call unifies it with the value; alone it is just the (truthy) value.
        out.terms = args.length === 0 ? value : [operatorRef('eq', e.location), args[0], value];
        out.generated = true;
      } else {
        out.terms = [op, ...args.map((t) => this.term(t))];
      }
    } else if (isSomeExpr(e)) {
      out.terms = { ...e.terms, symbols: e.terms.symbols.map((s) => this.term(s)) };
    } else if (isEveryExpr(e)) {
      out.terms = { ...e.terms, domain: this.term(e.terms.domain), body: this.body(e.terms.body) };
    } else {
      out.terms = this.term(e.terms as Term);
    }
    if (e.with) out.with = e.with.map((w) => ({ ...w, value: this.term(w.value) }));
    return out;
  }

  headAndBody(r: Rule): void {
    r.body = this.body(r.body);
    if (r.head.value) r.head.value = this.term(r.head.value);
    if (r.head.key) r.head.key = this.term(r.head.key);
  }
}

/** The values for calls in `rule`, each built on first use. */
function ruleValues(set: AnnotationSet, rule: Rule, pkg: string[]): MetadataValue {
  let ruleValue: Term | undefined;
  let chainValue: Term | undefined;
  return (name, call) => {
    if (name === METADATA_RULE) {
      const a = ruleAnnotationsOf(set, rule);
      ruleValue ??= a
        ? annotationsTerm(a, call.location)
        : { type: 'object', value: [], location: call.location };
      return ruleValue;
    }
    chainValue ??= chainTerm(chainOf(set, rule, pkg), call.location);
    return chainValue;
  };
}

/** In a query there is no rule: `rego.metadata.rule()` is `{}` and `rego.metadata.chain()` is `[]`, as in OPA. */
export const QUERY_VALUES: MetadataValue = (name, call) =>
  name === METADATA_RULE
    ? { type: 'object', value: [], location: call.location }
    : { type: 'array', value: [], location: call.location };

export function rewriteRegoMetadataCalls(state: CompileState): void {
  const set = state.annotations;
  if (!set) throw new Error('RewriteRegoMetadataCalls runs after SetAnnotationSet');
  const called = state.calledNames;
  if (called && !called.has(METADATA_RULE) && !called.has(METADATA_CHAIN)) return;
  for (const { rule } of state.rules) {
    const pkg = set.packageOf.get(rule) ?? [];
    for (let r: Rule | undefined = rule; r; r = r.else) {
      try {
        new MetadataRewriter(ruleValues(set, r, pkg)).headAndBody(r);
      } catch (err) {
        if (!(err instanceof AnnotationValueError)) throw err;
        state.errors.push(err.error);
      }
    }
  }
}
