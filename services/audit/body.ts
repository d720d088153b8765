import type { RecordedBody } from './event.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The largest prefix of `bytes` no longer than `limit` that does not split a UTF-8 sequence. */
function utf8Cut(bytes: Buffer, limit: number): number {
  if (bytes.length <= limit) return bytes.length;
  let cut = limit;
  // Back off continuation bytes (10xxxxxx) so the cut falls between characters.
  while (cut > 0 && (bytes[cut] & 0xc0) === 0x80) cut--;
  return cut;
}

/**
 * A body as the audit event records it: at most `limit` bytes, as text when
 * the recorded part is UTF-8 (without NUL), else base64; `truncated` marks
 * a cut. `size` is the whole body's size (it may exceed what was seen, for a
 * streamed body captured in part).
 */
export function recordBody(bytes: Buffer, limit: number, size = bytes.length): RecordedBody {
  let cut = Math.min(bytes.length, limit);
  let text: string | undefined;
  const textCut = utf8Cut(bytes, limit);
  try {
    const candidate = utf8.decode(bytes.subarray(0, textCut));
    if (!candidate.includes('\u0000')) {
      text = candidate;
      cut = textCut;
    }
  } catch {
    text = undefined;
  }
  const truncated = cut < size;
  if (text !== undefined) return { size, encoding: 'utf8', content: text, truncated };
  return { size, encoding: 'base64', content: bytes.subarray(0, cut).toString('base64'), truncated };
}

/** A body whose content is left out, saying why. */
export function omittedBody(size: number, why: string): RecordedBody {
  return { size, encoding: 'utf8', truncated: size > 0, omitted: why };
}

/**
 * Collects the first `limit` bytes of a stream passing by (the caller's
 * answer, streamed), and counts every byte.
 */
export class BodyCapture {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  size = 0;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.kept >= this.limit) return;
    const part = chunk.length <= this.limit - this.kept ? chunk : chunk.subarray(0, this.limit - this.kept);
    this.chunks.push(Buffer.from(part));
    this.kept += part.length;
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.kept);
  }

  get complete(): boolean {
    return this.kept === this.size;
  }
}
