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

/** Each line as a Buffer, all views of one allocation (command arguments ioredis copies as they are). */
export function lineBuffers(lines: readonly string[]): Buffer[] {
  let bytes = 0;
  for (const line of lines) bytes += Buffer.byteLength(line);
  const all = Buffer.allocUnsafe(bytes);
  const views = new Array<Buffer>(lines.length);
  let at = 0;
  for (let i = 0; i < lines.length; i++) {
    const end = at + all.write(lines[i], at);
    views[i] = all.subarray(at, end);
    at = end;
  }
  return views;
}
