/**
 * Rego lexer, following OPA's scanner (`v1/ast/internal/scanner`): the
 * whole source is turned into a token array up front so the parser can
 * backtrack by index. Runs of whitespace become one `whitespace` token
 * (the parser is whitespace-sensitive in refs and calls: `a [0]` is not a
 * ref); comments are collected separately.
 */

export type TokenKind =
  | 'illegal'
  | 'eof'
  | 'whitespace'
  | 'identifier'
  | 'number'
  | 'string'
  // keywords
  | 'package'
  | 'import'
  | 'as'
  | 'default'
  | 'else'
  | 'not'
  | 'some'
  | 'with'
  | 'null'
  | 'true'
  | 'false'
  | 'in'
  | 'every'
  | 'contains'
  | 'if'
  // punctuation and operators, named as OPA names them
  | '['
  | ']'
  | '{'
  | '}'
  | '('
  | ')'
  | ','
  | ':'
  | '.'
  | ';'
  | 'plus'
  | 'minus'
  | 'mul'
  | 'div'
  | 'rem'
  | 'and'
  | 'or'
  | 'eq'
  | 'equal'
  | 'assign'
  | 'neq'
  | 'gt'
  | 'lt'
  | 'gte'
  | 'lte';

/** Every Rego v1 keyword (OPA's base keywords plus the former future keywords). */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'package',
  'import',
  'as',
  'default',
  'else',
  'not',
  'some',
  'with',
  'null',
  'true',
  'false',
  'in',
  'every',
  'contains',
  'if',
]);

/** Keywords a Rego v0 module has only once it imports them (`import future.keywords.in`, `import rego.v1`). */
export const FUTURE_KEYWORDS: readonly string[] = ['contains', 'every', 'if', 'in'];

export interface Token {
  kind: TokenKind;
  /** Source text of the token (strings keep their quotes). */
  text: string;
  /** 1-based row and column (columns count code points, as OPA counts runes). */
  row: number;
  col: number;
  /** Offsets of the token in the source (UTF-16 units). */
  start: number;
  end: number;
  /** For whitespace tokens: whether the run contains a newline. */
  newline?: boolean;
  /** Scanner problems found inside this token; the parser reports them at the token. */
  errors?: string[];
}

export interface SourceComment {
  /** Text after the `#`, without a trailing carriage return. */
  text: string;
  row: number;
  col: number;
}

export interface LexResult {
  tokens: Token[];
  comments: SourceComment[];
}

const SINGLE_CHAR: Record<string, TokenKind> = {
  '[': '[',
  ']': ']',
  '{': '{',
  '}': '}',
  '(': '(',
  ')': ')',
  ',': ',',
  ';': ';',
  '.': '.',
  '+': 'plus',
  '-': 'minus',
  '*': 'mul',
  '/': 'div',
  '%': 'rem',
  '&': 'and',
  '|': 'or',
};

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isDecimal(c: number): boolean {
  return c >= 48 && c <= 57;
}

const UNICODE_DIGIT = /^\p{Nd}$/u;

function isDigit(c: number, src: string, at: number): boolean {
  if (isDecimal(c)) return true;
  if (c < 0x80) return false;
  const cp = src.codePointAt(at);
  return cp !== undefined && UNICODE_DIGIT.test(String.fromCodePoint(cp));
}

function isWhitespace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

const NEWLINE = 10;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** charCodeAt past the end gives NaN; -1 is easier to compare. */
const EOF = -1;

/** Walks the source by UTF-16 index, tracking row and column like OPA's scanner. */
class Cursor {
  offset = 0;
  row = 1;
  /** Column of the last consumed character (0 at the start of a line). */
  col = 0;

  constructor(readonly src: string) {}

  /** Code unit at the cursor (plus `ahead`), or EOF. */
  peek(ahead = 0): number {
    const at = this.offset + ahead;
    return at < this.src.length ? this.src.charCodeAt(at) : EOF;
  }

  /** Consumes one character (a surrogate pair counts as one column, like a Go rune). */
  next(): number {
    if (this.offset >= this.src.length) return EOF;
    const c = this.src.charCodeAt(this.offset++);
    if (c >= 0xd800 && c <= 0xdbff && this.offset < this.src.length) {
      const low = this.src.charCodeAt(this.offset);
      if (low >= 0xdc00 && low <= 0xdfff) this.offset++;
    }
    if (c === NEWLINE) {
      this.row++;
      this.col = 0;
    } else {
      this.col++;
    }
    return c;
  }

  /** Position of the next character, as OPA reports a token starting there. */
  position(): { row: number; col: number } {
    const c = this.peek();
    if (c === EOF) return { row: this.row, col: this.col };
    // OPA counts a newline as soon as it reads it, so a newline sits at column 0 of the next row.
    return c === NEWLINE ? { row: this.row + 1, col: 0 } : { row: this.row, col: this.col + 1 };
  }
}

const KEYWORD_KINDS: ReadonlyMap<string, TokenKind> = new Map([...KEYWORDS].map((k) => [k, k as TokenKind]));

export function lex(source: string): LexResult {
  const cur = new Cursor(source);
  const tokens: Token[] = [];
  const comments: SourceComment[] = [];
  if (cur.peek() === 0xfeff) cur.next();

  for (;;) {
    const { row, col } = cur.position();
    const start = cur.offset;
    const c = cur.peek();
    const errors: string[] = [];
    let kind: TokenKind;

    if (c === EOF) {
      // OPA reports the end of input at the last consumed character.
      tokens.push({ kind: 'eof', text: '', row: cur.row, col: cur.col, start, end: start });
      break;
    }

    if (isWhitespace(c)) {
      let newline = false;
      while (isWhitespace(cur.peek()) || cur.peek() === 35 /* # */) {
        if (cur.peek() === 35) {
          scanComment(cur, comments);
          continue;
        }
        if (cur.next() === NEWLINE) newline = true;
      }
      tokens.push({ kind: 'whitespace', text: ' ', row, col, start, end: cur.offset, newline });
      continue;
    }

    if (c === 35 /* # */) {
      scanComment(cur, comments);
      continue;
    }

    if (isLetter(c)) {
      cur.next();
      while (isLetter(cur.peek()) || isDigit(cur.peek(), source, cur.offset)) cur.next();
      const text = source.slice(start, cur.offset);
      tokens.push({ kind: KEYWORD_KINDS.get(text) ?? 'identifier', text, row, col, start, end: cur.offset });
      continue;
    }

    if (isDecimal(c)) {
      scanNumber(cur, errors);
      kind = 'number';
    } else if (c === 34 /* " */) {
      cur.next();
      scanString(cur, errors);
      kind = 'string';
    } else if (c === 96 /* ` */) {
      cur.next();
      for (;;) {
        const ch = cur.next();
        if (ch === 96) break;
        if (ch === EOF) {
          errors.push('non-terminated string');
          break;
        }
      }
      kind = 'string';
    } else {
      cur.next();
      kind = scanOperator(c, cur, errors);
    }

    const text = source.slice(start, cur.offset);
    if (text.includes('\0')) errors.push('illegal null character');
    // OPA reads UTF-8 bytes, where an unpaired surrogate cannot occur.
    if (kind === 'string' && LONE_SURROGATE.test(text)) errors.push('illegal utf-8 character');
    const tok: Token = { kind, text, row, col, start, end: cur.offset };
    if (errors.length > 0) {
      tok.errors = errors;
      tok.kind = 'illegal';
    }
    tokens.push(tok);
  }
  return { tokens, comments };
}

function scanComment(cur: Cursor, comments: SourceComment[]): void {
  const { row, col } = cur.position();
  const start = cur.offset;
  cur.next();
  while (cur.peek() !== EOF && cur.peek() !== NEWLINE) cur.next();
  let text = cur.src.slice(start + 1, cur.offset);
  if (text.endsWith('\r')) text = text.slice(0, -1);
  comments.push({ text, row, col });
}

function scanNumber(cur: Cursor, errors: string[]): void {
  while (isDecimal(cur.peek())) cur.next();
  if (cur.peek() === 46 /* . */) {
    cur.next();
    let found = false;
    while (isDecimal(cur.peek())) {
      cur.next();
      found = true;
    }
    if (!found) errors.push('expected fraction');
  }
  if (cur.peek() === 101 || cur.peek() === 69 /* e E */) {
    cur.next();
    if (cur.peek() === 43 || cur.peek() === 45 /* + - */) cur.next();
    let found = false;
    while (isDecimal(cur.peek())) {
      cur.next();
      found = true;
    }
    if (!found) errors.push('expected exponent');
  }
  // `0a2b` is one bad number, not a number followed by an identifier.
  if (isLetter(cur.peek())) {
    errors.push('illegal number format');
    while (isLetter(cur.peek()) || isDigit(cur.peek(), cur.src, cur.offset)) cur.next();
  }
}

const SIMPLE_ESCAPES = new Set([92, 34, 47, 98, 102, 110, 114, 116]); // \ " / b f n r t

function scanString(cur: Cursor, errors: string[]): void {
  for (;;) {
    const c = cur.peek();
    if (c === NEWLINE || c === EOF) {
      errors.push('non-terminated string');
      return;
    }
    cur.next();
    if (c === 34 /* " */) return;
    if (c === 92 /* \ */) {
      const esc = cur.peek();
      if (SIMPLE_ESCAPES.has(esc)) {
        cur.next();
      } else if (esc === 117 /* u */) {
        // Like OPA: step over `u` and three more characters; the hex digits are checked when the
        // literal is decoded.
        for (let i = 0; i < 4; i++) cur.next();
      } else {
        errors.push('illegal escape sequence');
      }
    }
  }
}

function scanOperator(c: number, cur: Cursor, errors: string[]): TokenKind {
  const ch = String.fromCharCode(c);
  const single = SINGLE_CHAR[ch];
  if (single) return single;
  const nextIsEq = cur.peek() === 61; /* = */
  switch (ch) {
    case ':':
      if (nextIsEq) cur.next();
      return nextIsEq ? 'assign' : ':';
    case '=':
      if (nextIsEq) cur.next();
      return nextIsEq ? 'equal' : 'eq';
    case '>':
      if (nextIsEq) cur.next();
      return nextIsEq ? 'gte' : 'gt';
    case '<':
      if (nextIsEq) cur.next();
      return nextIsEq ? 'lte' : 'lt';
    case '!':
      if (nextIsEq) {
        cur.next();
        return 'neq';
      }
      errors.push('illegal ! character');
      return 'illegal';
    case '$':
      if (cur.peek() === 34 || cur.peek() === 96) {
        errors.push('template strings are not supported');
        return 'illegal';
      }
      errors.push('illegal $ character');
      return 'illegal';
    default:
      // OPA's scanner yields an illegal token without a message for any other character.
      return 'illegal';
  }
}
