/**
 * OPA's canonical layout (`v1/format/format.go`), written from the AST and
 * the source positions: tab indentation; package, imports (grouped as
 * written, sorted within a group), rules separated by blank lines (adjacent
 * one-liners stay together); `p if x` kept on one line when the body is one
 * expression on the head's line, else a block; composites, calls and
 * comprehensions laid out as they were broken across lines (one line per
 * source line, trailing commas); operands that are themselves infix calls
 * parenthesised; strings kept as written; comments kept where they were.
 */
import type { Body, Every, Expr, Head, Location, Module, Rule, SomeDecl, Term, With } from '../rego/ast.js';
import type { SourceComment } from '../rego/lexer.js';
import { KEYWORDS } from '../rego/lexer.js';
import { formatTerm } from '../rego/printer.js';
import { MEMBER_2, MEMBER_3, isGround, operatorName } from '../rego/terms.js';
import { LineWriter, type Comment } from './lines.js';
import type { Point, SourceIndex } from './source.js';

/** Which Rego the output is written in (OPA's fmtOpts). */
export interface FormatOptions {
  /** Rego v1 (`:=` for values, `if` and `contains` everywhere). */
  regoV1: boolean;
  /** `if` is available (v1, or a v0 module importing it). */
  ifs: boolean;
  /** `contains` is available. */
  contains: boolean;
}

/** An import as printed: the AST's, or one the parser drops (`rego.v1`, `future.keywords…`) read from the tokens. */
export interface ImportLine {
  /** The path as Rego text. */
  path: string;
  /** Sort key: the path parts. */
  parts: string[];
  alias?: string;
  location: Location;
}

/** Infix spelling of each operator builtin (arity 2). */
const INFIX: Record<string, string> = {
  eq: '=',
  assign: ':=',
  equal: '==',
  neq: '!=',
  lt: '<',
  gt: '>',
  lte: '<=',
  gte: '>=',
  plus: '+',
  minus: '-',
  mul: '*',
  div: '/',
  rem: '%',
  and: '&',
  or: '|',
};

const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function isWildcard(name: string): boolean {
  return /^\$\d+$/.test(name);
}

function isUnionCall(term: Term): boolean {
  return term.type === 'call' && operatorName(term.value[0]) === 'or' && term.value.length === 3;
}

function isTrueBody(body: Body): boolean {
  if (body.length !== 1) return false;
  const [only] = body;
  const t = only.terms;
  return !only.negated && !only.with?.length && !Array.isArray(t) && t.type === 'boolean' && t.value === true;
}

function sameLocation(a: Location | undefined, b: Location | undefined): boolean {
  return !!a && !!b && a.row === b.row && a.col === b.col;
}

export class Writer extends LineWriter {
  private readonly refHeads: boolean;

  constructor(
    private readonly src: SourceIndex,
    private readonly opts: FormatOptions,
    module: Module,
  ) {
    super();
    this.refHeads = module.rules.some((r) => {
      const n = r.head.ref.value.length;
      return n > 2 || (n === 2 && r.head.key !== undefined && r.head.value === undefined);
    });
  }

  // ---- module ---------------------------------------------------------------

  format(module: Module, imports: ImportLine[], comments: SourceComment[]): string {
    let pending: Comment[] = comments
      .map((c) => ({ text: c.text.replace(/\s+$/, ''), row: c.row }))
      .sort((a, b) => a.row - b.row);
    pending = this.writePackage(module, pending);
    type Item = { kind: 'import'; imp: ImportLine } | { kind: 'rule'; rule: Rule };
    const at = (item: Item): Location | undefined =>
      item.kind === 'import' ? item.imp.location : (item.rule.location ?? item.rule.head.location);
    const items: Item[] = [
      ...imports.map((imp): Item => ({ kind: 'import', imp })),
      ...module.rules.map((rule): Item => ({ kind: 'rule', rule })),
    ].sort((a, b) => (at(a)?.row ?? 0) - (at(b)?.row ?? 0) || (at(a)?.col ?? 0) - (at(b)?.col ?? 0));
    let i = 0;
    while (i < items.length) {
      const group: ImportLine[] = [];
      while (i < items.length && items[i].kind === 'import')
        group.push((items[i++] as { imp: ImportLine }).imp);
      pending = this.writeImports(group, pending);
      const rules: Rule[] = [];
      while (i < items.length && items[i].kind === 'rule') rules.push((items[i++] as { rule: Rule }).rule);
      pending = this.writeRules(rules, pending);
    }
    pending.forEach((c, n) => {
      this.writeLine(`#${c.text}`);
      if (n === pending.length - 1) this.write('\n');
    });
    return this.text();
  }

  private writePackage(module: Module, comments: Comment[]): Comment[] {
    const rest = this.insertComments(comments, module.package.location?.row);
    this.startLine();
    const [, first, ...others] = module.package.path.value;
    const head: Term =
      first?.type === 'string' ? { type: 'var', value: first.value, location: first.location } : first;
    this.write('package ');
    this.writeRef([head, ...others]);
    this.blankLine();
    return rest;
  }

  private writeImports(imports: ImportLine[], comments: Comment[]): Comment[] {
    if (imports.length === 0) return comments;
    // A comment on an import's line stays with that import.
    const own = new Map<ImportLine, Comment>();
    let rest = comments.filter((c) => {
      const imp = imports.find((i) => i.location.row === c.row);
      if (imp) own.set(imp, c);
      return !imp;
    });
    const groups: ImportLine[][] = [];
    for (const imp of imports) {
      const group = groups[groups.length - 1];
      if (group && imp.location.row - group[group.length - 1].location.row <= 1) group.push(imp);
      else groups.push([imp]);
    }
    for (const group of groups) {
      rest = this.insertComments(rest, group[0].location.row);
      const sorted = [...group].sort(compareImports);
      for (const imp of sorted) {
        this.startLine();
        this.write(`import ${imp.path}${imp.alias ? ` as ${imp.alias}` : ''}`);
        const c = own.get(imp);
        if (c) this.write(` #${c.text}`);
        this.endLine();
      }
      this.blankLine();
    }
    return rest;
  }

  // ---- rules ----------------------------------------------------------------

  private groupableOneLiner(rule: Rule): boolean {
    if (rule.body.length > 1 || rule.default || !rule.location) return false;
    const partialSetException = this.opts.contains || rule.head.value !== undefined;
    return (this.opts.regoV1 || this.opts.ifs) && partialSetException;
  }

  private writeRules(rules: Rule[], comments: Comment[]): Comment[] {
    let rest = comments;
    rules.forEach((rule, i) => {
      rest = this.insertComments(rest, (rule.location ?? rule.head.location)?.row);
      rest = this.writeRule(rule, false, rest);
      const next = rules[i + 1];
      if (
        next &&
        this.groupableOneLiner(rule) &&
        this.groupableOneLiner(next) &&
        next.location!.row === rule.location!.row + 1
      ) {
        return;
      }
      this.blankLine();
    });
    return rest;
  }

  /** The row where a rule's head ends: the token before its body (`if` and `{` skipped). */
  private headEndRow(rule: Rule): number {
    let i = this.src.tokenBefore(rule.body[0].location as Point);
    while (i !== undefined && i > 0 && ['if', '{'].includes(this.src.token(i).kind)) i--;
    return i === undefined ? (rule.head.location?.row ?? 0) : this.src.endPoint(i).row;
  }

  /** The row of the `}` closing a rule's block body. */
  private bodyCloseRow(rule: Rule): number | undefined {
    const brace = this.src.tokenBefore(rule.body[0].location as Point);
    let i = brace;
    while (i !== undefined && i >= 0 && this.src.token(i).kind !== '{') i--;
    const close = i === undefined ? undefined : this.src.closeOf(i);
    return close === undefined ? undefined : this.src.token(close).row;
  }

  private writeRule(rule: Rule, isElse: boolean, comments: Comment[]): Comment[] {
    if (!isElse) this.startLine();
    if (rule.default) this.write('default ');
    const isExpandedConst = isTrueBody(rule.body) && rule.else === undefined;
    let rest = this.writeHead(rule.head, !!rule.default, isExpandedConst, isElse, comments);
    if (rule.body.length === 0 || isExpandedConst) {
      this.endLine();
      return rest;
    }
    const partialSetException = this.opts.contains || rule.head.value !== undefined;
    if ((this.opts.regoV1 || this.opts.ifs) && partialSetException) {
      this.write(' if');
      const [only] = rule.body;
      if (rule.body.length === 1 && only.location?.row === this.headEndRow(rule) && !isSetTerm(only)) {
        this.write(' ');
        rest = this.writeExpr(only, rest);
        this.endLine();
        if (rule.else) rest = this.writeElse(rule, rest);
        return rest;
      }
    }
    this.write(' {');
    this.endLine();
    this.up();
    rest = this.writeBody(rule.body, rest);
    rest = this.insertComments(rest, this.bodyCloseRow(rule));
    this.down();
    this.startLine();
    this.write('}');
    if (rule.else) rest = this.writeElse(rule, rest);
    return rest;
  }

  private writeElse(rule: Rule, comments: Comment[]): Comment[] {
    const other = rule.else!;
    const elseRow = other.location?.row ?? 0;
    const relative = elseRow - (rule.location?.row ?? elseRow);
    const line = this.src.lines[elseRow - 1] ?? '';
    const wasInline = relative > 0 && !line.trim().startsWith('else');
    const hasCommentAbove =
      (comments.length > 0 && comments[0].row < elseRow) || this.beforeEnd !== undefined;
    if (!hasCommentAbove && wasInline) this.write(' ');
    else {
      this.blankLine();
      this.startLine();
    }
    const rest = this.insertComments(comments, elseRow);
    if (hasCommentAbove && !wasInline) this.startLine();
    return this.writeRule(other, true, rest);
  }

  private writeHead(
    head: Head,
    isDefault: boolean,
    isExpandedConst: boolean,
    isElse: boolean,
    comments: Comment[],
  ): Comment[] {
    let rest = comments;
    if (isElse) this.write('else');
    else {
      const ref = head.ref.value;
      if (this.refHeads || ref.length === 1) this.writeRef(ref);
      else this.write(`${formatTerm(ref[0])}[${formatTerm(ref[1])}]`);
      if (head.args && head.args.length > 0) {
        this.write('(');
        rest = this.writeIterable(head.args, head.location, rest, (t, c) => this.writeTerm(t, c));
        this.write(')');
      }
    }
    if (head.key !== undefined && !isElse) {
      if (this.opts.contains && head.value === undefined) {
        this.write(' contains ');
        rest = this.writeTerm(head.key, rest);
      } else if (head.value === undefined) {
        this.write('[');
        rest = this.writeTerm(head.key, rest);
        this.write(']');
      }
    }
    const value = head.value;
    const isTrue = value?.type === 'boolean' && value.value === true;
    // A v0 `p["k"] = true { … }` keeps its ground key as a key; with `if` it is the ref head `p["k"]`.
    const ref = head.ref.value;
    const refHeadKey =
      (this.opts.ifs || this.opts.regoV1) &&
      ref.length === 2 &&
      head.key !== undefined &&
      isGround(head.key) &&
      formatTerm(ref[1]) === formatTerm(head.key);
    const hasKey = head.key !== undefined && !refHeadKey;
    if (value && (hasKey || !isTrue || isExpandedConst || isDefault)) {
      const isRegoV1RefConst =
        this.opts.regoV1 && isExpandedConst && head.key === undefined && !(head.args && head.args.length);
      // A value at the head's own location was generated (`f(1) if …`): it is implied.
      if (sameLocation(head.location, value.location) && !isElse && isTrue && !isRegoV1RefConst) return rest;
      this.write(head.assign || this.opts.regoV1 ? ' := ' : ' = ');
      rest = this.writeTerm(value, rest);
    }
    return rest;
  }

  // ---- bodies and expressions -------------------------------------------------

  private writeBody(body: Body, comments: Comment[]): Comment[] {
    let rest = this.insertComments(comments, body[0]?.location?.row);
    body.forEach((expr, i) => {
      if (i > 0) {
        const lastRow = this.src.exprEnd(body[i - 1]).row;
        if ((expr.location?.row ?? 0) > lastRow + 1) this.blankLine();
      }
      this.startLine();
      rest = this.writeExpr(expr, rest);
      this.endLine();
    });
    return rest;
  }

  private writeExpr(expr: Expr, comments: Comment[]): Comment[] {
    let rest = this.insertComments(comments, expr.location?.row);
    if (!this.inline) this.startLine();
    if (expr.negated) this.write('not ');
    const terms = expr.terms;
    if (Array.isArray(terms)) rest = this.writeFunctionCall(terms, rest);
    else if (terms.type === 'some') rest = this.writeSomeDecl(terms, rest);
    else if (terms.type === 'every') rest = this.writeEvery(terms, expr.location, rest);
    else rest = this.writeTerm(terms, rest);
    const withs = expr.with ?? [];
    if (withs.length === 0) return rest;
    let lastRow = this.src.exprTermsEnd(expr).row;
    let remaining = withs;
    if (withs[0].location?.row === lastRow) {
      rest = this.writeWith(withs[0], rest, false);
      lastRow = withs[0].location.row;
      remaining = withs.slice(1);
    }
    let indented = false;
    for (const w of remaining) {
      const indent = (w.location?.row ?? lastRow) > lastRow;
      if (indent) {
        if (!indented) {
          this.up();
          indented = true;
        }
        this.endLine();
        this.startLine();
        lastRow = w.location!.row;
      }
      rest = this.writeWith(w, rest, indent);
    }
    if (indented) this.down();
    return rest;
  }

  private writeWith(w: With, comments: Comment[], indented: boolean): Comment[] {
    let rest = this.insertComments(comments, w.location?.row);
    if (!indented) this.write(' ');
    this.write('with ');
    rest = this.writeTerm(w.target, rest);
    this.write(' as ');
    return this.writeTerm(w.value, rest);
  }

  private writeSomeDecl(decl: SomeDecl, comments: Comment[]): Comment[] {
    let rest = this.insertComments(comments, decl.location?.row);
    this.write('some ');
    let row = decl.location?.row ?? 0;
    decl.symbols.forEach((term, i) => {
      if (term.type === 'call') {
        rest = this.writeInOperator(false, term.value.slice(1), rest);
        return;
      }
      if ((term.location?.row ?? row) > row) {
        this.endLine();
        this.startLine();
        this.write('\t');
        row = term.location!.row;
      } else if (i > 0) this.write(' ');
      rest = this.writeTerm(term, rest);
      if (i < decl.symbols.length - 1) this.write(',');
    });
    return rest;
  }

  private writeEvery(every: Every, loc: Location | undefined, comments: Comment[]): Comment[] {
    const at = loc ?? every.location;
    let rest = this.insertComments(comments, at?.row);
    this.write('every ');
    if (every.key) {
      rest = this.writeTerm(every.key, rest);
      this.write(', ');
    }
    rest = this.writeTerm(every.value, rest);
    this.write(' in ');
    rest = this.writeTerm(every.domain, rest);
    this.write(' {');
    rest = this.writeComprehensionBody(every.body, at, at, rest);
    if (every.body.length === 1 && every.body[0].location?.row === at?.row) this.write(' ');
    this.write('}');
    return rest;
  }

  private writeFunctionCall(terms: Term[], comments: Comment[]): Comment[] {
    const [op, ...args] = terms;
    const name = operatorName(op);
    if (name === MEMBER_2 || name === MEMBER_3) return this.writeInOperator(false, args, comments);
    const infix = name === undefined ? undefined : INFIX[name];
    if (infix === undefined) return this.writeFunctionCallPlain(terms, comments);
    let rest = comments;
    if (args.length === 2) {
      rest = this.writeTerm(args[0], rest);
      this.write(` ${infix} `);
      return this.writeTerm(args[1], rest);
    }
    if (args.length === 3) {
      // `plus(x, y, z)` is `z = x + y`.
      rest = this.writeTerm(args[2], rest);
      this.write(' = ');
      rest = this.writeTerm(args[0], rest);
      this.write(` ${infix} `);
      return this.writeTerm(args[1], rest);
    }
    return this.writeFunctionCallPlain(terms, comments);
  }

  private writeFunctionCallPlain(terms: Term[], comments: Comment[]): Comment[] {
    const [op, ...args] = terms;
    if (op.type === 'ref') this.writeRef(op.value);
    else this.write(formatTerm(op));
    this.write('(');
    const rest = this.writeIterable(args, op.location, comments, (t, c) =>
      this.writeListElement(t, c, false),
    );
    this.write(')');
    return rest;
  }

  /**
   * `x in xs` or `k, v in xs`. The two-operand form gets parentheses only
   * as the operand of another operator (`operand`): unlike OPA's writer,
   * which drops them, since `1, (2 in ys) in zs` means something else
   * without.
   */
  private writeInOperator(
    parens: boolean,
    operands: Term[],
    comments: Comment[],
    operand = false,
  ): Comment[] {
    let rest = comments;
    if (operands.length === 2) {
      if (operand) this.write('(');
      rest = this.writeTermParens(true, operands[0], rest);
      this.write(' in ');
      rest = this.writeTermParens(true, operands[1], rest);
      if (operand) this.write(')');
      return rest;
    }
    if (parens) this.write('(');
    rest = this.writeTermParens(true, operands[0], rest);
    this.write(', ');
    rest = this.writeTermParens(true, operands[1], rest);
    this.write(' in ');
    rest = this.writeTermParens(true, operands[2], rest);
    if (parens) this.write(')');
    return rest;
  }

  // ---- terms ----------------------------------------------------------------

  private writeTerm(term: Term, comments: Comment[]): Comment[] {
    return this.writeTermParens(false, term, comments);
  }

  private writeTermParens(parens: boolean, term: Term, comments: Comment[]): Comment[] {
    let rest = this.insertComments(comments, term.location?.row);
    if (!this.inline) this.startLine();
    switch (term.type) {
      case 'ref':
        rest = this.writeRef(term.value, rest);
        break;
      case 'object':
        this.write('{');
        rest = this.writeIterable(
          term.value,
          term.location,
          rest,
          (pair, c) => this.writePair(pair, c),
          true,
        );
        this.write('}');
        break;
      case 'array':
        this.write('[');
        rest = this.writeIterable(
          term.value,
          term.location,
          rest,
          (t, c) => this.writeListElement(t, c, true),
          true,
        );
        this.write(']');
        break;
      case 'set':
        if (term.value.length === 0) this.write('set()');
        else {
          this.write('{');
          rest = this.writeIterable(
            term.value,
            term.location,
            rest,
            (t, c) => this.writeListElement(t, c, true),
            true,
          );
          this.write('}');
        }
        break;
      case 'arraycomprehension':
        this.write('[');
        rest = this.writeComprehension(term.value.term, term.value.body, term.location, rest);
        this.write(']');
        break;
      case 'setcomprehension':
        this.write('{');
        rest = this.writeComprehension(term.value.term, term.value.body, term.location, rest);
        this.write('}');
        break;
      case 'objectcomprehension': {
        this.write('{');
        const { key, value, body } = term.value;
        if ((key.location?.row ?? 0) - (term.location?.row ?? 0) > 1) {
          this.endLine();
          this.startLine();
        }
        const paren = isUnionCall(key);
        if (paren) this.write('(');
        rest = this.writeTerm(key, rest);
        if (paren) this.write(')');
        this.write(': ');
        // The value stays on the key's line.
        rest = this.writeComprehension(
          { ...value, location: key.location } as Term,
          body,
          term.location,
          rest,
        );
        this.write('}');
        break;
      }
      case 'string':
        this.write(this.src.rawString(term) ?? JSON.stringify(term.value));
        break;
      case 'var':
        this.write(isWildcard(term.value) ? '_' : term.value);
        break;
      case 'call':
        rest = this.writeCall(parens, term.value, rest);
        break;
      case 'number':
        this.write(term.value);
        break;
      case 'boolean':
        this.write(term.value ? 'true' : 'false');
        break;
      case 'null':
        this.write('null');
        break;
    }
    if (!this.inline) this.startLine();
    return rest;
  }

  private writeRef(parts: Term[], comments: Comment[] = []): Comment[] {
    if (parts.length === 0) return comments;
    const [head, ...path] = parts;
    const parens = head.type === 'call' && this.writtenWithParens(head);
    let rest = this.writeTermParens(parens, head, comments);
    for (const part of path) {
      if (part.type === 'string') {
        if (VAR_NAME.test(part.value) && !KEYWORDS.has(part.value)) this.write(`.${part.value}`);
        else this.write(`[${JSON.stringify(part.value)}]`);
      } else if (part.type === 'var') {
        this.write(`[${isWildcard(part.value) ? '_' : part.value}]`);
      } else {
        this.write('[');
        rest = this.writeTerm(part, rest);
        this.write(']');
      }
    }
    return rest;
  }

  private writtenWithParens(term: Term): boolean {
    const i = this.src.tokenAt(term.location);
    return i !== undefined && this.src.token(i).kind === '(';
  }

  private writeCall(parens: boolean, terms: Term[], comments: Comment[]): Comment[] {
    const name = operatorName(terms[0]);
    if (name === MEMBER_2 || name === MEMBER_3)
      return this.writeInOperator(true, terms.slice(1), comments, parens);
    const infix = name === undefined ? undefined : INFIX[name];
    if (infix === undefined || terms.length !== 3) return this.writeFunctionCallPlain(terms, comments);
    if (parens) this.write('(');
    let rest = this.writeTermParens(true, terms[1], comments);
    this.write(` ${infix} `);
    rest = this.writeTermParens(true, terms[2], rest);
    if (parens) this.write(')');
    return rest;
  }

  private writePair([key, value]: [Term, Term], comments: Comment[]): Comment[] {
    const keyParen = isUnionCall(key);
    if (keyParen) this.write('(');
    let rest = this.writeTerm(key, comments);
    if (keyParen) this.write(')');
    this.write(': ');
    const valueParen = isUnionCall(value);
    if (valueParen) this.write('(');
    rest = this.writeTerm(value, rest);
    if (valueParen) this.write(')');
    return rest;
  }

  /** A collection element; a `|` call gets parentheses (`[a | b]` reads as a comprehension). */
  private writeListElement(term: Term, comments: Comment[], parenUnionCalls: boolean): Comment[] {
    const paren = isUnionCall(term) && (parenUnionCalls || this.writtenWithParens(term));
    if (paren) this.write('(');
    const rest = this.writeTerm(term, comments);
    if (paren) this.write(')');
    return rest;
  }

  private writeComprehension(
    term: Term,
    body: Body,
    loc: Location | undefined,
    comments: Comment[],
  ): Comment[] {
    if ((term.location?.row ?? 0) - (loc?.row ?? 0) >= 1) {
      this.endLine();
      this.startLine();
    }
    const parens = term.type === 'call' && (isUnionCall(term) || this.writtenWithParens(term));
    let rest = this.writeTermParens(parens, term, comments);
    this.write(' |');
    rest = this.writeComprehensionBody(body, term.location, loc, rest);
    return rest;
  }

  private writeComprehensionBody(
    body: Body,
    term: Location | undefined,
    compr: Location | undefined,
    comments: Comment[],
  ): Comment[] {
    const lines = groupByRow(body, term);
    let rest = comments;
    if ((body[0]?.location?.row ?? 0) - (term?.row ?? 0) > 0 || lines > 1) {
      this.endLine();
      this.up();
      rest = this.writeBody(body, rest);
      // Comments before the closing bracket stay inside, indented with the body.
      rest = this.insertComments(rest, this.closeRow(compr));
      this.down();
      this.startLine();
      return rest;
    }
    this.write(' ');
    body.forEach((expr, i) => {
      if (i > 0) this.write('; ');
      rest = this.writeExpr(expr, rest);
    });
    return this.insertComments(rest, this.closeRow(compr));
  }

  /** Row of the bracket closing the first one opened at or after `loc` (OPA's closingLoc). */
  private closeRow(loc: Location | undefined): number | undefined {
    let i = this.src.tokenAt(loc);
    while (i !== undefined && i < this.src.tokens.length && !['[', '{', '('].includes(this.src.token(i).kind))
      i++;
    const close = i === undefined ? undefined : this.src.closeOf(i);
    return close === undefined ? undefined : this.src.token(close).row;
  }

  /**
   * Elements laid out as written: those that shared a source line share an
   * output line; broken across lines, each line is indented and ends with a
   * comma, the last one too.
   */
  private writeIterable<T extends Term | [Term, Term]>(
    elements: T[],
    start: Location | undefined,
    comments: Comment[],
    write: (element: T, comments: Comment[]) => Comment[],
    bracketed = false,
  ): Comment[] {
    const at = (e: T): Location | undefined => (Array.isArray(e) ? e[0].location : (e as Term).location);
    const sorted = [...elements].sort(
      (a, b) => (at(a)?.row ?? 0) - (at(b)?.row ?? 0) || (at(a)?.col ?? 0) - (at(b)?.col ?? 0),
    );
    const lines: T[][] = [];
    let prev = start;
    sorted.forEach((e, i) => {
      const loc = at(e);
      if (i === 0 || (loc?.row ?? 0) - (prev?.row ?? 0) <= 0) {
        if (lines.length === 0) lines.push([]);
        lines[lines.length - 1].push(e);
      } else lines.push([e]);
      prev = loc ?? prev;
    });
    if (lines.length === 0) lines.push([]);
    const first = sorted[0] ? at(sorted[0]) : undefined;
    const newlinePrecedesItem =
      lines.length === 1 && first !== undefined && first.row > (start?.row ?? first.row);
    const multiline = lines.length > 1 || newlinePrecedesItem;
    const closeRow = bracketed ? this.closeRow(start) : undefined;
    let rest = comments;
    if (multiline) {
      this.delay = true;
      this.endLine();
      this.up();
      this.startLine();
    }
    lines.forEach((line, n) => {
      line.forEach((e, i) => {
        if (i > 0) this.write(', ');
        rest = write(e, rest);
      });
      if (n < lines.length - 1) {
        this.write(',');
        this.endLine();
        this.startLine();
      }
    });
    if (multiline) {
      this.write(',');
      this.endLine();
      rest = this.insertComments(rest, closeRow);
      this.down();
      this.startLine();
    }
    return rest;
  }
}

/** How many source lines a body's expressions start on, from the comprehension term's line. */
function groupByRow(body: Body, start: Location | undefined): number {
  let lines = 0;
  let prev = start?.row ?? 0;
  body.forEach((e, i) => {
    const row = e.location?.row ?? prev;
    if (i === 0 || row - prev > 0) lines++;
    prev = row;
  });
  return lines;
}

function isSetTerm(expr: Expr): boolean {
  return !expr.negated && !Array.isArray(expr.terms) && (expr.terms as { type: string }).type === 'set';
}

function compareImports(a: ImportLine, b: ImportLine): number {
  const n = Math.min(a.parts.length, b.parts.length);
  for (let i = 0; i < n; i++) {
    if (a.parts[i] !== b.parts[i]) return a.parts[i] < b.parts[i] ? -1 : 1;
  }
  if (a.parts.length !== b.parts.length) return a.parts.length - b.parts.length;
  return (a.alias ?? '').localeCompare(b.alias ?? '');
}
