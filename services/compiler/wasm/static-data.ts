/**
 * The policy's constant bytes (string constants, abort messages, the JSON
 * text of `builtins()` and `entrypoints()`), laid out in one buffer that
 * becomes a passive data segment. Offsets are relative to wherever the start
 * function copies the buffer at instantiation.
 */

const utf8 = new TextEncoder();

export interface TextRef {
  offset: number;
  length: number;
}

export class StaticData {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  private readonly cStrings = new Map<string, number>();
  private readonly texts = new Map<string, TextRef>();

  private append(bytes: Uint8Array, align: number): number {
    const padding = (align - (this.size % align)) % align;
    if (padding > 0) {
      this.chunks.push(new Uint8Array(padding));
      this.size += padding;
    }
    const offset = this.size;
    this.chunks.push(bytes);
    this.size += bytes.length;
    return offset;
  }

  /** UTF-8 bytes without terminator (deduplicated). */
  text(value: string): TextRef {
    const known = this.texts.get(value);
    if (known) return known;
    const bytes = utf8.encode(value);
    const ref = { offset: this.append(bytes, 1), length: bytes.length };
    this.texts.set(value, ref);
    return ref;
  }

  /** NUL-terminated UTF-8 (deduplicated), as `opa_abort` reads it. */
  cString(value: string): number {
    const known = this.cStrings.get(value);
    if (known !== undefined) return known;
    const bytes = utf8.encode(value);
    const withNul = new Uint8Array(bytes.length + 1);
    withNul.set(bytes);
    const offset = this.append(withNul, 1);
    this.cStrings.set(value, offset);
    return offset;
  }

  /** Little-endian i32 words, 4-aligned. */
  words(values: readonly number[]): number {
    const bytes = new Uint8Array(values.length * 4);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => view.setInt32(i * 4, v, true));
    return this.append(bytes, 4);
  }

  get byteLength(): number {
    return this.size;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}
