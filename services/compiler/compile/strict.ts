/**
 * Stage CheckStrict, OPA's strict mode (`--strict`): unused imports
 * (`import data.x unused`), unused `:=` assignments (`assigned var x
 * unused`), unused function arguments, and in v0 modules too the checks
 * Rego v1 makes of every module (duplicate imports, shadowing
 * `input`/`data`, deprecated builtins). Without strict mode it does nothing.
 */
import type { RegoError } from '../errors.js';
import type { Body, Expr, Location, Rule, Term } from '../rego/ast.js';
import { formatTerm } from '../rego/printer.js';
import {
  deprecatedBuiltinErrors,
  duplicateImportErrors,
  isRegoV1Compatible,
  keywordOverrideErrors,
} from './rego-v1-checks.js';
import { bodyVars, isCallExpr, isEveryExpr, isSomeExpr } from './terms.js';
import type { CompileState } from './types.js';

/** How many times each var occurs in a rule (head, body, closures, `with`). */
function countVars(rule: Rule): Map<string, number> {
  const counts = new Map<string, number>();
  const term = (t: Term): void => {
    switch (t.type) {
      case 'var':
        counts.set(t.value, (counts.get(t.value) ?? 0) + 1);
        return;
      case 'ref':
      case 'array':
      case 'set':
      case 'call':
        t.value.forEach(term);
        return;
      case 'object':
        for (const [k, v] of t.value) {
          term(k);
          term(v);
        }
        return;
      case 'arraycomprehension':
      case 'setcomprehension':
        term(t.value.term);
        body(t.value.body);
        return;
      case 'objectcomprehension':
        term(t.value.key);
        term(t.value.value);
        body(t.value.body);
        return;
      default:
        return;
    }
  };
  const expr = (e: Expr): void => {
    if (isCallExpr(e)) e.terms.forEach(term);
    else if (isSomeExpr(e)) e.terms.symbols.forEach(term);
    else if (isEveryExpr(e)) {
      if (e.terms.key) term(e.terms.key);
      term(e.terms.value);
      term(e.terms.domain);
      body(e.terms.body);
    } else term(e.terms as Term);
    for (const w of e.with ?? []) {
      term(w.target);
      term(w.value);
    }
  };
  const body = (b: Body): void => b.forEach(expr);
  const { head } = rule;
  head.ref.value.forEach(term);
  head.args?.forEach(term);
  if (head.key) term(head.key);
  if (head.value) term(head.value);
  body(rule.body);
  return counts;
}

/** The first expression of a body that holds `v` (at any depth), for the error location. */
function exprHolding(body: Body, v: string): Location | undefined {
  return body.find((e) => bodyVars([e]).includes(v))?.location;
}

export function checkStrict(state: CompileState): void {
  if (!state.strict) return;
  const kinds = state.declKinds ?? {};
  const original = (v: string): string => state.rewrittenVars[v] ?? v;
  const errors: RegoError[] = [];
  for (const r of state.rules) {
    const argUses = new Map<string, number>();
    for (let rule: Rule | undefined = r.rule; rule; rule = rule.else) {
      const counts = countVars(rule);
      for (const [v, n] of counts) {
        const kind = kinds[v];
        if (kind === 'arg') argUses.set(original(v), Math.max(argUses.get(original(v)) ?? 0, n));
        else if (kind === 'assigned' && n <= 1) {
          errors.push({
            code: 'rego_compile_error',
            message: `assigned var ${original(v)} unused`,
            location: exprHolding(rule.body, v) ?? rule.body[0]?.location ?? rule.location,
          });
        }
      }
    }
    for (const [name, n] of argUses) {
      if (n <= 1 && !name.startsWith('$')) {
        errors.push({
          code: 'rego_compile_error',
          message: `unused argument ${name}. (hint: use _ (wildcard variable) instead)`,
          location: r.rule.head.location ?? r.rule.location,
        });
      }
    }
  }
  for (const { import: imp } of state.unusedImports ?? []) {
    const alias = imp.alias ? ` as ${imp.alias}` : '';
    errors.push({
      code: 'rego_compile_error',
      message: `import ${formatTerm(imp.path)}${alias} unused`,
      location: imp.location,
    });
  }
  // Strict mode asks of v0 modules what Rego v1 asks of every module.
  const v0Files = new Set<string>();
  for (const mod of state.parsedModules ?? []) {
    if (isRegoV1Compatible(mod)) continue;
    v0Files.add(mod.file);
    errors.push(...duplicateImportErrors(mod), ...keywordOverrideErrors(mod));
  }
  for (const r of state.rules) {
    if (v0Files.has(r.file)) errors.push(...deprecatedBuiltinErrors(r.rule, state.builtins));
  }
  state.errors.push(...errors);
}
