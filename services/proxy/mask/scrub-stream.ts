import { Transform, type TransformCallback } from 'node:stream';

/** Regex source matching one hex digit pair or quad in either case (`%2f`, `%2F`). */
function anyCaseHex(hex: string): string {
  return [...hex].map((d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d)).join('');
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/**
 * Every way one character of a secret can be written in a response: as is,
 * percent-encoded (URLs, `Location`), JSON `\u` escaped or short-escaped,
 * `+` for a form-encoded space. Works on UTF-8 bytes read as latin1, so the
 * same pattern serves buffers and header values. Returns the source and the
 * longest byte length it can match.
 */
function characterForms(ch: string): { source: string; longest: number } {
  const bytes = Buffer.from(ch, 'utf8');
  const forms = [escapeRegex(bytes.toString('latin1'))];
  forms.push([...bytes].map((b) => '%' + anyCaseHex(b.toString(16).padStart(2, '0'))).join(''));
  const units = Array.from({ length: ch.length }, (_, i) => ch.charCodeAt(i).toString(16).padStart(4, '0'));
  forms.push(units.map((u) => '\\\\u' + anyCaseHex(u)).join(''));
  const jsonShort = JSON.stringify(ch).slice(1, -1);
  if (jsonShort !== ch && !jsonShort.startsWith('\\u')) forms.push(escapeRegex(jsonShort));
  if (ch === '/') forms.push('\\\\/');
  if (ch === ' ') forms.push('\\+');
  return { source: `(?:${forms.join('|')})`, longest: Math.max(bytes.length * 3, ch.length * 6) };
}

/**
 * The secret and its base64 / base64url encodings (also without padding, so
 * an encoding inside a longer one still matches at its start).
 */
function encodedVariants(literal: string): string[] {
  const bytes = Buffer.from(literal, 'utf8');
  const base64 = bytes.toString('base64');
  return [literal, base64, base64.replace(/=+$/, ''), bytes.toString('base64url')];
}

/**
 * One global pattern for every form of every literal (longest first, so an
 * overlap is replaced whole), and the longest byte length it can match.
 * Null when no literal is long enough to scrub safely.
 */
export function literalPattern(literals: readonly string[]): LiteralMatcher | null {
  const known = matchersByList.get(literals);
  if (known !== undefined) return known;
  const key = literals.join('\u0000');
  let built = matchers.get(key);
  if (built === undefined) {
    built = buildPattern(literals);
    if (matchers.size >= MATCHERS_MAX) matchers.clear();
    matchers.set(key, built);
  }
  matchersByList.set(literals, built);
  return built;
}

interface LiteralMatcher {
  pattern: RegExp;
  longest: number;
  /** No match is shorter (every form of a character takes at least one): shorter text is skipped. */
  shortest: number;
}

/** Built matchers by their literals: a connection's credential rarely changes, requests are many. */
const matchers = new Map<string, LiteralMatcher | null>();
const MATCHERS_MAX = 64;
/** The same by list: a connection hands over one (never changed) list while its credential stays the same. */
const matchersByList = new WeakMap<readonly string[], LiteralMatcher | null>();

function buildPattern(literals: readonly string[]): LiteralMatcher | null {
  const variants = [...new Set(literals.filter((l) => l.length >= 4).flatMap(encodedVariants))].sort(
    (a, b) => b.length - a.length,
  );
  if (variants.length === 0) return null;
  let longest = 0;
  let shortest = Infinity;
  const sources = variants.map((variant) => {
    const chars = [...variant].map(characterForms);
    shortest = Math.min(shortest, chars.length);
    longest = Math.max(
      longest,
      chars.reduce((sum, c) => sum + c.longest, 0),
    );
    return chars.map((c) => c.source).join('');
  });
  return { pattern: new RegExp(sources.join('|'), 'g'), longest, shortest };
}

const EMPTY = Buffer.alloc(0);

/**
 * Replaces literal secrets (the connection's own credential) in bytes that
 * are otherwise passed through as they are, in any of the forms above.
 * Between chunks it holds back at most (longest match - 1) bytes, so a
 * secret split across chunks is still caught.
 */
class LiteralScrubber {
  private readonly matcher: LiteralMatcher | null;
  private readonly swap: Buffer;
  private pending = EMPTY;

  constructor(literals: readonly string[], replacement: string) {
    this.matcher = literalPattern(literals);
    this.swap = Buffer.from(replacement, 'utf8');
  }

  /** Scrubs the next chunk; returns what can be sent now. `final` releases what was held back. */
  push(chunk: Buffer, final: boolean): Buffer[] {
    if (!this.matcher) return chunk.length > 0 ? [chunk] : [];
    const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const { pattern, longest } = this.matcher;
    const text = buf.toString('latin1');
    const out: Buffer[] = [];
    let at = 0;
    pattern.lastIndex = 0;
    for (let found = pattern.exec(text); found; found = pattern.exec(text)) {
      out.push(buf.subarray(at, found.index), this.swap);
      at = found.index + found[0].length;
    }
    const keep = final ? buf.length : Math.max(at, buf.length - (longest - 1));
    out.push(buf.subarray(at, keep));
    this.pending = Buffer.from(buf.subarray(keep));
    return out.filter((part) => part.length > 0);
  }
}

export function literalScrubber(literals: readonly string[], replacement: string): Transform {
  const scrubber = new LiteralScrubber(literals, replacement);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      for (const part of scrubber.push(chunk, false)) this.push(part);
      callback();
    },
    flush(callback: TransformCallback) {
      for (const part of scrubber.push(Buffer.alloc(0), true)) this.push(part);
      callback();
    },
  });
}

/** The same replacement over a whole buffer (a body already held in memory); the same buffer when nothing matches. */
export function scrubBuffer(body: Buffer, literals: readonly string[], replacement: string): Buffer {
  const matcher = literalPattern(literals);
  if (!matcher || body.length < matcher.shortest) return body;
  matcher.pattern.lastIndex = 0;
  if (!matcher.pattern.test(body.toString('latin1'))) return body;
  return Buffer.concat(new LiteralScrubber(literals, replacement).push(body, true));
}

/** Replaces literal secrets in header values, in place (an upstream may echo a credential in a header). */
export function scrubHeaderValues(
  headers: Record<string, string | string[]>,
  literals: readonly string[],
  replacement: string,
): void {
  const matcher = literalPattern(literals);
  if (!matcher) return;
  const scrub = (value: string) =>
    value.length < matcher.shortest ? value : value.replace(matcher.pattern, replacement);
  for (const [name, value] of Object.entries(headers)) {
    headers[name] = Array.isArray(value) ? value.map(scrub) : scrub(value);
  }
}
