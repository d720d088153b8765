/**
 * Checks OPA 1.x runs only on Rego v1 modules and on v0 modules that
 * import `rego.v1` (without `--strict`; OPA's `checkRootDocumentOverrides`,
 * `checkDuplicateImports`, `checkDeprecatedBuiltins` in `v1/ast/rego_v1.go`):
 *
 * - CheckKeywordOverrides: no rule, function argument or `:=` target named
 *   `input` or `data` (`rego_compile_error`);
 * - CheckImports: no two imports of one name (`rego_compile_error`);
 * - CheckDeprecatedBuiltins: no call of a builtin OPA deprecated (`any`,
 *   `re_match`, `cast_array`…; `rego_type_error`).
 *
 * A v0 module skips all three: that is how v0 policies keep calling the
 * deprecated builtins and may shadow `input` with a local.
 */
import type { RegoError } from '../errors.js';
import type { Body, Expr, Import, Location, Module, Rule, Term } from '../rego/ast.js';
import { formatTerm } from '../rego/printer.js';
import type { BuiltinLookup, CompileState } from './types.js';
import { isCallExpr, isEveryExpr, isSomeExpr, operatorName, ROOT_VARS } from './terms.js';

/** Whether a module must pass the Rego v1 checks (v1, or v0 importing `rego.v1`). */
export function isRegoV1Compatible(module: Module): boolean {
  return module.regoVersion !== 'v0';
}

/** `input` or `data` alone, as a var or as the one-part ref the parser makes of it. */
function rootDocumentName(t: Term): string | undefined {
  if (t.type === 'var' && ROOT_VARS.has(t.value)) return t.value;
  if (t.type === 'ref' && t.value.length === 1) return rootDocumentName(t.value[0]);
  return undefined;
}

interface RuleVisitor {
  expr?(e: Expr): void;
  term?(t: Term): void;
}

/** Visits every expression and term of a rule and its `else` chain at any depth (comprehensions, `every`). */
function walkRule(rule: Rule, visit: RuleVisitor): void {
  const term = (t: Term): void => {
    visit.term?.(t);
    switch (t.type) {
      case 'ref':
      case 'array':
      case 'set':
      case 'call':
        t.value.forEach(term);
        break;
      case 'object':
        t.value.forEach(([k, v]) => {
          term(k);
          term(v);
        });
        break;
      case 'arraycomprehension':
      case 'setcomprehension':
        term(t.value.term);
        body(t.value.body);
        break;
      case 'objectcomprehension':
        term(t.value.key);
        term(t.value.value);
        body(t.value.body);
        break;
      default:
        break;
    }
  };
  const expr = (e: Expr): void => {
    visit.expr?.(e);
    if (isEveryExpr(e)) {
      term(e.terms.domain);
      body(e.terms.body);
    } else if (isSomeExpr(e)) {
      e.terms.symbols.forEach(term);
    } else if (Array.isArray(e.terms)) {
      e.terms.forEach(term);
    } else {
      term(e.terms as Term);
    }
    for (const w of e.with ?? []) term(w.value);
  };
  const body = (b: Body): void => b.forEach(expr);
  for (let r: Rule | undefined = rule; r; r = r.else) {
    const { head } = r;
    [...head.ref.value.slice(1), ...(head.args ?? []), head.key, head.value].forEach((t) => t && term(t));
    body(r.body);
  }
}

/** OPA's `checkRootDocumentOverrides` for one module. */
export function keywordOverrideErrors(module: Module): RegoError[] {
  const errors: RegoError[] = [];
  for (const rule of module.rules) {
    for (let r: Rule | undefined = rule; r; r = r.else) {
      const name = rootDocumentName(r.head.ref.value[0]);
      if (name) {
        errors.push({
          code: 'rego_compile_error',
          message: `rules must not shadow ${name} (use a different rule name)`,
          location: r.location ?? r.head.location,
        });
      }
      for (const arg of r.head.args ?? []) {
        const argName = arg.type === 'ref' ? rootDocumentName(arg) : undefined;
        if (argName) {
          errors.push({
            code: 'rego_compile_error',
            message: `args must not shadow ${argName} (use a different variable name)`,
            location: arg.location ?? r.location,
          });
        }
      }
    }
    walkRule(rule, {
      expr(e) {
        if (!isCallExpr(e) || operatorName(e.terms[0]) !== 'assign' || !e.terms[1]) return;
        const target = rootDocumentName(e.terms[1]);
        if (target) {
          errors.push({
            code: 'rego_compile_error',
            message: `variables must not shadow ${target} (use a different variable name)`,
            location: e.location,
          });
        }
      },
    });
  }
  return errors;
}

/** The name an import binds: its alias, else its last part (OPA's `Import.Name`). */
function importName(imp: Import): string {
  if (imp.alias) return imp.alias;
  const last = imp.path.value[imp.path.value.length - 1];
  return last.type === 'var' || last.type === 'string' ? last.value : formatTerm(last);
}

function importText(imp: Import): string {
  return `import ${formatTerm(imp.path)}${imp.alias ? ` as ${imp.alias}` : ''}`;
}

/** OPA's `checkDuplicateImports` for one module. */
export function duplicateImportErrors(module: Module): RegoError[] {
  const errors: RegoError[] = [];
  const seen = new Map<string, Import>();
  for (const imp of module.imports) {
    const name = importName(imp);
    const first = seen.get(name);
    if (first) {
      errors.push({
        code: 'rego_compile_error',
        message: `import must not shadow ${importText(first)}`,
        location: imp.location,
      });
    } else {
      seen.set(name, imp);
    }
  }
  return errors;
}

/** OPA's `checkDeprecatedBuiltins` for one (resolved) rule: user functions are `data.` refs by now. */
export function deprecatedBuiltinErrors(rule: Rule, builtins: BuiltinLookup): RegoError[] {
  const errors: RegoError[] = [];
  const check = (op: Term, location: Location | undefined): void => {
    const name = operatorName(op);
    if (name !== undefined && !name.startsWith('data.') && builtins(name)?.deprecated) {
      errors.push({
        code: 'rego_type_error',
        message: `deprecated built-in function calls in expression: ${name}`,
        location: location ?? op.location,
      });
    }
  };
  walkRule(rule, {
    expr(e) {
      if (isCallExpr(e)) check(e.terms[0], e.location);
    },
    term(t) {
      if (t.type === 'call') check(t.value[0], t.value[0].location ?? t.location);
    },
  });
  return errors;
}

function v1Modules(state: CompileState): Module[] {
  return state.modules.filter(isRegoV1Compatible);
}

/** Stage CheckKeywordOverrides. */
export function checkKeywordOverrides(state: CompileState): void {
  for (const module of v1Modules(state)) state.errors.push(...keywordOverrideErrors(module));
}

/** Stage CheckImports. */
export function checkImports(state: CompileState): void {
  for (const module of v1Modules(state)) state.errors.push(...duplicateImportErrors(module));
}

/** Stage CheckDeprecatedBuiltins. */
export function checkDeprecatedBuiltins(state: CompileState): void {
  const v1Files = new Set(v1Modules(state).map((m) => m.file));
  for (const r of state.rules) {
    if (v1Files.has(r.file)) state.errors.push(...deprecatedBuiltinErrors(r.rule, state.builtins));
  }
}
