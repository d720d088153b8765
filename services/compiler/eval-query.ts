/**
 * Ad-hoc queries as `opa eval` answers them: every expression's value is
 * reported beside the query's bindings. Compiled policies return only
 * bindings, so the query is rewritten the way OPA's `rego` package does
 * (rewriteQueryToCaptureValue): a term `t` becomes `capture = t`, a call
 * with a result `f(a)` becomes `capture = f(a)`, and, when the query has
 * several expressions or iterates, each captured value must also be true
 * for the query to succeed. Assignments, unifications, `not`, `some` and
 * `every` expressions have the value `true`.
 */
import { lookupBuiltin } from './builtins/catalog.js';
import type { Body, Expr, Location, Term } from './rego/ast.js';
import { parseQuery, type ParseOptions } from './rego/parser.js';
import { formatBody } from './rego/printer.js';
import { operatorName } from './rego/terms.js';
import { CAPTURE, type EvalExpression, type PreparedQuery } from './eval-results.js';

export { shapeEvalResults } from './eval-results.js';
export type { EvalExpression, EvalResult, PreparedQuery } from './eval-results.js';

function hasVars(term: Term): boolean {
  switch (term.type) {
    case 'var':
      return true;
    case 'ref':
      return term.value.slice(1).some(hasVars);
    case 'array':
    case 'set':
    case 'call':
      return term.value.some(hasVars);
    case 'object':
      return term.value.some(([k, v]) => hasVars(k) || hasVars(v));
    default:
      return false;
  }
}

/** Whether the query iterates (a var anywhere outside closures), as OPA's `iteration` check. */
function iterates(body: Body): boolean {
  return body.some((expr) => {
    const terms = expr.terms;
    if (Array.isArray(terms)) return terms.slice(1).some(hasVars);
    if (terms.type === 'some') return true;
    if (terms.type === 'every') return false;
    return hasVars(terms);
  });
}

/** The builtin's declared result exists and the call passes exactly its arguments (no output argument). */
function callHasValue(terms: Term[]): boolean {
  const name = operatorName(terms[0]);
  if (name === undefined) return false;
  if (name.startsWith('data.')) return true;
  // OPA declares no result for print: `opa eval 'print(1)'` prints, and its expression is `true`.
  if (name === 'print') return false;
  const decl = lookupBuiltin(name);
  if (!decl) return false;
  const type = decl.decl as { args?: unknown[]; result?: unknown; variadic?: unknown };
  if (type.result === undefined) return false;
  return type.variadic !== undefined || (type.args ?? []).length === terms.length - 1;
}

function exprTexts(source: string, body: Body): string[] {
  const lines = source.split('\n');
  const offset = (loc: Location | undefined) => {
    if (!loc) return undefined;
    let at = 0;
    for (let row = 1; row < loc.row; row++) at += lines[row - 1].length + 1;
    return at + loc.col - 1;
  };
  const starts = body.map((e) => offset(e.location));
  return body.map((_, i) => {
    const start = starts[i] ?? 0;
    const end = starts.slice(i + 1).find((s) => s !== undefined) ?? source.length;
    return source
      .slice(start, end)
      .replace(/[\s;]+$/, '')
      .trim();
  });
}

/** Parses the query and rewrites it to capture each expression's value. */
export function prepareEvalQuery(source: string, options: ParseOptions = {}): PreparedQuery {
  const body = parseQuery(source, 'query', options);
  const texts = exprTexts(source, body);
  const checkCapture = body.length > 1 || iterates(body);
  const rewritten: Body = [];
  const checks: Body = [];
  const expressions: EvalExpression[] = body.map((expr, i): EvalExpression => {
    const location = { row: expr.location?.row ?? 1, col: expr.location?.col ?? 1 };
    const entry: EvalExpression = { text: texts[i], location };
    const terms = expr.terms;
    let value: Term | undefined;
    if (!expr.negated) {
      if (Array.isArray(terms)) {
        const name = operatorName(terms[0]);
        if (name !== 'eq' && name !== 'assign' && callHasValue(terms)) {
          value = { type: 'call', value: terms, location: expr.location };
        }
      } else if (terms.type !== 'some' && terms.type !== 'every') {
        value = terms;
      }
    }
    if (!value) {
      rewritten.push(expr);
      return entry;
    }
    const capture = CAPTURE(i);
    const captureVar: Term = { type: 'var', value: capture, location: expr.location };
    const assign: Expr = {
      ...expr,
      terms: [{ type: 'ref', value: [{ type: 'var', value: 'eq' }] }, captureVar, value],
    };
    rewritten.push(assign);
    if (checkCapture) checks.push({ index: 0, terms: captureVar, location: expr.location });
    return { ...entry, capture };
  });
  const query = formatBody([...rewritten, ...checks].map((e, index) => ({ ...e, index })));
  return { query, expressions };
}
