import { Transform, type TransformCallback } from 'node:stream';
import { checkScrubbableCharset } from './charset.js';
import { buildSecretMatcher, type SecretMatcher } from './secret-forms.js';

/**
 * The matcher for a list of literals (a connection's credential in the
 * forms it is sent), cached: a connection hands over the same list while
 * its credential stays the same, and requests are many.
 */
export function literalPattern(literals: readonly string[]): SecretMatcher | null {
  const known = matchersByList.get(literals);
  if (known !== undefined) return known;
  const key = literals.join('\u0000');
  let built = matchers.get(key);
  if (built === undefined) {
    built = buildSecretMatcher(literals);
    if (matchers.size >= MATCHERS_MAX) matchers.clear();
    matchers.set(key, built);
  }
  matchersByList.set(literals, built);
  return built;
}

/** Built matchers by their literals. */
const matchers = new Map<string, SecretMatcher | null>();
const MATCHERS_MAX = 64;
/** The same by list identity. */
const matchersByList = new WeakMap<readonly string[], SecretMatcher | null>();

const EMPTY = Buffer.alloc(0);

/**
 * Replaces literal secrets (the connection's own credential) in bytes that
 * are otherwise passed through as they are, in any of the forms of
 * secret-forms.ts. Between chunks it holds back at most (longest match - 1)
 * bytes, so a secret split across chunks is still caught, and the output is
 * the same however the input is cut.
 */
class LiteralScrubber {
  private readonly matcher: SecretMatcher | null;
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
    const { longest } = this.matcher;
    const text = buf.toString('latin1');
    const out: Buffer[] = [];
    let at = 0;
    for (const [start, end] of matches(this.matcher, text)) {
      // A match this close to the end might have been a longer one with the
      // next chunk: leave it (and what follows) for then.
      if (!final && start + longest > buf.length) break;
      out.push(buf.subarray(at, start), this.swap);
      at = end;
    }
    const keep = final ? buf.length : Math.max(at, buf.length - (longest - 1));
    out.push(buf.subarray(at, keep));
    this.pending = Buffer.from(buf.subarray(keep));
    return out.filter((part) => part.length > 0);
  }
}

/** Where each form of a secret starts and ends in `text`, left to right, without overlaps. */
export function* matches(matcher: SecretMatcher, text: string): Generator<[number, number]> {
  const { find, whole } = matcher;
  find.lastIndex = 0;
  for (let found = find.exec(text); found; found = find.exec(text)) {
    let end = found.index + found[0].length;
    if (whole) {
      whole.lastIndex = found.index;
      if (whole.test(text)) end = Math.max(end, whole.lastIndex);
      find.lastIndex = end;
    }
    yield [found.index, end];
  }
}

/** `text` with every form of a secret replaced. */
function scrubText(matcher: SecretMatcher, text: string, swap: string): string {
  let out = '';
  let at = 0;
  for (const [start, end] of matches(matcher, text)) {
    out += text.slice(at, start) + swap;
    at = end;
  }
  return at === 0 ? text : out + text.slice(at);
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
  matcher.find.lastIndex = 0;
  if (!matcher.find.test(body.toString('latin1'))) return body;
  return Buffer.concat(new LiteralScrubber(literals, replacement).push(body, true));
}

/** What may stand in a header value: printable ASCII (Node refuses control characters and code points over 255). */
const HEADER_SAFE = /^[\x20-\x7e]*$/;
const HEADER_REPLACEMENT = '[MASKED]';

/**
 * Replaces literal secrets in header values, in place (an upstream may echo
 * a credential in a header), and drops a header whose name holds one. A
 * replacement that cannot stand in a header value is swapped for `[MASKED]`.
 */
export function scrubHeaderValues(
  headers: Record<string, string | string[]>,
  literals: readonly string[],
  replacement: string,
): void {
  const matcher = literalPattern(literals);
  if (!matcher) return;
  const swap = HEADER_SAFE.test(replacement) ? replacement : HEADER_REPLACEMENT;
  const scrub = (value: string) =>
    value.length < matcher.shortest ? value : scrubText(matcher, value, swap);
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (name.length >= matcher.shortest && scrub(name) !== name) {
      delete headers[name];
      continue;
    }
    headers[name] = Array.isArray(value) ? value.map(scrub) : scrub(value);
  }
}

/**
 * A whole body scrubbed of the literals; refused (502 `response_not_maskable`)
 * when its declared charset is one the scrubber cannot read.
 */
export function scrubBody(
  body: Buffer,
  contentType: string | string[] | undefined,
  literals: readonly string[],
  replacement: string,
): Buffer {
  if (body.length > 0 && literalPattern(literals)) checkScrubbableCharset(contentType);
  return scrubBuffer(body, literals, replacement);
}
