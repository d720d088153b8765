/**
 * Rego value text (what the runtime's `opa_value_dump` writes and
 * `opa_value_parse` reads: JSON plus set literals `{1,2}` / `set()` and
 * non-string object keys) to and from the builtins' value model, exactly:
 * sets become `SetValue`s, integers past 2^53 bigints, and numbers no double
 * can hold `NumberText`s.
 *
 * The value model's objects have string keys only: a non-string key becomes
 * the string of its JSON text, as the SDK's JSON convention delivers it.
 */
import { NumberText, SetValue, isSet, toJSONText } from './values.js';
import type { ObjectValue, Value } from './values.js';

export class ValueTextError extends Error {
  constructor(message: string, text: string, offset: number) {
    super(`value text: ${message} at offset ${offset} of ${JSON.stringify(text.slice(0, 80))}`);
    this.name = 'ValueTextError';
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const INTEGER = /^-?\d+$/;

class Reader {
  pos = 0;

  constructor(readonly text: string) {}

  fail(message: string): never {
    throw new ValueTextError(message, this.text, this.pos);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos])) this.pos++;
  }

  peek(): string {
    this.skipSpace();
    return this.text[this.pos] ?? '';
  }

  expect(ch: string): void {
    if (this.peek() !== ch) this.fail(`expected ${JSON.stringify(ch)}`);
    this.pos++;
  }

  literal(word: string): boolean {
    if (!this.text.startsWith(word, this.pos)) return false;
    this.pos += word.length;
    return true;
  }

  value(): Value {
    const ch = this.peek();
    if (ch === '"') return this.string();
    if (ch === '[') return this.array();
    if (ch === '{') return this.objectOrSet();
    if (this.literal('null')) return null;
    if (this.literal('true')) return true;
    if (this.literal('false')) return false;
    if (this.literal('set()')) return new SetValue();
    return this.number();
  }

  string(): string {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.text.length && this.text[this.pos] !== '"') {
      this.pos += this.text[this.pos] === '\\' ? 2 : 1;
    }
    if (this.pos >= this.text.length) this.fail('unterminated string');
    this.pos++;
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }

  number(): Value {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail('unexpected character');
    this.pos += match[0].length;
    return numberValue(match[0]);
  }

  array(): Value[] {
    this.pos++;
    const items: Value[] = [];
    if (this.peek() === ']') {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.value());
      if (this.peek() === ']') break;
      this.expect(',');
    }
    this.pos++;
    return items;
  }

  objectOrSet(): Value {
    this.pos++;
    if (this.peek() === '}') {
      this.pos++;
      return {};
    }
    const first = this.value();
    return this.peek() === ':' ? this.objectFrom(first) : this.setFrom(first);
  }

  objectFrom(firstKey: Value): ObjectValue {
    const obj: ObjectValue = {};
    let key = firstKey;
    for (;;) {
      this.expect(':');
      // defineProperty, not assignment: a key "__proto__" is a key like any other.
      Object.defineProperty(obj, typeof key === 'string' ? key : toJSONText(key), {
        value: this.value(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      if (this.peek() === '}') break;
      this.expect(',');
      key = this.value();
    }
    this.pos++;
    return obj;
  }

  setFrom(first: Value): SetValue {
    const items = [first];
    while (this.peek() !== '}') {
      this.expect(',');
      items.push(this.value());
    }
    this.pos++;
    return SetValue.fromValues(items);
  }
}

function numberValue(text: string): number | bigint | NumberText {
  const n = Number(text);
  if (INTEGER.test(text)) return Number.isSafeInteger(n) ? n : BigInt(text);
  return Number.isFinite(n) ? n : new NumberText(text);
}

/** Parses one value from Rego value text; throws `ValueTextError` on malformed text. */
export function parseValueText(text: string): Value {
  const reader = new Reader(text);
  const value = reader.value();
  if (reader.peek() !== '') reader.fail('trailing characters');
  return value;
}

/**
 * Rego value text for a builtin result. `SetValue`s are written as sets, and
 * so is a top-level array when `asSet` (the builtin's declared result is a
 * set). `undefined` inside arrays and objects follows `JSON.stringify`.
 */
export function toValueText(value: Value, asSet = false): string {
  if (Array.isArray(value) && (asSet || isSet(value))) {
    return value.length === 0 ? 'set()' : `{${value.map((v) => toValueText(v)).join(',')}}`;
  }
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : toValueText(v))).join(',')}]`;
  if (value !== null && typeof value === 'object' && !(value instanceof NumberText)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${toValueText(v)}`).join(',')}}`;
  }
  return toJSONText(value);
}
