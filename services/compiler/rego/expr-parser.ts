/**
 * Parser for expressions and bodies (OPA's `parseQuery`, `parseLiteral`,
 * `parseSome`, `parseEvery`, `parseWith`, `parseExpr`).
 */

import type { Body, Every, Expr, SomeDecl, Term, With } from './ast.js';
import type { TokenKind } from './lexer.js';
import type { SavedState } from './parser-base.js';
import { TermParser } from './term-parser.js';
import { MEMBER_2, MEMBER_3, operatorName } from './terms.js';

export class ExprParser extends TermParser {
  protected parseBody(end: TokenKind): Body | undefined {
    if (!this.enter()) return undefined;
    try {
      return this.parseQuery(false, end);
    } finally {
      this.leave();
    }
  }

  /** Literals separated by `;` or newlines up to `end`; with requireSemi, one statement only. */
  protected parseQuery(requireSemi: boolean, end: TokenKind): Body | undefined {
    const body: Body = [];
    if (this.tok() === end) {
      this.error(this.loc(), 'found empty body');
      return undefined;
    }
    for (;;) {
      const expr = this.parseLiteral();
      if (!expr) return undefined;
      expr.index = body.length;
      body.push(expr);
      if (this.tok() === ';') {
        this.scan();
        continue;
      }
      if (this.tok() === end || requireSemi) return body;
      if (!this.skippedNewline()) {
        if (this.errors.length === 0) this.illegal(`expected \\n or ; or ${end}`);
        return undefined;
      }
    }
  }

  protected parseLiteral(): Expr | undefined {
    const location = this.loc();
    const expr = this.parseLiteralInner();
    if (expr) expr.location = location;
    return expr;
  }

  private parseLiteralInner(): Expr | undefined {
    if (this.scanAheadRef()) return this.parseLiteralExpr(false);
    let negated = false;
    if (this.tok() === 'not') {
      const next = this.peekAdjacent();
      if (next !== '.' && next !== '[') {
        this.scan();
        negated = true;
      }
    }
    switch (this.tok()) {
      case 'some':
        if (negated) {
          this.illegal("illegal negation of 'some'");
          return undefined;
        }
        return this.parseSome();
      case 'every':
        if (negated) {
          this.illegal("illegal negation of 'every'");
          return undefined;
        }
        return this.parseEvery();
      default:
        return this.parseLiteralExpr(negated);
    }
  }

  private parseLiteralExpr(negated: boolean): Expr | undefined {
    const start = this.save();
    const expr = this.parseExpr();
    if (!expr) return undefined;
    if (negated) expr.negated = true;
    if (this.tok() === 'with') {
      const withs = this.parseWith();
      if (!withs) return undefined;
      expr.with = withs;
    }
    const terms = expr.terms;
    if (!Array.isArray(terms) && terms.type === 'var' && terms.value === 'every') this.hintFutureEvery(start);
    return expr;
  }

  /**
   * A v0 literal that reads as the name `every` but would parse as an
   * `every` expression with the keyword imported: the next error says so, as OPA's.
   */
  private hintFutureEvery(start: SavedState): void {
    if (this.regoVersion !== 'v0' || this.isFutureKeywordActive('every')) return;
    const after = this.save();
    this.restore(start);
    const every = this.withAllFutureKeywords(() => this.parseEvery());
    this.restore(after);
    if (every && !Array.isArray(every.terms) && every.terms.type === 'every') {
      this.hint('`import future.keywords.every` for `every x in xs { ... }` expressions');
    }
  }

  /** Likewise `some x in xs` in v0 without `in` imported. */
  private hintFutureIn(): void {
    if (this.regoVersion !== 'v0' || this.isFutureKeywordActive('in')) return;
    const s = this.save();
    this.scan();
    const term = this.withAllFutureKeywords(() => this.parseTermInfixCall());
    this.restore(s);
    const name = term?.type === 'call' ? operatorName(term.value[0]) : undefined;
    if (name === MEMBER_2 || name === MEMBER_3) {
      this.hint('`import future.keywords.in` for `some x in xs` expressions');
    }
  }

  private parseWith(): With[] | undefined {
    const withs: With[] = [];
    for (;;) {
      const location = this.loc();
      this.scan();
      if (this.tok() !== 'identifier') {
        this.illegal('expected ident');
        return undefined;
      }
      const target = this.parseTerm();
      if (!target) return undefined;
      if (target.type !== 'ref' && target.type !== 'var') this.illegal('expected with target path');
      if (this.tok() !== 'as') {
        this.illegal('expected as keyword');
        return undefined;
      }
      this.scan();
      const value = this.parseTermInfixCall();
      if (!value) return undefined;
      withs.push({ target, value, location });
      if (this.tok() !== 'with') return withs;
    }
  }

  private parseSome(): Expr | undefined {
    const location = this.loc();
    const decl: SomeDecl = { type: 'some', symbols: [], location };
    // First try `some x in xs` / `some k, v in xs`.
    const s = this.save();
    this.scan();
    const term = this.parseTermInfixCall();
    if (term && term.type === 'call') {
      const name = operatorName(term.value[0]);
      if (name === MEMBER_2 || name === MEMBER_3) {
        if (term.value.length !== (name === MEMBER_2 ? 3 : 4)) {
          this.illegal('illegal domain');
          return undefined;
        }
      } else {
        this.illegal('expected `x in xs` or `x, y in xs` expression');
        return undefined;
      }
      decl.symbols = [term];
      const expr: Expr = { index: 0, terms: decl, location };
      if (this.tok() === 'with') {
        const withs = this.parseWith();
        if (!withs) return undefined;
        expr.with = withs;
      }
      return expr;
    }
    this.restore(s);
    this.hintFutureIn();
    for (;;) {
      this.scan();
      if (this.tok() !== 'identifier') {
        this.illegal('expected var');
        return undefined;
      }
      decl.symbols.push(this.parseVar());
      this.scan();
      if (this.tok() !== ',') break;
    }
    return { index: 0, terms: decl, location };
  }

  private parseEvery(): Expr | undefined {
    const location = this.loc();
    this.scan();
    const term = this.parseTermInfixCall();
    if (!term) return undefined;
    const name = term.type === 'call' ? operatorName(term.value[0]) : undefined;
    if (term.type !== 'call' || (name !== MEMBER_2 && name !== MEMBER_3)) {
      this.illegal('expected `x[, y] in xs { ... }` expression');
      return undefined;
    }
    let key: Term | undefined;
    let value: Term;
    let domain: Term;
    if (name === MEMBER_2) {
      if (term.value.length !== 3) {
        this.illegal('illegal domain');
        return undefined;
      }
      [, value, domain] = term.value;
    } else {
      if (term.value.length !== 4) {
        this.illegal('illegal domain');
        return undefined;
      }
      [, key, value, domain] = term.value;
      if (key.type !== 'var') {
        this.illegal('expected key to be a variable');
        return undefined;
      }
    }
    if (value.type !== 'var') {
      this.illegal('expected value to be a variable');
      return undefined;
    }
    if (this.tok() !== '{') {
      this.illegal('missing body');
      return undefined;
    }
    this.scan();
    const body = this.parseBody('}');
    if (!body) return undefined;
    this.scan();
    const every: Every = { type: 'every', value, domain, body, location };
    if (key) every.key = key;
    const expr: Expr = { index: 0, terms: every, location };
    if (this.tok() === 'with') {
      const withs = this.parseWith();
      if (!withs) return undefined;
      expr.with = withs;
    }
    return expr;
  }

  protected parseExpr(): Expr | undefined {
    const lhs = this.parseTermInfixCall();
    if (!lhs) return undefined;
    const op = this.parseTermOp('assign', 'eq');
    if (op) {
      const rhs = this.parseTermInfixCall();
      return rhs ? { index: 0, terms: [op, lhs, rhs] } : undefined;
    }
    // A call at the top of an expression is written as the expression's term list.
    if (lhs.type === 'call') return { index: 0, terms: lhs.value };
    return { index: 0, terms: lhs };
  }
}
