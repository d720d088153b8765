/**
 * Stage CheckSafety (OPA's `checkSafetyRuleBodies`/`reorderBodyForSafety`):
 * orders each body so that every var is bound before it is read, and
 * reports `rego_unsafe_var_error: var x is unsafe` for vars nothing can
 * bind. Comprehension and `every` bodies are ordered with the vars safe at
 * the point where their expression runs.
 */
import type { RegoError } from '../errors.js';
import type { Body, Expr, Location, Rule, Term } from '../rego/ast.js';
import type { CompileState } from './types.js';
import {
  bodyVars,
  closuresOf,
  exprVars,
  isCallExpr,
  isEveryExpr,
  isTermExpr,
  operatorName,
  termVars,
} from './terms.js';

type VarSet = Set<string>;

/** Returns the number of input args of a call operator, or undefined when unknown. */
export type ArityOf = (operator: string) => number | undefined;

/** A `with` mock value naming a function (`count`, `data.x.f`) is not evaluated. */
function isFunctionRef(t: Term): boolean {
  return (
    t.type === 'ref' &&
    t.value[0].type === 'var' &&
    t.value[0].value !== 'input' &&
    t.value.every((p, i) => i === 0 || p.type === 'string')
  );
}

function union(a: VarSet, b: Iterable<string>): VarSet {
  const out = new Set(a);
  for (const x of b) out.add(x);
  return out;
}

/** Vars bound by evaluating `t` when `safe` are bound, or null if `t` cannot be evaluated yet. */
function evalOutputs(t: Term, safe: VarSet): VarSet | null {
  switch (t.type) {
    case 'var':
      return safe.has(t.value) ? new Set() : null;
    case 'ref': {
      const head = t.value[0];
      if (head.type !== 'var') {
        const h = evalOutputs(head, safe);
        if (!h) return null;
      } else if (!safe.has(head.value)) return null;
      let local = safe;
      const out = new Set<string>();
      for (const op of t.value.slice(1)) {
        if (op.type === 'var') {
          if (!local.has(op.value)) {
            out.add(op.value);
            local = union(local, [op.value]);
          }
        } else if (op.type === 'ref') {
          const r = evalOutputs(op, local);
          if (!r) return null;
          r.forEach((v) => out.add(v));
          local = union(local, r);
        } else {
          for (const v of termVars(op, [], { skipClosures: true })) {
            if (!local.has(v)) {
              out.add(v);
              local = union(local, [v]);
            }
          }
        }
      }
      return out;
    }
    case 'array':
    case 'set': {
      let local = safe;
      const out = new Set<string>();
      for (const x of t.value) {
        const r = evalOutputs(x, local);
        if (!r) return null;
        r.forEach((v) => out.add(v));
        local = union(local, r);
      }
      return out;
    }
    case 'object': {
      let local = safe;
      const out = new Set<string>();
      for (const [k, v] of t.value) {
        for (const x of [k, v]) {
          const r = evalOutputs(x, local);
          if (!r) return null;
          r.forEach((y) => out.add(y));
          local = union(local, r);
        }
      }
      return out;
    }
    case 'call':
      return null;
    default:
      return new Set();
  }
}

/** Vars bound by matching `t` against a known value. */
function patternOutputs(t: Term, safe: VarSet): VarSet | null {
  switch (t.type) {
    case 'var':
      return safe.has(t.value) ? new Set() : new Set([t.value]);
    case 'array': {
      let local = safe;
      const out = new Set<string>();
      for (const x of t.value) {
        const r = patternOutputs(x, local);
        if (!r) return null;
        r.forEach((v) => out.add(v));
        local = union(local, r);
      }
      return out;
    }
    case 'object': {
      let local = safe;
      const out = new Set<string>();
      for (const [k, v] of t.value) {
        const rk = evalOutputs(k, local);
        if (!rk) return null;
        local = union(local, rk);
        const rv = patternOutputs(v, local);
        if (!rv) return null;
        [...rk, ...rv].forEach((x) => out.add(x));
        local = union(local, rv);
      }
      return out;
    }
    default:
      return evalOutputs(t, safe);
  }
}

function unifyOutputs(a: Term, b: Term, safe: VarSet): VarSet | null {
  const oa = evalOutputs(a, safe);
  if (oa) {
    const ob = patternOutputs(b, union(safe, oa));
    return ob ? union(oa, ob) : null;
  }
  const ob = evalOutputs(b, safe);
  if (ob) {
    const pa = patternOutputs(a, union(safe, ob));
    return pa ? union(ob, pa) : null;
  }
  let pairs: [Term, Term][] | undefined;
  if (a.type === 'array' && b.type === 'array' && a.value.length === b.value.length) {
    pairs = a.value.map((x, i) => [x, b.value[i]]);
  } else if (a.type === 'object' && b.type === 'object') {
    pairs = [];
    for (const [k, v] of a.value) {
      const other = b.value.find(
        ([bk]) => JSON.stringify(bk.value) === JSON.stringify(k.value) && bk.type === k.type,
      );
      if (other) pairs.push([v, other[1]]);
    }
  }
  if (!pairs) return null;
  let out = new Set<string>();
  let pending = pairs;
  while (pending.length > 0) {
    const next: [Term, Term][] = [];
    for (const [x, y] of pending) {
      const r = unifyOutputs(x, y, union(safe, out));
      if (r) out = union(out, r);
      else next.push([x, y]);
    }
    if (next.length === pending.length) return null;
    pending = next;
  }
  return out;
}

/** Keywords a v0 module must import; an unsafe var of that name hints at the import, as OPA. */
const FUTURE_KEYWORDS = new Set(['contains', 'every', 'if', 'in']);

export class SafetyChecker {
  readonly errors: RegoError[] = [];
  /** Unsafe vars found in the rule or query being checked, reported together by `flush`. */
  private pending: { v: string; location?: Location }[] = [];

  constructor(
    private readonly arityOf: ArityOf,
    private readonly rewritten: Record<string, string>,
  ) {}

  /** The name the author wrote; undefined for vars the compiler made up (a lifted call result). */
  private authorName(v: string): string | undefined {
    if (v.startsWith('$')) return '_';
    const original = this.rewritten[v];
    if (original !== undefined) return original.startsWith('$') ? undefined : original;
    return v.startsWith('__local') ? undefined : v;
  }

  private unsafe(vars: Iterable<string>, location?: Location): void {
    for (const v of vars) this.pending.push({ v, location });
  }

  /**
   * Reports the unsafe vars of the rule or query just checked, as OPA's
   * `safetyErrorSlice`: vars the author wrote, by name; only when none is
   * unsafe, each expression whose compiler-made vars are (`expression is
   * unsafe`), never an internal name.
   */
  flush(): void {
    const pending = this.pending;
    this.pending = [];
    const seen = new Set<string>();
    let reported = false;
    for (const { v, location } of pending) {
      const name = this.authorName(v);
      if (name === undefined) continue;
      reported = true;
      const key = `${name}@${location?.file}:${location?.row}:${location?.col}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const message = FUTURE_KEYWORDS.has(name)
        ? `var ${name} is unsafe (hint: \`import future.keywords.${name}\` to import a future keyword)`
        : `var ${name} is unsafe`;
      this.errors.push({ code: 'rego_unsafe_var_error', message, location });
    }
    if (reported) return;
    const generated = new Set<string>();
    for (const { v, location } of pending) {
      if (generated.has(v)) continue;
      generated.add(v);
      const key = `expr@${location?.file}:${location?.row}:${location?.col}`;
      if (seen.has(key)) continue;
      seen.add(key);
      this.errors.push({ code: 'rego_unsafe_var_error', message: 'expression is unsafe', location });
    }
  }

  /** Outputs of an expression given `safe`, or null when it cannot run yet. */
  private exprOutputs(e: Expr, safe: VarSet): VarSet | null {
    for (const w of e.with ?? []) {
      if (isFunctionRef(w.value)) continue;
      if (
        !evalOutputs(w.value, safe) ||
        termVars(w.value, [], { skipClosures: true }).some((v) => !safe.has(v))
      ) {
        return null;
      }
    }
    if (e.negated) {
      return exprVars(e, [], { skipClosures: true }).every((v) => safe.has(v)) ? new Set() : null;
    }
    if (isEveryExpr(e)) {
      return evalOutputs(e.terms.domain, safe) && termVars(e.terms.domain).every((v) => safe.has(v))
        ? new Set()
        : null;
    }
    if (isCallExpr(e)) {
      const op = operatorName(e.terms[0]) ?? '';
      const args = e.terms.slice(1);
      if (op === 'eq') return unifyOutputs(args[0], args[1], safe);
      const arity = this.arityOf(op);
      const hasOutput = arity !== undefined && args.length === arity + 1;
      const inputs = hasOutput ? args.slice(0, arity) : args;
      let out = new Set<string>();
      for (const a of inputs) {
        const r = evalOutputs(a, union(safe, out));
        if (!r) return null;
        out = union(out, r);
      }
      if (hasOutput) {
        const r = patternOutputs(args[args.length - 1], union(safe, out));
        if (!r) return null;
        out = union(out, r);
      }
      return out;
    }
    if (isTermExpr(e)) return evalOutputs(e.terms, safe);
    return new Set();
  }

  /** Vars of closures inside `e` that belong to the enclosing scope. */
  private closureNeeds(e: Expr, outer: VarSet): string[] {
    const needs: string[] = [];
    for (const c of closuresOf(e)) termVars(c).forEach((v) => outer.has(v) && needs.push(v));
    if (isEveryExpr(e)) {
      bodyVars(e.terms.body).forEach((v) => outer.has(v) && needs.push(v));
    }
    return needs;
  }

  /** Orders `body`; returns the new body and the vars safe at its end. */
  body(body: Body, globals: VarSet, enclosing: VarSet): { body: Body; safe: VarSet; unsafe: VarSet } {
    const outer = union(enclosing, bodyVars(body, [], { skipClosures: true }));
    let safe = new Set(globals);
    const ordered: Body = [];
    let remaining = [...body];
    let progress = true;
    while (remaining.length > 0 && progress) {
      progress = false;
      const next: Expr[] = [];
      for (const e of remaining) {
        const outputs = this.closureNeeds(e, outer).every((v) => safe.has(v))
          ? this.exprOutputs(e, safe)
          : null;
        if (outputs) {
          ordered.push(this.closures(e, safe, outer));
          safe = union(safe, outputs);
          progress = true;
        } else {
          next.push(e);
        }
      }
      remaining = next;
    }
    const unsafe = new Set<string>();
    for (const e of remaining) {
      const loose = new Set<string>();
      if (isCallExpr(e)) {
        for (const t of e.terms.slice(1)) {
          if (t.type === 'ref') t.value.slice(1).forEach((op) => termVars(op).forEach((v) => loose.add(v)));
        }
      }
      const vars = [...exprVars(e, [], { skipClosures: true }), ...this.closureNeeds(e, outer)];
      const bad = vars.filter((v) => !safe.has(v) && !loose.has(v));
      const reported = bad.length > 0 ? bad : vars.filter((v) => !safe.has(v));
      this.unsafe(reported, e.location);
      reported.forEach((v) => unsafe.add(v));
      ordered.push(e);
    }
    return { body: ordered.map((e, i) => ({ ...e, index: i })), safe: union(safe, unsafe), unsafe };
  }

  /** Orders the bodies of closures inside a scheduled expression. */
  private closures(e: Expr, safe: VarSet, outer: VarSet): Expr {
    const mapTerm = (t: Term): Term => {
      switch (t.type) {
        case 'arraycomprehension':
        case 'setcomprehension': {
          const r = this.body(t.value.body, safe, outer);
          this.headSafe([t.value.term], r.safe, t.location ?? e.location);
          return { ...t, value: { term: t.value.term, body: r.body } };
        }
        case 'objectcomprehension': {
          const r = this.body(t.value.body, safe, outer);
          this.headSafe([t.value.key, t.value.value], r.safe, t.location ?? e.location);
          return { ...t, value: { ...t.value, body: r.body } };
        }
        case 'ref':
        case 'array':
        case 'set':
        case 'call':
          return { ...t, value: t.value.map(mapTerm) };
        case 'object':
          return { ...t, value: t.value.map(([k, v]) => [mapTerm(k), mapTerm(v)] as [Term, Term]) };
        default:
          return t;
      }
    };
    const out: Expr = { ...e };
    if (isCallExpr(e)) out.terms = e.terms.map(mapTerm);
    else if (isEveryExpr(e)) {
      const ev = e.terms;
      const bound = union(safe, [...(ev.key ? termVars(ev.key) : []), ...termVars(ev.value)]);
      out.terms = { ...ev, domain: mapTerm(ev.domain), body: this.body(ev.body, bound, outer).body };
    } else if (isTermExpr(e)) out.terms = mapTerm(e.terms);
    if (e.with) out.with = e.with.map((w) => ({ ...w, value: mapTerm(w.value) }));
    return out;
  }

  private headSafe(terms: Term[], safe: VarSet, location?: Location): void {
    const bad = terms.flatMap((t) => termVars(t, [], { skipClosures: true })).filter((v) => !safe.has(v));
    this.unsafe(bad, location);
  }

  rule(rule: Rule): Rule {
    const globals = new Set(['data', 'input']);
    for (const a of rule.head.args ?? []) termVars(a).forEach((v) => globals.add(v));
    const r = this.body(rule.body, globals, globals);
    const head = { ...rule.head };
    const outer = union(r.safe, bodyVars(rule.body, [], { skipClosures: true }));
    const headExpr = (t: Term): Term => {
      const e = this.closures(
        { index: 0, terms: t, location: head.location ?? rule.location },
        r.safe,
        outer,
      );
      return e.terms as Term;
    };
    if (head.key) head.key = headExpr(head.key);
    if (head.value) head.value = headExpr(head.value);
    const headTerms = [...head.ref.value.slice(1)];
    if (head.key) headTerms.push(head.key);
    if (head.value) headTerms.push(head.value);
    this.headSafe(headTerms, r.safe, head.location ?? rule.location);
    this.flush();
    const out: Rule = { ...rule, head, body: r.body };
    if (rule.else) out.else = this.rule(rule.else);
    return out;
  }
}

export function arityLookup(state: CompileState): ArityOf {
  const functions = new Map<string, number>();
  for (const r of state.rules) {
    if (r.kind === 'function') functions.set(operatorName({ type: 'ref', value: r.ref })!, r.arity);
  }
  return (op) => (op.startsWith('data.') ? functions.get(op) : state.builtins(op)?.arity);
}

export function checkSafety(state: CompileState): void {
  const checker = new SafetyChecker(arityLookup(state), state.rewrittenVars);
  for (const r of state.rules) r.rule = checker.rule(r.rule);
  state.errors.push(...checker.errors);
}
