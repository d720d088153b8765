import { literalPattern, matches } from '../mask/scrub-stream.js';
import { buildSecretStartPattern, type SecretMatcher } from '../mask/secret-forms.js';

/**
 * The connection's credential, echoed by the upstream across events: a
 * client joins what the events carry (an LLM stream's deltas, a tool's
 * progress messages), so `sk-ab` in one event and `cdef` in the next give
 * it the secret although neither event holds it. Each string of an event
 * (at its JSON path, or the whole data when it is not JSON) is read joined
 * to the end of what the same path carried in the events before:
 *
 * - a secret that the join completes is masked where it ends, in this event;
 * - the start of a secret (its first 8 units, in any form the scrubber
 *   knows) near the end of a string is masked from there on, and so is
 *   what follows it in the next events within the reach of one secret:
 *   the earlier event has already gone, so its part is masked when it
 *   passes, not when the rest shows up.
 *
 * Events are never held back. Memory per stream: for each of at most
 * `MAX_PATHS` paths, the last (longest match − 1) bytes.
 */

const MAX_PATHS = 256;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/** Byte ranges [start, end) of a string to replace. */
type Range = [number, number];

export class EventContinuity {
  /** path → the end (latin1 of the UTF-8 bytes) of what it carried so far. */
  private readonly carry = new Map<string, string>();
  private readonly window: number;

  private constructor(
    private readonly matcher: SecretMatcher,
    private readonly starts: RegExp,
    private readonly replacement: string,
  ) {
    this.window = Math.max(1, matcher.longest - 1);
  }

  /** Null when there is no credential long enough to scrub. */
  static for(literals: readonly string[], replacement: string): EventContinuity | null {
    const matcher = literalPattern(literals);
    const starts = matcher ? startPattern(literals) : null;
    if (!matcher || !starts) return null;
    return new EventContinuity(matcher, starts, replacement);
  }

  /** The string to send for `text` at `path` of the next event. */
  scrub(path: string, text: string): string {
    // The scrubber's patterns read UTF-8 bytes as latin1; ASCII text is that already.
    const bytes = NON_ASCII.test(text) ? Buffer.from(text, 'utf8').toString('latin1') : text;
    const before = this.carry.get(path) ?? '';
    const joined = before + bytes;
    this.remember(path, joined.length > this.window ? joined.slice(-this.window) : joined);
    const ranges = this.rangesToMask(joined, before.length);
    if (ranges.length === 0) return text;
    const swap = Buffer.from(this.replacement, 'utf8');
    const parts: Buffer[] = [];
    let at = 0;
    for (const [start, end] of ranges) {
      parts.push(Buffer.from(bytes.slice(at, start), 'latin1'), swap);
      at = end;
    }
    parts.push(Buffer.from(bytes.slice(at), 'latin1'));
    return Buffer.concat(parts).toString('utf8');
  }

  private remember(path: string, tail: string): void {
    if (!this.carry.has(path) && this.carry.size >= MAX_PATHS) {
      // The oldest path goes: a stream that invents paths only forgets its own earliest ones.
      const oldest = this.carry.keys().next().value as string;
      this.carry.delete(oldest);
    }
    this.carry.delete(path);
    this.carry.set(path, tail);
  }

  /**
   * Whether a secret matches whole at `start`: the scrubber also reports
   * the start of a long form that stops short (its first units), which is
   * an echo cut short, to be masked to its end.
   */
  private complete(text: string, start: number): boolean {
    const whole = this.matcher.whole;
    if (!whole) return true;
    whole.lastIndex = start;
    return whole.test(text);
  }

  /** Ranges in the string's own bytes (the part of `joined` after `offset`). */
  private rangesToMask(joined: string, offset: number): Range[] {
    const ranges: Range[] = [];
    const whole: Range[] = [];
    for (const [start, end] of matches(this.matcher, joined)) {
      if (end > offset) ranges.push([Math.max(start, offset) - offset, end - offset]);
      if (this.complete(joined, start)) whole.push([start, end]);
    }
    this.starts.lastIndex = 0;
    for (let found = this.starts.exec(joined); found; found = this.starts.exec(joined)) {
      const start = found.index;
      if (found[0].length === 0) this.starts.lastIndex++;
      // The start of a secret the string holds whole is not a secret cut short.
      if (whole.some(([s, e]) => start >= s && start < e)) continue;
      const reach = start + this.window;
      if (reach <= offset) continue;
      ranges.push([Math.max(start, offset) - offset, Math.min(joined.length, reach) - offset]);
    }
    return merge(ranges);
  }
}

/** Start patterns by literals, as literalPattern keeps matchers: one stream per response, few credentials. */
const startsByList = new WeakMap<readonly string[], RegExp | null>();
const startsByKey = new Map<string, RegExp | null>();
const STARTS_MAX = 64;

function startPattern(literals: readonly string[]): RegExp | null {
  if (startsByList.has(literals)) return startsByList.get(literals)!;
  const key = literals.join('\u0000');
  let built = startsByKey.get(key);
  if (built === undefined) {
    built = buildSecretStartPattern(literals);
    if (startsByKey.size >= STARTS_MAX) startsByKey.clear();
    startsByKey.set(key, built);
  }
  startsByList.set(literals, built);
  return built;
}

function merge(ranges: Range[]): Range[] {
  if (ranges.length < 2) return ranges;
  ranges.sort((a, b) => a[0] - b[0]);
  const out: Range[] = [ranges[0]];
  for (const [start, end] of ranges.slice(1)) {
    const last = out[out.length - 1];
    if (start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}
