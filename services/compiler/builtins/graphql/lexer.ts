/**
 * GraphQL tokenizer with gqlparser's token kinds, positions (1-based line,
 * column counted in runes) and block-string handling. A character that
 * starts no token yields an `<Invalid>` token: the parser then reports it as
 * unexpected, which is what gqlparser's callers end up printing.
 */
import type { Position } from './ast.js';

export type TokenKind =
  | '<Invalid>'
  | '<EOF>'
  | '!'
  | '$'
  | '&'
  | '('
  | ')'
  | '...'
  | ':'
  | '='
  | '@'
  | '['
  | ']'
  | '{'
  | '}'
  | '|'
  | 'Name'
  | 'Int'
  | 'Float'
  | 'String'
  | 'BlockString';

export interface Token {
  kind: TokenKind;
  value: string;
  pos: Position;
}

const PUNCTUATORS = new Set(['!', '$', '&', '(', ')', ':', '=', '@', '[', ']', '{', '}', '|']);

function isNameStart(c: string): boolean {
  return c === '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

function isNameChar(c: string): boolean {
  return isNameStart(c) || (c >= '0' && c <= '9');
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** A token as gqlparser prints it in messages: `Name "foo"`, `<EOF>`, `{`. */
export function describeToken(tok: Token, quote: (s: string) => string): string {
  return tok.value !== '' ? `${tok.kind} ${quote(tok.value)}` : tok.kind;
}

export class Lexer {
  private end = 0;
  private endRunes = 0;
  private startRunes = 0;
  private line = 1;
  private lineStartRunes = 0;

  constructor(private readonly input: string) {}

  private position(column: number): Position {
    return { Line: this.line, Column: column };
  }

  private token(kind: TokenKind, value: string): Token {
    return { kind, value, pos: this.position(this.startRunes - this.lineStartRunes + 1) };
  }

  private invalid(): Token {
    return { kind: '<Invalid>', value: '', pos: this.position(this.endRunes - this.lineStartRunes + 1) };
  }

  /** Moves past one UTF-16 unit or surrogate pair, counting one rune. */
  private advance(): string {
    const cp = this.input.codePointAt(this.end) ?? 0;
    const ch = String.fromCodePoint(cp);
    this.end += ch.length;
    this.endRunes++;
    return ch;
  }

  private newline(): void {
    this.line++;
    this.lineStartRunes = this.endRunes;
  }

  private skipIgnored(): void {
    while (this.end < this.input.length) {
      const c = this.input[this.end];
      if (c === '\t' || c === ' ' || c === ',' || c === '\ufeff') {
        this.advance();
      } else if (c === '\n') {
        this.advance();
        this.newline();
      } else if (c === '\r') {
        this.advance();
        this.newline();
        if (this.input[this.end] === '\n') this.advance();
      } else if (c === '#') {
        while (this.end < this.input.length) {
          const d = this.input.codePointAt(this.end) ?? 0;
          if (d > 0x1f || d === 0x09) this.advance();
          else break;
        }
      } else {
        return;
      }
    }
  }

  next(): Token {
    this.skipIgnored();
    const start = this.end;
    this.startRunes = this.endRunes;
    if (this.end >= this.input.length) return this.token('<EOF>', '');
    const c = this.input[this.end];
    if (PUNCTUATORS.has(c)) {
      this.advance();
      return this.token(c as TokenKind, '');
    }
    if (c === '.') {
      if (this.input.startsWith('...', this.end)) {
        this.end += 3;
        this.endRunes += 3;
        return this.token('...', '');
      }
      return this.invalid();
    }
    if (isNameStart(c)) {
      while (this.end < this.input.length && isNameChar(this.input[this.end])) this.advance();
      return this.token('Name', this.input.slice(start, this.end));
    }
    if (c === '-' || isDigit(c)) return this.readNumber(start);
    if (c === '"') {
      return this.input.startsWith('"""', this.end) ? this.readBlockString() : this.readString();
    }
    return this.invalid();
  }

  private digits(): number {
    let n = 0;
    while (isDigit(this.input[this.end])) {
      this.advance();
      n++;
    }
    return n;
  }

  private readNumber(start: number): Token {
    let float = false;
    if (this.input[this.end] === '-') this.advance();
    if (this.input[this.end] === '0') {
      this.advance();
      if (isDigit(this.input[this.end])) return this.invalid();
    } else if (this.digits() === 0) {
      return this.invalid();
    }
    if (this.input[this.end] === '.') {
      float = true;
      this.advance();
      if (this.digits() === 0) return this.invalid();
    }
    if (this.input[this.end] === 'e' || this.input[this.end] === 'E') {
      float = true;
      this.advance();
      if (this.input[this.end] === '-' || this.input[this.end] === '+') this.advance();
      if (this.digits() === 0) return this.invalid();
    }
    return this.token(float ? 'Float' : 'Int', this.input.slice(start, this.end));
  }

  private readString(): Token {
    this.advance();
    this.startRunes = this.endRunes;
    let out = '';
    while (this.end < this.input.length) {
      const c = this.input[this.end];
      if (c === '\n' || c === '\r') break;
      const code = c.charCodeAt(0);
      if (code < 0x20 && c !== '\t') return this.invalid();
      if (c === '"') {
        const tok = this.token('String', out);
        this.advance();
        return tok;
      }
      if (c !== '\\') {
        out += this.advance();
        continue;
      }
      const escape = this.input[this.end + 1];
      if (escape === undefined) {
        this.advance();
        return this.invalid();
      }
      if (escape === 'u') {
        const hex = this.input.slice(this.end + 2, this.end + 6);
        if (this.end + 6 >= this.input.length || !/^[0-9a-fA-F]{4}$/.test(hex)) {
          this.advance();
          return this.invalid();
        }
        out += String.fromCharCode(parseInt(hex, 16));
        for (let i = 0; i < 6; i++) this.advance();
        continue;
      }
      const simple: Record<string, string> = {
        '"': '"',
        '/': '/',
        '\\': '\\',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
      };
      if (!(escape in simple)) {
        this.advance();
        return this.invalid();
      }
      out += simple[escape];
      this.advance();
      this.advance();
    }
    return this.invalid();
  }

  private readBlockString(): Token {
    for (let i = 0; i < 3; i++) this.advance();
    this.startRunes = this.endRunes;
    let raw = '';
    while (this.end < this.input.length) {
      const c = this.input[this.end];
      if (this.input.startsWith('"""', this.end)) {
        // gqlparser stamps the token with the closing line, as here.
        const tok = this.token('BlockString', blockStringValue(raw));
        for (let i = 0; i < 3; i++) this.advance();
        return tok;
      }
      const code = c.charCodeAt(0);
      if (code < 0x20 && c !== '\t' && c !== '\n' && c !== '\r') return this.invalid();
      if (this.input.startsWith('\\"""', this.end)) {
        raw += '"""';
        for (let i = 0; i < 4; i++) this.advance();
      } else if (c === '\r') {
        if (this.input[this.end + 1] === '\n') this.advance();
        this.advance();
        raw += '\n';
        this.newline();
      } else {
        raw += this.advance();
        if (c === '\n') this.newline();
      }
    }
    return this.invalid();
  }
}

function leadingWhitespace(s: string): number {
  let i = 0;
  while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  return i;
}

/** The spec's BlockStringValue: common indentation and blank edge lines removed. */
export function blockStringValue(raw: string): string {
  const lines = raw.split(/\r\n|[\n\r]/);
  let common: number | null = null;
  for (let i = 1; i < lines.length; i++) {
    const indent = leadingWhitespace(lines[i]);
    if (indent < lines[i].length && (common === null || indent < common)) common = indent;
  }
  if (common !== null) {
    for (let i = 1; i < lines.length; i++) lines[i] = lines[i].slice(Math.min(common, lines[i].length));
  }
  const blank = (s: string) => leadingWhitespace(s) === s.length;
  while (lines.length > 0 && blank(lines[0])) lines.shift();
  while (lines.length > 0 && blank(lines[lines.length - 1])) lines.pop();
  return lines.join('\n');
}
