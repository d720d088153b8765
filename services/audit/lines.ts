/**
 * Event lines (each event's JSON text) encoded in bulk. Both write every
 * line into one preallocated Buffer: building one big string first
 * (`lines.join()`, or ioredis concatenating a command's arguments) and
 * encoding that costs about twenty times as much for a batch of a
 * thousand events, the string being flattened and then encoded.
 */

/** The lines framed into one Buffer: `open`, the lines joined by `separator`, `close`. */
export function frameLines(lines: readonly string[], separator: string, open = '', close = ''): Buffer {
  let bytes = Buffer.byteLength(open) + Buffer.byteLength(close);
  for (const line of lines) bytes += Buffer.byteLength(line);
  if (lines.length > 1) bytes += Buffer.byteLength(separator) * (lines.length - 1);
  const out = Buffer.allocUnsafe(bytes);
  let at = out.write(open, 0);
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) at += out.write(separator, at);
    at += out.write(lines[i], at);
  }
  out.write(close, at);
  return out;
}

/**
 * The lines back to back in one Buffer, with their byte lengths as decimal
 * text (`12,345,...`): two command arguments for a whole batch, which the
 * script cuts apart again. Any line content goes through, newlines too.
 */
export function packedLines(lines: readonly string[]): { lengths: string; bytes: Buffer } {
  let total = 0;
  for (const line of lines) total += Buffer.byteLength(line);
  const bytes = Buffer.allocUnsafe(total);
  let lengths = '';
  let at = 0;
  for (let i = 0; i < lines.length; i++) {
    const written = bytes.write(lines[i], at);
    lengths += i === 0 ? `${written}` : `,${written}`;
    at += written;
  }
  return { lengths, bytes };
}
