/**
 * Stage ResolveRefs: rewrites names that refer to rules of the module's
 * package or to imports into full `data.`/`input.` refs (OPA's
 * `resolveAllRefs`). Rule head refs become full refs (`data.pkg.p.q[x]`).
 * Vars the rule declares itself (function args, `:=`, `some`, `every`) are
 * never resolved.
 */
import type { Body, Expr, Import, Module, Rule, Term, With } from '../rego/ast.js';
import type { CompileState } from './types.js';
import {
  isCallExpr,
  isEveryExpr,
  isSomeExpr,
  mapTermChildren,
  operatorName,
  refTerm,
  stringTerm,
  termVars,
  varTerm,
} from './terms.js';

type Globals = Map<string, Term[]>;

/** Package path without the leading `data`. */
export function packagePath(mod: Module): string[] {
  const parts = mod.package.path.value;
  const out: string[] = [];
  parts.forEach((p, i) => {
    if (i === 0 && p.type === 'var') {
      if (p.value !== 'data') out.push(p.value);
    } else if (p.type === 'string') {
      out.push(p.value);
    }
  });
  return out;
}

/** The name an import of `data` or `input` binds (its alias or last part), if any. */
function importName(imp: Import): string | undefined {
  const parts = imp.path.value;
  const head = parts[0];
  if (head.type !== 'var' || (head.value !== 'data' && head.value !== 'input')) return undefined;
  const last = parts[parts.length - 1];
  const alias =
    imp.alias ?? (parts.length === 1 ? head.value : last.type === 'string' ? last.value : undefined);
  if (!alias || (parts.length === 1 && !imp.alias)) return undefined;
  return alias;
}

function moduleGlobals(mod: Module, packageRules: Map<string, Set<string>>): Globals {
  const globals: Globals = new Map();
  const pkg = packagePath(mod);
  for (const imp of mod.imports) {
    const alias = importName(imp);
    if (alias) globals.set(alias, imp.path.value);
  }
  // Rules of the same package in other modules are visible too.
  for (const name of packageRules.get(pkg.join('.')) ?? []) {
    globals.set(name, [varTerm('data'), ...pkg.map((p) => stringTerm(p)), stringTerm(name)]);
  }
  return globals;
}

/** Vars a `some ... in` pattern binds: all of its vars but those inside a call. */
function patternVars(t: Term, out: string[] = []): string[] {
  switch (t.type) {
    case 'var':
      out.push(t.value);
      break;
    case 'array':
    case 'set':
    case 'ref':
      t.value.forEach((x) => patternVars(x, out));
      break;
    case 'object':
      t.value.forEach(([k, v]) => {
        patternVars(k, out);
        patternVars(v, out);
      });
      break;
    default:
      break;
  }
  return out;
}

/** Vars a rule declares (args, `:=` targets, `some`, `every` key/value), at any depth. */
function declaredVars(rule: Rule): Set<string> {
  const out = new Set<string>();
  for (const a of rule.head.args ?? []) termVars(a, []).forEach((v) => out.add(v));
  const visitBody = (body: Body): void => body.forEach(visitExpr);
  const visitTerm = (t: Term): void => {
    switch (t.type) {
      case 'arraycomprehension':
      case 'setcomprehension':
        visitBody(t.value.body);
        break;
      case 'objectcomprehension':
        visitBody(t.value.body);
        break;
      case 'ref':
      case 'array':
      case 'set':
      case 'call':
        t.value.forEach(visitTerm);
        break;
      case 'object':
        t.value.forEach(([k, v]) => {
          visitTerm(k);
          visitTerm(v);
        });
        break;
      default:
        break;
    }
  };
  const visitExpr = (e: Expr): void => {
    if (isSomeExpr(e)) {
      for (const s of e.terms.symbols) {
        if (s.type === 'var') out.add(s.value);
        else if (s.type === 'call') {
          // some k, v in xs: every arg but the collection is declared, except inside a call
          // (`some f(y) in xs` evaluates f(y): f and y are read, and f resolves to its rule)
          s.value.slice(1, -1).forEach((a) => {
            patternVars(a).forEach((v) => out.add(v));
            visitTerm(a);
          });
          visitTerm(s.value[s.value.length - 1]);
        }
      }
    } else if (isEveryExpr(e)) {
      if (e.terms.key) termVars(e.terms.key).forEach((v) => out.add(v));
      termVars(e.terms.value).forEach((v) => out.add(v));
      visitTerm(e.terms.domain);
      visitBody(e.terms.body);
    } else if (isCallExpr(e)) {
      if (operatorName(e.terms[0]) === 'assign' && e.terms[1])
        termVars(e.terms[1]).forEach((v) => out.add(v));
      e.terms.forEach(visitTerm);
    } else {
      visitTerm(e.terms as Term);
    }
  };
  for (let r: Rule | undefined = rule; r; r = r.else) {
    visitBody(r.body);
    // Comprehensions in the head declare their own vars too (`p := {n | some n in xs}`).
    if (r.head.key) visitTerm(r.head.key);
    if (r.head.value) visitTerm(r.head.value);
  }
  return out;
}

class Resolver {
  constructor(
    private readonly globals: Globals,
    private readonly ignore: Set<string>,
    /** Global names this resolver resolved (imports read count as used). */
    readonly used = new Set<string>(),
  ) {}

  private lookup(name: string): Term[] | undefined {
    if (this.ignore.has(name)) return undefined;
    const found = this.globals.get(name);
    if (found) this.used.add(name);
    return found;
  }

  term(t: Term): Term {
    switch (t.type) {
      case 'var': {
        const g = this.lookup(t.value);
        return g ? refTerm([...g.map((p) => ({ ...p, location: t.location }))], t.location) : t;
      }
      case 'ref': {
        const [head, ...rest] = t.value;
        const resolvedRest = rest.map((x) => this.term(x));
        if (head.type === 'var') {
          const g = this.lookup(head.value);
          if (g)
            return { ...t, value: [...g.map((p) => ({ ...p, location: head.location })), ...resolvedRest] };
          return { ...t, value: [head, ...resolvedRest] };
        }
        return { ...t, value: [this.term(head), ...resolvedRest] };
      }
      case 'call':
        return { ...t, value: [this.operator(t.value[0]), ...t.value.slice(1).map((x) => this.term(x))] };
      default:
        return mapTermChildren(
          t,
          (x) => this.term(x),
          (b) => this.body(b),
        );
    }
  }

  /** Operators resolve like refs, but a bare var stays a bare builtin name. */
  operator(op: Term): Term {
    if (op.type === 'var') {
      const g = this.lookup(op.value);
      return g
        ? refTerm(
            g.map((p) => ({ ...p, location: op.location })),
            op.location,
          )
        : refTerm([op], op.location);
    }
    return this.term(op);
  }

  body(body: Body): Body {
    return body.map((e) => this.expr(e));
  }

  expr(e: Expr): Expr {
    const out: Expr = { ...e };
    if (isCallExpr(e)) {
      out.terms = [this.operator(e.terms[0]), ...e.terms.slice(1).map((t) => this.term(t))];
    } else if (isSomeExpr(e)) {
      out.terms = { ...e.terms, symbols: e.terms.symbols.map((s) => (s.type === 'call' ? this.term(s) : s)) };
    } else if (isEveryExpr(e)) {
      out.terms = { ...e.terms, domain: this.term(e.terms.domain), body: this.body(e.terms.body) };
    } else {
      out.terms = this.term(e.terms as Term);
    }
    if (e.with)
      out.with = e.with.map((w): With => ({
        ...w,
        target: this.withTarget(w.target),
        value: this.term(w.value),
      }));
    return out;
  }

  private withTarget(t: Term): Term {
    if (t.type === 'var' && t.value !== 'input' && t.value !== 'data') return this.operator(t);
    if (t.type === 'var') return refTerm([t], t.location);
    return this.term(t);
  }

  rule(rule: Rule, pkg: string[]): Rule {
    const head = rule.head;
    const [name, ...rest] = head.ref.value;
    const fullRef = refTerm(
      [
        varTerm('data', name.location),
        ...pkg.map((p) => stringTerm(p, name.location)),
        name.type === 'var' ? stringTerm(name.value, name.location) : name,
        ...rest.map((x) => this.term(x)),
      ],
      head.ref.location,
    );
    const out: Rule = {
      ...rule,
      head: {
        ...head,
        ref: fullRef,
        key: head.key ? this.term(head.key) : undefined,
        value: head.value ? this.term(head.value) : undefined,
      },
      body: this.body(rule.body),
    };
    if (out.head.key === undefined) delete out.head.key;
    if (out.head.value === undefined) delete out.head.value;
    if (rule.else) out.else = this.rule({ ...rule.else, head: { ...rule.else.head, ref: head.ref } }, pkg);
    return out;
  }
}

export function resolveRefs(state: CompileState): void {
  const packageRules = new Map<string, Set<string>>();
  for (const mod of state.modules) {
    const key = packagePath(mod).join('.');
    const names = packageRules.get(key) ?? new Set<string>();
    for (const rule of mod.rules) {
      const head = rule.head.ref.value[0];
      if (head?.type === 'var') names.add(head.value);
    }
    packageRules.set(key, names);
  }
  const unusedImports: { import: Import; file: string }[] = [];
  state.modules = state.modules.map((mod) => {
    const globals = moduleGlobals(mod, packageRules);
    const pkg = packagePath(mod);
    const used = new Set<string>();
    const rules = mod.rules.map((rule) => new Resolver(globals, declaredVars(rule), used).rule(rule, pkg));
    for (const imp of mod.imports) {
      const name = importName(imp);
      if (name !== undefined && globals.get(name) === imp.path.value && !used.has(name)) {
        unusedImports.push({ import: imp, file: mod.file });
      }
    }
    return { ...mod, rules };
  });
  state.unusedImports = unusedImports;
}

/** Resolves a query body: only imports-free names, so just normalises operators. */
export function resolveQuery(body: Body): Body {
  return new Resolver(new Map(), new Set()).body(body);
}
