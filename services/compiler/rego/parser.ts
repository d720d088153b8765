/**
 * Public entry points of the Rego parser (v1, or v0 with `regoVersion: 'v0'`). Parse failures throw a
 * `RegoCompileError` holding every `rego_parse_error` found, each with a
 * location, as OPA reports them (OPA stops at the first statement that
 * fails, then checks every rule of the module).
 */

import type { Body, Import, Location, Module, Package, Rule, Term } from './ast.js';
import { RegoCompileError, withSourceLines, type RegoError } from '../errors.js';
import { attachAnnotations, parseMetadataBlocks, type PlacedNode } from './annotations.js';
import { lex, type SourceComment } from './lexer.js';
import { ModuleParser, type Statement } from './module-parser.js';
import type { RegoVersion } from './parser-base.js';
import { formatExpr, formatTerm } from './printer.js';
import { regoV1RuleErrors, ruleFromExpr } from './rule-checks.js';

function parseError(message: string, location: Location): RegoError {
  return { code: 'rego_parse_error', message, location };
}

/** Runs the statement parser, turning a blown stack on absurd nesting into a parse error. */
function parseStatements(
  source: string,
  file: string,
  allowRules: boolean,
  regoVersion: RegoVersion,
): { parser: ModuleParser; stmts: Statement[]; comments: SourceComment[] } {
  const { tokens, comments } = lex(source);
  const parser = new ModuleParser(tokens, file, regoVersion);
  let stmts: Statement[] = [];
  try {
    stmts = parser.parseStatements(allowRules);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    parser.errors.push(parseError('max parsing recursion depth exceeded', { file, row: 1, col: 1 }));
  }
  if (parser.errors.length > 0) throw new RegoCompileError(distinct(parser.errors));
  return { parser, stmts, comments };
}

/** One error per message and place (a bad token is often reported by two rules at once). */
function distinct(errors: RegoError[]): RegoError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.location?.row}:${e.location?.col}:${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface ParseOptions {
  /**
   * Syntax to read: `v1` (OPA 1.x), or `v0` (OPA's `--v0-compatible`): no
   * `if`/`contains` required, future keywords only once imported.
   * @defaultValue 'v1'
   */
  regoVersion?: RegoVersion;
}

/**
 * Parses one Rego module. The module records the syntax it was read as
 * (`regoVersion`); a v0 module importing `rego.v1` is `v0v1` and must pass
 * the Rego v1 rule checks, as OPA's `RegoV0CompatV1`.
 */
export function parseModule(source: string, file: string, options: ParseOptions = {}): Module {
  return withSourceLines(source, () => parseModuleSource(source, file, options));
}

function parseModuleSource(source: string, file: string, options: ParseOptions): Module {
  const version = options.regoVersion ?? 'v1';
  const { parser, stmts, comments } = parseStatements(source, file, true, version);
  const regoVersion = version === 'v1' ? 'v1' : parser.importsRegoV1 ? 'v0v1' : 'v0';
  const metadata = parseMetadataBlocks(comments, file, readRef);
  const errors: RegoError[] = [...metadata.errors];
  const nodes: PlacedNode[] = [];
  if (stmts.length === 0) throw new RegoCompileError([parseError('empty module', { file, row: 1, col: 1 })]);

  const first = stmts[0];
  let pkg: Package | undefined;
  if (first.kind === 'package') pkg = first.pkg;
  else errors.push(parseError('package expected', first.location));

  const imports: Import[] = [];
  const rules: Rule[] = [];
  for (const stmt of stmts.slice(1)) {
    switch (stmt.kind) {
      case 'import':
        if (!stmt.ignored) imports.push(stmt.imp);
        nodes.push({ row: stmt.location.row, target: { kind: 'import' } });
        break;
      case 'rule':
        rules.push(stmt.rule);
        nodes.push({ row: stmt.location.row, target: { kind: 'rule', node: stmt.rule } });
        break;
      case 'body': {
        if (stmt.body.length !== 1) {
          errors.push(parseError('multiple expressions cannot be used for rule head', stmt.location));
          break;
        }
        const rule = ruleFromExpr(stmt.body[0], parser.facts);
        if (typeof rule === 'string') {
          errors.push(parseError(rule, stmt.location));
        } else {
          rules.push(rule);
          nodes.push({ row: stmt.location.row, target: { kind: 'rule', node: rule } });
        }
        break;
      }
      case 'package':
        errors.push(parseError('unexpected package', stmt.location));
        break;
    }
  }

  for (const rule of regoVersion === 'v0' ? [] : rules) {
    for (let r: Rule | undefined = rule; r; r = r.else) {
      const facts = parser.facts.get(r);
      if (!facts) continue;
      for (const message of regoV1RuleErrors(r, facts)) {
        errors.push(parseError(message, r.location ?? { file, row: 1, col: 1 }));
      }
    }
  }

  if (errors.length > 0 || !pkg) throw new RegoCompileError(errors);
  if (metadata.blocks.length > 0) {
    nodes.unshift({ row: first.location.row, target: { kind: 'package', node: pkg } });
    const attachErrors = attachAnnotations(metadata.blocks, nodes, pkg);
    if (attachErrors.length > 0) throw new RegoCompileError(attachErrors);
  }
  return { package: pkg, imports, rules, file, ...(regoVersion === 'v1' ? {} : { regoVersion }) };
}

/** A ref in a METADATA block (`input.user`, `schema["a.b"]`) as its parts, or undefined. */
function readRef(text: string): string[] | undefined {
  let term: Term;
  try {
    term = parseTerm(text, 'METADATA');
  } catch (err) {
    if (err instanceof RegoCompileError) return undefined;
    throw err;
  }
  if (term.type === 'var') return [term.value];
  if (term.type !== 'ref' || term.value[0].type !== 'var') return undefined;
  return term.value.map((part) =>
    part.type === 'string' || part.type === 'var' ? part.value : formatTerm(part),
  );
}

/** Parses a query such as `data.test.p = x` or `x := data.a; y = x[_]`. An empty query is an empty body. */
export function parseQuery(source: string, file = 'query', options: ParseOptions = {}): Body {
  return withSourceLines(source, () => parseQuerySource(source, file, options));
}

function parseQuerySource(source: string, file: string, options: ParseOptions): Body {
  const { stmts } = parseStatements(source, file, false, options.regoVersion ?? 'v1');
  const body: Body = [];
  for (const stmt of stmts) {
    if (stmt.kind !== 'body') {
      throw new RegoCompileError([parseError(`expected a query but got ${stmt.kind}`, stmt.location)]);
    }
    for (const expr of stmt.body) body.push({ ...expr, index: body.length });
  }
  return body;
}

/** Parses a single term, such as a conformance case's `input_term`. */
export function parseTerm(source: string, file = 'term'): Term {
  const body = parseQuery(source, file);
  const start = { file, row: 1, col: 1 };
  if (body.length !== 1) {
    throw new RegoCompileError([
      parseError(
        `expected exactly one term but got: ${body.map(formatExpr).join('; ')}`,
        body[0]?.location ?? start,
      ),
    ]);
  }
  const [expr] = body;
  const terms = expr.terms;
  if (Array.isArray(terms) || terms.type === 'some' || terms.type === 'every' || expr.negated || expr.with) {
    throw new RegoCompileError([
      parseError(`expected term but got ${formatExpr(expr)}`, expr.location ?? start),
    ]);
  }
  return terms;
}
