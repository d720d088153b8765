/**
 * Stage RewriteLocalVars (OPA's `rewriteLocalVars`): vars declared with
 * `:=`, `some`, `every` and function arguments get unique `__localN__` names
 * so shadowing and nested scopes (comprehensions, `every` bodies) cannot
 * collide. `:=` becomes `=`; `some x in xs` becomes an iteration
 * `xs[_] = x`. Reassigning a declared var is a `rego_compile_error`.
 */
import type { RegoError } from '../errors.js';
import type { Body, Expr, Location, Rule, SomeDecl, Term } from '../rego/ast.js';
import type { CompileState } from './types.js';
import {
  bodyVars,
  isCallExpr,
  isEveryExpr,
  isSomeExpr,
  operatorName,
  operatorRef,
  refTerm,
  termVars,
  varTerm,
} from './terms.js';

class Scope {
  readonly declared = new Map<string, string>();
  readonly used = new Set<string>();
  constructor(readonly parent?: Scope) {}

  lookup(name: string): string | undefined {
    return this.declared.get(name) ?? this.parent?.lookup(name);
  }
}

/**
 * How a renamed var was declared: `:=` (assigned), a function argument, a
 * bare `some x`, the element of `some x in xs`, an `every` key or value.
 * CheckStrict and the unused-declaration check read it.
 */
export type DeclKind = 'assigned' | 'arg' | 'some' | 'some-in' | 'every';

export class LocalVarRewriter {
  readonly errors: RegoError[] = [];
  /** Each renamed var → how it was declared. */
  readonly kinds: Record<string, DeclKind> = {};

  constructor(
    private readonly counter: { n: number },
    private readonly rewritten: Record<string, string>,
  ) {}

  fresh(original: string): string {
    const name = `__localp${this.counter.n++}__`;
    this.rewritten[name] = original;
    return name;
  }

  /** `some` and `every` vars declared in the rule being rewritten, checked for use at its end. */
  private ruleDeclared: { name: string; kind: DeclKind; location?: Location }[] = [];

  private declare(scope: Scope, v: string, kind: DeclKind, location?: Location): string {
    const name = this.fresh(v);
    scope.declared.set(v, name);
    this.kinds[name] = kind;
    if (kind === 'some' || kind === 'every') this.ruleDeclared.push({ name, kind, location });
    return name;
  }

  /**
   * A `some x` or `every` var the rule never uses is an error, as in OPA
   * (`declared var x unused`): a bare `some x` leaves no trace in the
   * rewritten rule, an `every` var only its declaration.
   */
  private checkDeclaredUsed(rule: Rule, body: Body, errorsBefore: number): void {
    // As OPA: no more errors about a rule whose declarations are already wrong.
    if (this.errors.length > errorsBefore) {
      this.ruleDeclared = [];
      return;
    }
    const seen = new Map<string, number>();
    const vars = [
      ...bodyVars(body),
      ...(rule.head.args ?? []).flatMap((a) => termVars(a)),
      ...termVars(rule.head.ref),
      ...(rule.head.key ? termVars(rule.head.key) : []),
      ...(rule.head.value ? termVars(rule.head.value) : []),
    ];
    for (const v of vars) seen.set(v, (seen.get(v) ?? 0) + 1);
    for (const d of this.ruleDeclared) {
      const uses = seen.get(d.name) ?? 0;
      if (uses > (d.kind === 'every' ? 1 : 0)) continue;
      this.errors.push({
        code: 'rego_compile_error',
        message: `declared var ${this.rewritten[d.name]} unused`,
        location: d.location,
      });
    }
    this.ruleDeclared = [];
  }

  /** Renames vars of a term using the scope chain; undeclared vars are recorded as used. */
  term(t: Term, scope: Scope): Term {
    switch (t.type) {
      case 'var': {
        const r = scope.lookup(t.value);
        if (r) return { ...t, value: r };
        if (t.value === 'data' || t.value === 'input') return t;
        scope.used.add(t.value);
        return t;
      }
      case 'ref':
      case 'array':
      case 'set':
        return { ...t, value: t.value.map((x) => this.term(x, scope)) };
      case 'call':
        return { ...t, value: [t.value[0], ...t.value.slice(1).map((x) => this.term(x, scope))] };
      case 'object':
        return {
          ...t,
          value: t.value.map(([k, v]) => [this.term(k, scope), this.term(v, scope)] as [Term, Term]),
        };
      case 'arraycomprehension':
      case 'setcomprehension': {
        const inner = new Scope(scope);
        const body = this.body(t.value.body, inner);
        return { ...t, value: { term: this.term(t.value.term, inner), body } };
      }
      case 'objectcomprehension': {
        const inner = new Scope(scope);
        const body = this.body(t.value.body, inner);
        return {
          ...t,
          value: { key: this.term(t.value.key, inner), value: this.term(t.value.value, inner), body },
        };
      }
      default:
        return t;
    }
  }

  /** Declares every var of an assignment/declaration pattern in `scope`. */
  private declarePattern(
    t: Term,
    scope: Scope,
    how: 'assigned' | 'declared',
    loc: Location | undefined,
    kind: DeclKind,
  ): Term {
    switch (t.type) {
      case 'var': {
        if (t.value.startsWith('$')) return t;
        // `input := ...` is refused in Rego v1 modules by CheckKeywordOverrides; in v0 it shadows.
        if (scope.declared.has(t.value)) {
          this.errors.push({
            code: 'rego_compile_error',
            message: `var ${t.value} ${how} above`,
            location: t.location ?? loc,
          });
        } else if (scope.used.has(t.value)) {
          this.errors.push({
            code: 'rego_compile_error',
            message: `var ${t.value} referenced above`,
            location: t.location ?? loc,
          });
        }
        return { ...t, value: this.declare(scope, t.value, kind, loc) };
      }
      case 'array':
        return { ...t, value: t.value.map((x) => this.declarePattern(x, scope, how, loc, kind)) };
      case 'object':
        return {
          ...t,
          value: t.value.map(
            ([k, v]) => [this.term(k, scope), this.declarePattern(v, scope, how, loc, kind)] as [Term, Term],
          ),
        };
      case 'ref':
        if (t.value.length === 1 && t.value[0].type === 'var')
          return this.declarePattern(t.value[0], scope, how, loc, kind);
        this.errors.push({
          code: 'rego_compile_error',
          message: `cannot assign to ref`,
          location: t.location ?? loc,
        });
        return t;
      default:
        if (termVars(t).length > 0) {
          this.errors.push({
            code: 'rego_compile_error',
            message: `cannot assign to ${t.type}`,
            location: t.location ?? loc,
          });
        }
        return t;
    }
  }

  /**
   * The element of `some x in xs`: its vars are declared, but a call, alone
   * (`some f(y) in xs`) or inside the pattern (`some [a, f(1)] in xs`), is
   * evaluated and its value compared, as OPA does.
   */
  private memberPattern(t: Term, scope: Scope, loc?: Location): Term {
    switch (t.type) {
      case 'call':
        return this.term(t, scope);
      case 'array':
        return { ...t, value: t.value.map((x) => this.memberPattern(x, scope, loc)) };
      case 'object':
        return {
          ...t,
          value: t.value.map(
            ([k, v]) => [this.term(k, scope), this.memberPattern(v, scope, loc)] as [Term, Term],
          ),
        };
      default:
        return this.declarePattern(t, scope, 'declared', loc, 'some-in');
    }
  }

  private someIn(decl: SomeDecl, call: Term & { type: 'call' }, e: Expr, scope: Scope): Expr[] {
    const op = operatorName(call.value[0]);
    const args = call.value.slice(1);
    const loc = e.location;
    if (
      (op !== 'internal.member_2' && op !== 'internal.member_3') ||
      args.length !== (op === 'internal.member_2' ? 2 : 3)
    ) {
      this.errors.push({
        code: 'rego_compile_error',
        message: `unsupported some declaration`,
        location: decl.location ?? loc,
      });
      return [];
    }
    const out: Expr[] = [];
    const collection = this.term(args[args.length - 1], scope);
    let source: Term[];
    if (collection.type === 'ref' && collection.value[0].type === 'var') source = collection.value;
    else if (collection.type === 'var') source = [collection];
    else {
      const tmp = varTerm(this.fresh('$collection'), loc);
      out.push({
        index: 0,
        terms: [operatorRef('eq', loc), tmp, collection],
        location: loc,
        generated: true,
      });
      source = [tmp];
    }
    if (op === 'internal.member_2') {
      const value = this.memberPattern(args[0], scope, loc);
      const key = varTerm(this.fresh('$key'), loc);
      out.push({
        index: 0,
        terms: [operatorRef('eq', loc), refTerm([...source, key], loc), value],
        location: loc,
      });
    } else {
      const key = this.memberPattern(args[0], scope, loc);
      const value = this.memberPattern(args[1], scope, loc);
      if (
        key.type === 'var' ||
        key.type === 'string' ||
        key.type === 'number' ||
        key.type === 'boolean' ||
        key.type === 'null'
      ) {
        out.push({
          index: 0,
          terms: [operatorRef('eq', loc), refTerm([...source, key], loc), value],
          location: loc,
        });
      } else {
        const tmp = varTerm(this.fresh('$key'), loc);
        out.push({
          index: 0,
          terms: [operatorRef('eq', loc), refTerm([...source, tmp], loc), value],
          location: loc,
        });
        out.push({ index: 0, terms: [operatorRef('eq', loc), tmp, key], location: loc });
      }
    }
    return out;
  }

  private withs(e: Expr, scope: Scope): Expr['with'] {
    return e.with?.map((w) => ({ ...w, value: this.term(w.value, scope) }));
  }

  expr(e: Expr, scope: Scope): Expr[] {
    if (isSomeExpr(e)) {
      const out: Expr[] = [];
      for (const s of e.terms.symbols) {
        if (s.type === 'var') {
          if (scope.declared.has(s.value)) {
            this.errors.push({
              code: 'rego_compile_error',
              message: `var ${s.value} declared above`,
              location: s.location ?? e.location,
            });
          }
          this.declare(scope, s.value, 'some', e.location);
        } else if (s.type === 'call') {
          out.push(...this.someIn(e.terms, s, e, scope));
        } else {
          this.errors.push({
            code: 'rego_compile_error',
            message: `unsupported some declaration`,
            location: e.location,
          });
        }
      }
      return out.map((x) => ({ ...x, with: this.withs(e, scope) }));
    }
    if (isEveryExpr(e)) {
      const ev = e.terms;
      const domain = this.term(ev.domain, scope);
      const inner = new Scope(scope);
      const key = ev.key
        ? this.declarePattern(ev.key, inner, 'declared', e.location, 'every')
        : varTerm(this.fresh('$key'), e.location);
      const value = this.declarePattern(ev.value, inner, 'declared', e.location, 'every');
      const body = this.body(ev.body, inner);
      return [{ ...e, terms: { ...ev, key, value, domain, body }, with: this.withs(e, scope) }];
    }
    if (isCallExpr(e)) {
      const op = operatorName(e.terms[0]);
      if (op === 'assign') {
        const value = this.term(e.terms[2], scope);
        const target = this.declarePattern(e.terms[1], scope, 'assigned', e.location, 'assigned');
        return [
          {
            ...e,
            terms: [operatorRef('eq', e.terms[0].location), target, value],
            with: this.withs(e, scope),
          },
        ];
      }
      return [
        {
          ...e,
          terms: [e.terms[0], ...e.terms.slice(1).map((t) => this.term(t, scope))],
          with: this.withs(e, scope),
        },
      ];
    }
    return [{ ...e, terms: this.term(e.terms as Term, scope), with: this.withs(e, scope) }];
  }

  body(body: Body, scope: Scope): Body {
    const out: Body = [];
    for (const e of body) out.push(...this.expr(e, scope));
    if (out.length === 0 && body.length > 0) {
      out.push({
        index: 0,
        terms: { type: 'boolean', value: true },
        location: body[0].location,
        generated: true,
      });
    }
    return out.map((e, i) => ({ ...e, index: i }));
  }

  rule(rule: Rule): Rule {
    const errorsBefore = this.errors.length;
    const scope = new Scope();
    const args = rule.head.args?.map((a) =>
      this.declarePattern(a, scope, 'declared', rule.head.location, 'arg'),
    );
    const body = this.body(rule.body, scope);
    const head = { ...rule.head };
    if (args) head.args = args;
    head.ref = { ...head.ref, value: head.ref.value.map((t, i) => (i === 0 ? t : this.term(t, scope))) };
    if (head.key) head.key = this.term(head.key, scope);
    if (head.value) head.value = this.term(head.value, scope);
    this.checkDeclaredUsed({ ...rule, head }, body, errorsBefore);
    const out: Rule = { ...rule, head, body };
    if (rule.else) out.else = this.rule(rule.else);
    return out;
  }

  query(body: Body): Body {
    return this.body(body, new Scope());
  }
}

export function rewriteLocalVars(state: CompileState): void {
  const rewriter = new LocalVarRewriter(state.nextLocal, state.rewrittenVars);
  for (const r of state.rules) r.rule = rewriter.rule(r.rule);
  state.errors.push(...rewriter.errors);
  state.declKinds = rewriter.kinds;
}
