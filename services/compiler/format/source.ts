/**
 * What the formatter needs from the source beyond the AST: the tokens (to
 * find where a node ends, the text a string literal was written with, the
 * closing bracket of a composite), the comments, and the raw lines. OPA's
 * formatter reads the same from each node's `Location.Text`.
 */
import type { Body, Expr, Location, Term } from '../rego/ast.js';
import { lex, type SourceComment, type Token } from '../rego/lexer.js';
import { operatorName } from '../rego/terms.js';

const OPEN_TO_CLOSE: Record<string, string> = { '[': ']', '{': '}', '(': ')' };

/** A point in the source: 1-based row and column (code points), as AST locations. */
export interface Point {
  row: number;
  col: number;
}

export class SourceIndex {
  readonly tokens: Token[];
  readonly comments: SourceComment[];
  readonly lines: string[];
  private readonly byPoint = new Map<string, number>();
  private readonly closing = new Map<number, number>();

  constructor(readonly source: string) {
    const { tokens, comments } = lex(source);
    this.tokens = tokens.filter((t) => t.kind !== 'whitespace' && t.kind !== 'eof');
    this.comments = comments;
    this.lines = source.split('\n');
    this.tokens.forEach((t, i) => this.byPoint.set(`${t.row}:${t.col}`, i));
    const stack: number[] = [];
    this.tokens.forEach((t, i) => {
      if (t.kind in OPEN_TO_CLOSE) stack.push(i);
      else if (t.kind === ']' || t.kind === '}' || t.kind === ')') {
        const open = stack.pop();
        if (open !== undefined && OPEN_TO_CLOSE[this.tokens[open].kind] === t.kind) this.closing.set(open, i);
      }
    });
  }

  /** Index of the token starting at a location. */
  tokenAt(loc: Location | Point | undefined): number | undefined {
    return loc ? this.byPoint.get(`${loc.row}:${loc.col}`) : undefined;
  }

  token(index: number): Token {
    return this.tokens[index];
  }

  /** The token closing the bracket opened at `index`. */
  closeOf(index: number): number | undefined {
    return this.closing.get(index);
  }

  /** Where a token ends (the row of its last character: a raw string may span lines). */
  endPoint(index: number): Point {
    const t = this.tokens[index];
    const newlines = t.text.split('\n');
    return newlines.length === 1
      ? { row: t.row, col: t.col + [...t.text].length - 1 }
      : { row: t.row + newlines.length - 1, col: [...newlines[newlines.length - 1]].length };
  }

  /** The text a string literal was written with (quotes included), when the term sits on its token. */
  rawString(term: Term): string | undefined {
    const i = this.tokenAt(term.location);
    if (i === undefined) return undefined;
    const t = this.tokens[i];
    return t.kind === 'string' ? t.text : undefined;
  }

  /** Source text between two points, both inclusive of their tokens (for terms kept as written). */
  textBetween(from: Point, to: Point): string {
    const a = this.offsetOf(from);
    const b = this.offsetOf({ row: to.row, col: to.col + 1 });
    return this.source.slice(a, b);
  }

  private offsetOf(p: Point): number {
    let offset = 0;
    for (let row = 1; row < p.row; row++) offset += this.lines[row - 1].length + 1;
    const line = this.lines[p.row - 1] ?? '';
    // Columns count code points.
    return offset + [...line].slice(0, p.col - 1).join('').length;
  }

  /** Last token index of a ref written from `index` on (names, dots and bracketed parts). */
  private refEnd(index: number): number {
    let i = index;
    for (;;) {
      const next = this.tokens[i + 1];
      if (!next) return i;
      const adjacent = this.adjacent(i, i + 1);
      if (adjacent && next.kind === '.' && this.tokens[i + 2]) i += 2;
      else if (adjacent && next.kind === '[') i = this.closeOf(i + 1) ?? i + 1;
      else return i;
    }
  }

  /** Whether two tokens touch (no whitespace between them): `a[0]` is a ref, `a [0]` is not. */
  private adjacent(a: number, b: number): boolean {
    return this.tokens[a].end === this.tokens[b].start;
  }

  /** The end point of a term as written. */
  termEnd(term: Term): Point {
    const start = this.tokenAt(term.location);
    const ends: Point[] = [];
    if (start !== undefined) {
      const t = this.tokens[start];
      if (
        (t.kind === '[' || t.kind === '{' || (t.kind === '(' && term.type !== 'call')) &&
        this.closeOf(start)
      ) {
        ends.push(this.endPoint(this.closeOf(start)!));
      } else if (term.type === 'call' && t.kind === 'identifier' && operatorName(term.value[0])) {
        const last = this.refEnd(start);
        const open = this.tokens[last + 1];
        if (open?.kind === '(' && this.closeOf(last + 1) !== undefined)
          ends.push(this.endPoint(this.closeOf(last + 1)!));
      } else if (term.type === 'ref' && (t.kind === 'identifier' || t.kind === 'string')) {
        ends.push(this.endPoint(this.refEnd(start)));
      } else {
        ends.push(this.endPoint(start));
      }
    }
    for (const child of children(term)) ends.push(this.termEnd(child));
    for (const body of bodies(term)) for (const expr of body) ends.push(this.exprEnd(expr));
    return latest(ends, term.location);
  }

  /** Where an expression's terms end, `with` modifiers left out. */
  exprTermsEnd(expr: Expr): Point {
    const ends: Point[] = [];
    const terms = expr.terms;
    // A call written `f(x)` as an expression closes with its `)`, like a call term.
    if (Array.isArray(terms))
      ends.push(this.termEnd({ type: 'call', value: terms, location: terms[0].location }));
    else if (terms.type === 'some') terms.symbols.forEach((t) => ends.push(this.termEnd(t)));
    else if (terms.type === 'every') {
      ends.push(this.termEnd(terms.domain));
      const brace = this.nextToken(this.termEnd(terms.domain), '{');
      const close = brace !== undefined ? this.closeOf(brace) : undefined;
      if (close !== undefined) ends.push(this.endPoint(close));
    } else ends.push(this.termEnd(terms));
    // A call written infix, or wrapped in parentheses, may close after its last operand.
    return latest(ends, expr.location);
  }

  /** Where an expression ends, its `with` modifiers included. */
  exprEnd(expr: Expr): Point {
    const ends = [this.exprTermsEnd(expr)];
    for (const w of expr.with ?? []) ends.push(this.termEnd(w.value));
    return latest(ends, expr.location);
  }

  /** The first token of `kind` at or after a point. */
  nextToken(after: Point, kind: string): number | undefined {
    for (let i = 0; i < this.tokens.length; i++) {
      const t = this.tokens[i];
      if (t.row < after.row || (t.row === after.row && t.col <= after.col)) continue;
      return t.kind === kind ? i : undefined;
    }
    return undefined;
  }

  /** The last token that ends before a point. */
  tokenBefore(p: Point): number | undefined {
    let found: number | undefined;
    for (let i = 0; i < this.tokens.length; i++) {
      const t = this.tokens[i];
      if (t.row > p.row || (t.row === p.row && t.col >= p.col)) break;
      found = i;
    }
    return found;
  }
}

function children(term: Term): Term[] {
  switch (term.type) {
    case 'ref':
    case 'array':
    case 'set':
    case 'call':
      return term.value;
    case 'object':
      return term.value.flat();
    case 'arraycomprehension':
    case 'setcomprehension':
      return [term.value.term];
    case 'objectcomprehension':
      return [term.value.key, term.value.value];
    default:
      return [];
  }
}

function bodies(term: Term): Body[] {
  return term.type === 'arraycomprehension' ||
    term.type === 'setcomprehension' ||
    term.type === 'objectcomprehension'
    ? [term.value.body]
    : [];
}

function latest(points: Point[], fallback: Location | undefined): Point {
  let best: Point = fallback ? { row: fallback.row, col: fallback.col } : { row: 0, col: 0 };
  for (const p of points) if (p.row > best.row || (p.row === best.row && p.col > best.col)) best = p;
  return best;
}
