/**
 * Shared state of the Rego parser: the token stream with OPA's two ways of
 * advancing (skipping whitespace or stopping at it), backtracking by saving
 * and restoring the position, error reporting in OPA's wording, and the
 * recursion guard.
 */

import type { Location } from './ast.js';
import type { RegoError } from '../errors.js';
import { FUTURE_KEYWORDS, KEYWORDS, type Token, type TokenKind } from './lexer.js';

/**
 * The Rego syntax a source is parsed as. `v0` is pre-1.0 Rego: `if`,
 * `contains`, `in` and `every` are names until a module imports them
 * (`import future.keywords...` or `import rego.v1`), and rules need neither
 * `if` nor `contains`.
 */
export type RegoVersion = 'v0' | 'v1';

const FUTURE_KINDS: ReadonlySet<TokenKind> = new Set(FUTURE_KEYWORDS as TokenKind[]);

/** Deep enough for any real policy, shallow enough to stay far from the JS stack limit. */
const MAX_DEPTH = 2500;

export interface SavedState {
  pos: number;
  wildcard: number;
  errorCount: number;
  forcedIdent: number;
  hints: readonly string[];
}

export class ParserBase {
  protected pos = -1;
  protected wildcard = 0;
  /** Index of a keyword token that is being read as an identifier (`input.in`, `not.x`). */
  protected forcedIdent = -1;
  readonly errors: RegoError[] = [];
  private depth = 0;
  /**
   * Future keywords read as keywords from here on: all of them in v1; in v0
   * those imported so far (imports only ever add, so backtracking keeps them, as in OPA).
   */
  private readonly futureKeywords: Set<string>;
  /** While set, every future keyword is one (OPA's `futureParser`, trying what an import would allow). */
  private allFutureKeywords = false;
  /** Hints for the next error (OPA's `p.hint`); replaced, never mutated, so saved states can share them. */
  private hints: readonly string[] = [];

  constructor(
    protected readonly tokens: Token[],
    protected readonly file: string,
    protected readonly regoVersion: RegoVersion = 'v1',
  ) {
    this.futureKeywords = new Set(regoVersion === 'v1' ? FUTURE_KEYWORDS : []);
  }

  // ---- token stream -------------------------------------------------------

  protected tok(): TokenKind {
    if (this.pos === this.forcedIdent) return 'identifier';
    const kind = this.tokens[this.pos].kind;
    if (!FUTURE_KINDS.has(kind) || this.allFutureKeywords) return kind;
    return this.futureKeywords.has(kind) ? kind : 'identifier';
  }

  /** Whether a future keyword is one here (always in v1; in v0 once imported). */
  protected isFutureKeywordActive(keyword: string): boolean {
    return this.futureKeywords.has(keyword);
  }

  /** Runs `fn` reading every future keyword as one; the caller restores the position. */
  protected withAllFutureKeywords<T>(fn: () => T): T {
    const saved = this.allFutureKeywords;
    this.allFutureKeywords = true;
    try {
      return fn();
    } finally {
      this.allFutureKeywords = saved;
    }
  }

  /** A hint appended to the next error's message, as OPA's `(hint: ...)`. */
  protected hint(text: string): void {
    this.hints = [...this.hints, text];
  }

  /** Makes future keywords keywords for the rest of the source; importing `every` brings `in` too. */
  protected enableKeywords(keywords: readonly string[]): void {
    for (const kw of keywords) {
      this.futureKeywords.add(kw);
      if (kw === 'every') this.futureKeywords.add('in');
    }
  }

  /** Whether a name is a keyword of the Rego version parsed (OPA's `IsKeywordInRegoVersion`). */
  protected isKeywordOfVersion(name: string): boolean {
    return KEYWORDS.has(name) && (this.regoVersion === 'v1' || !FUTURE_KINDS.has(name as TokenKind));
  }

  protected get text(): string {
    return this.tokens[this.pos].text;
  }

  protected loc(): Location {
    const t = this.tokens[this.pos];
    return { file: this.file, row: t.row, col: t.col };
  }

  /** Advances to the next token, skipping whitespace. */
  protected scan(): void {
    this.step();
    while (this.tokens[this.pos].kind === 'whitespace') this.step();
  }

  /** Advances one token; the current token may then be whitespace. */
  protected scanWS(): void {
    this.step();
  }

  private step(): void {
    if (this.pos < this.tokens.length - 1) this.pos++;
    const t = this.tokens[this.pos];
    if (t.errors) for (const message of t.errors) this.error(this.loc(), message);
  }

  /** Whether a newline separates the current token from the previous one. */
  protected skippedNewline(): boolean {
    const cur = this.tokens[this.pos];
    if (cur.kind === 'whitespace') return cur.newline === true;
    const prev = this.tokens[this.pos - 1];
    return prev !== undefined && prev.kind === 'whitespace' && prev.newline === true;
  }

  protected save(): SavedState {
    return {
      pos: this.pos,
      wildcard: this.wildcard,
      errorCount: this.errors.length,
      forcedIdent: this.forcedIdent,
      hints: this.hints,
    };
  }

  protected restore(s: SavedState): void {
    this.pos = s.pos;
    this.wildcard = s.wildcard;
    this.errors.length = s.errorCount;
    this.forcedIdent = s.forcedIdent;
    this.hints = s.hints;
  }

  /** The kind of the token after the current one, without skipping whitespace. */
  protected peekAdjacent(): TokenKind {
    const next = this.tokens[this.pos + 1];
    return next ? next.kind : 'eof';
  }

  protected isKeyword(kind: TokenKind): boolean {
    return KEYWORDS.has(kind);
  }

  /** A keyword directly followed by `.` or `[` starts a ref (`else.x`, `not[0]`): read it as a name. */
  protected scanAheadRef(): boolean {
    if (this.isKeyword(this.tok())) {
      const next = this.peekAdjacent();
      if (next === '.' || next === '[') {
        this.forcedIdent = this.pos;
        return true;
      }
    }
    return false;
  }

  // ---- errors ---------------------------------------------------------------

  protected error(location: Location, message: string): void {
    let text = message;
    if (this.hints.length === 1) text += ` (hint: ${this.hints[0]})`;
    else if (this.hints.length > 1) text += ` (hints: ${this.hints.join(', ')})`;
    this.hints = [];
    this.errors.push({ code: 'rego_parse_error', message: text, location });
  }

  /** OPA's "unexpected <token> token|keyword[: note]". */
  protected illegal(note = ''): void {
    const kind = this.tok();
    if (kind === 'illegal') {
      this.error(this.loc(), 'illegal token');
      return;
    }
    const what = this.isKeyword(kind) ? 'keyword' : 'token';
    this.error(this.loc(), `unexpected ${kind} ${what}${note ? `: ${note}` : ''}`);
  }

  protected enter(): boolean {
    this.depth++;
    if (this.depth > MAX_DEPTH) {
      this.error(this.loc(), 'max parsing recursion depth exceeded');
      this.depth--;
      return false;
    }
    return true;
  }

  protected leave(): void {
    this.depth--;
  }

  protected nextWildcard(): string {
    return `$${this.wildcard++}`;
  }
}
