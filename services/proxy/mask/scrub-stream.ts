import { Transform, type TransformCallback } from 'node:stream';

/**
 * Replaces literal secrets (the connection's own credential) in bytes that
 * are otherwise passed through as they are. Between chunks it holds back at
 * most (longest literal - 1) bytes, so a secret split across chunks is still
 * caught.
 */
class LiteralScrubber {
  private readonly needles: Buffer[];
  private readonly holdBack: number;
  private readonly swap: Buffer;
  private pending = Buffer.alloc(0);

  constructor(literals: readonly string[], replacement: string) {
    this.needles = [...new Set(literals)].filter((l) => l.length >= 4).map((l) => Buffer.from(l, 'utf8'));
    this.holdBack = Math.max(0, ...this.needles.map((n) => n.length)) - 1;
    this.swap = Buffer.from(replacement, 'utf8');
  }

  /** Scrubs the next chunk; returns what can be sent now. `final` releases what was held back. */
  push(chunk: Buffer, final: boolean): Buffer[] {
    const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const out: Buffer[] = [];
    let at = 0;
    while (true) {
      let best = -1;
      let bestLength = 0;
      for (const needle of this.needles) {
        const found = buf.indexOf(needle, at);
        if (found >= 0 && (best < 0 || found < best || (found === best && needle.length > bestLength))) {
          best = found;
          bestLength = needle.length;
        }
      }
      if (best < 0) break;
      out.push(buf.subarray(at, best), this.swap);
      at = best + bestLength;
    }
    const keep = final ? buf.length : Math.max(at, buf.length - this.holdBack);
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

/** The same replacement over a whole buffer (a body already held in memory). */
export function scrubBuffer(body: Buffer, literals: readonly string[], replacement: string): Buffer {
  return Buffer.concat(new LiteralScrubber(literals, replacement).push(body, true));
}

/** Replaces literal secrets in header values, in place (an upstream may echo a credential in a header). */
export function scrubHeaderValues(
  headers: Record<string, string | string[]>,
  literals: readonly string[],
  replacement: string,
): void {
  const needles = literals.filter((l) => l.length >= 4);
  if (needles.length === 0) return;
  const scrub = (value: string) =>
    needles.reduce((text, needle) => text.split(needle).join(replacement), value);
  for (const [name, value] of Object.entries(headers)) {
    headers[name] = Array.isArray(value) ? value.map(scrub) : scrub(value);
  }
}
