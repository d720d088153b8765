/**
 * A tiny reader for Rego literal terms (strings, raw strings, numbers,
 * booleans, null, arrays, objects, sets), enough to lift literal builtin
 * calls out of OPA's conformance modules. Sets come out as sorted arrays,
 * the way the opa-wasm SDK hands them to host builtins.
 */
import { toSet } from '../../../../services/compiler/builtins/index.js';
import type { Value } from '../../../../services/compiler/builtins/index.js';

export class NotLiteral extends Error {}

/** Looks up `input...` / `data...` references; returns undefined when the ref cannot be resolved. */
export type RefResolver = (root: string, path: string[]) => Value | undefined;

export class LiteralReader {
  private pos = 0;

  constructor(
    private readonly src: string,
    private readonly resolve?: RefResolver,
  ) {}

  private skip(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos])) this.pos++;
  }

  peek(): string {
    this.skip();
    return this.src[this.pos] ?? '';
  }

  /** The text not read yet. */
  remaining(): string {
    return this.src.slice(this.pos);
  }

  atEnd(): boolean {
    return this.peek() === '';
  }

  expect(ch: string): void {
    if (this.peek() !== ch) throw new NotLiteral(`expected ${ch} at ${this.pos} in ${this.src}`);
    this.pos++;
  }

  /** Reads an array of variables (`[x, y, z]`, a destructuring output) if one is next. */
  variablePattern(isFree: (name: string) => boolean): string[] | undefined {
    this.skip();
    const m = /^\[\s*([A-Za-z_][A-Za-z0-9_]*(?:\s*,\s*[A-Za-z_][A-Za-z0-9_]*)*)\s*\]/.exec(
      this.src.slice(this.pos),
    );
    if (!m) return undefined;
    const names = m[1].split(',').map((n) => n.trim());
    if (!names.every((n) => isFree(n) && !['true', 'false', 'null', 'input', 'data'].includes(n)))
      return undefined;
    this.pos += m[0].length;
    return names;
  }

  /** Reads an identifier (a variable) if one is next. */
  identifier(): string | undefined {
    this.skip();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.src.slice(this.pos));
    if (
      !m ||
      ['true', 'false', 'null', 'input', 'data'].includes(m[0]) ||
      this.src.startsWith('set()', this.pos)
    ) {
      return undefined;
    }
    this.pos += m[0].length;
    return m[0];
  }

  value(): Value {
    const ch = this.peek();
    const rest = this.src.slice(this.pos);
    const ref = /^(input|data)\b((?:\.[A-Za-z_][A-Za-z0-9_]*|\[(?:"[^"]*"|\d+)\])*)/.exec(rest);
    if (ref && this.resolve) {
      const path = Array.from(ref[2].matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\[("[^"]*"|\d+)\]/g), (m) =>
        m[1] !== undefined ? m[1] : (JSON.parse(m[2]) as string | number).toString(),
      );
      const v = this.resolve(ref[1], path);
      if (v === undefined) throw new NotLiteral(`unresolved reference ${ref[0]}`);
      this.pos += ref[0].length;
      return v;
    }
    if (ch === '"') {
      const m = /^"(?:[^"\\\n]|\\.)*"/.exec(rest);
      if (!m) throw new NotLiteral('bad string');
      this.pos += m[0].length;
      return JSON.parse(m[0]) as string;
    }
    if (ch === '`') {
      const end = this.src.indexOf('`', this.pos + 1);
      if (end < 0) throw new NotLiteral('bad raw string');
      const s = this.src.slice(this.pos + 1, end);
      this.pos = end + 1;
      return s;
    }
    const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (num) {
      this.pos += num[0].length;
      if (/^-?\d+$/.test(num[0]) && !Number.isSafeInteger(Number(num[0]))) return BigInt(num[0]);
      return Number(num[0]);
    }
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (new RegExp(`^${word}\\b`).test(rest)) {
        this.pos += word.length;
        return v;
      }
    }
    if (rest.startsWith('set()')) {
      this.pos += 5;
      return [];
    }
    if (ch === '[') {
      this.pos++;
      const items = this.list(']');
      return items;
    }
    if (ch === '{') {
      this.pos++;
      if (this.peek() === '}') {
        this.pos++;
        return {};
      }
      const first = this.value();
      if (this.peek() === ':') {
        this.pos++;
        const obj: { [k: string]: Value } = {};
        let key = first;
        for (;;) {
          if (typeof key !== 'string') throw new NotLiteral('non-string object key');
          obj[key] = this.value();
          if (this.peek() === ',') {
            this.pos++;
            if (this.peek() === '}') break;
            key = this.value();
            this.expect(':');
            continue;
          }
          break;
        }
        this.expect('}');
        return obj;
      }
      const items = [first];
      if (this.peek() === ',') {
        this.pos++;
        items.push(...this.list('}'));
      } else this.expect('}');
      return toSet(items);
    }
    throw new NotLiteral(`not a literal at ${this.pos}: ${rest.slice(0, 20)}`);
  }

  /** Comma-separated values up to `close` (consumed); a trailing comma is allowed. */
  list(close: string): Value[] {
    const items: Value[] = [];
    while (this.peek() !== close) {
      items.push(this.value());
      if (this.peek() === ',') this.pos++;
      else break;
    }
    this.expect(close);
    return items;
  }
}
