import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';

/*
 * OPA hashes structured files by their parsed value, not their bytes: an
 * object is "{", its keys in byte order each as `"key":value`, commas between,
 * "}"; arrays likewise; primitives as Go's JSON encoder writes them. Numbers
 * keep the text they were written with (OPA parses with json.Number), so JSON
 * is parsed here by a small reader that never turns numbers into doubles.
 */

function encodeString(value: string): string {
  // Go escapes U+2028/U+2029; JSON.stringify agrees on everything else.
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

class CanonicalReader {
  private at = 0;

  constructor(private readonly text: string) {}

  document(): string {
    const value = this.value();
    this.space();
    if (this.at !== this.text.length) this.fail('unexpected text after the JSON value');
    return value;
  }

  private fail(message: string): never {
    throw new SyntaxError(`${message} at offset ${this.at}`);
  }

  private space(): void {
    while (this.at < this.text.length && ' \t\r\n'.includes(this.text[this.at])) this.at++;
  }

  private value(): string {
    this.space();
    const c = this.text[this.at];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return encodeString(this.string());
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      this.text.slice(this.at),
    );
    if (!literal) this.fail('invalid JSON value');
    this.at += literal[0].length;
    return literal[0];
  }

  private string(): string {
    // Raw control characters are not allowed inside JSON strings, hence the range.
    // eslint-disable-next-line no-control-regex
    const match = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(
      this.text.slice(this.at),
    );
    if (!match) this.fail('invalid JSON string');
    this.at += match[0].length;
    return JSON.parse(match[0]) as string;
  }

  private object(): string {
    this.at++;
    const members = new Map<string, string>();
    this.space();
    if (this.text[this.at] === '}') {
      this.at++;
      return '{}';
    }
    while (true) {
      this.space();
      if (this.text[this.at] !== '"') this.fail('expected an object key');
      const key = this.string();
      this.space();
      if (this.text[this.at++] !== ':') this.fail('expected ":"');
      members.set(key, this.value());
      this.space();
      const next = this.text[this.at++];
      if (next === '}') break;
      if (next !== ',') this.fail('expected "," or "}"');
    }
    const keys = [...members.keys()].sort(compareKeys);
    return '{' + keys.map((k) => `${encodeString(k)}:${members.get(k)}`).join(',') + '}';
  }

  private array(): string {
    this.at++;
    const items: string[] = [];
    this.space();
    if (this.text[this.at] === ']') {
      this.at++;
      return '[]';
    }
    while (true) {
      items.push(this.value());
      this.space();
      const next = this.text[this.at++];
      if (next === ']') break;
      if (next !== ',') this.fail('expected "," or "]"');
    }
    return '[' + items.join(',') + ']';
  }
}

/** The canonical text OPA hashes for a JSON document (throws SyntaxError when it is not JSON). */
export function canonicalJson(text: string): string {
  return new CanonicalReader(text).document();
}

/** Whether a bundle file is hashed by its parsed value rather than its bytes. */
export function isStructuredFile(path: string): boolean {
  return /\.(json|ya?ml)$/.test(path) || path.endsWith('/.manifest');
}

/** Hex SHA-256 of a bundle file the way OPA computes it for signatures. */
export function hashBundleFile(path: string, bytes: Uint8Array): string {
  const hash = createHash('sha256');
  if (!isStructuredFile(path)) return hash.update(bytes).digest('hex');
  const text = new TextDecoder().decode(bytes);
  if (/\.ya?ml$/.test(path)) {
    hash.update(canonicalJson(JSON.stringify(parseYaml(text) ?? null)));
  } else {
    hash.update(canonicalJson(text));
  }
  return hash.digest('hex');
}
