import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** The app's whole answer, as it would have gone out. */
export interface CapturedAnswer {
  status: number;
  body: Buffer;
  /** More than the bound was written: the body was dropped, never passed unread. */
  overflow: boolean;
  /** Sends `body` (or nothing) with the response's current status and headers. */
  send(body: Buffer | undefined): void;
}

type Chunk = string | Buffer | Uint8Array;
type Callback = (err?: Error | null) => void;

/**
 * Holds back what the app's routes write to `res` (writeHead, write, end)
 * until they end it, then calls `finish` with the whole answer: masking and
 * response-phase decisions need it all, as the proxy needs the upstream's.
 * Headers stay unsent until `send`, so an error answer can still replace it.
 * More than `limit` bytes keeps only the count (`overflow`).
 */
export function captureAnswer(
  res: ServerResponse,
  limit: number,
  finish: (answer: CapturedAnswer) => void,
): void {
  const original = {
    writeHead: res.writeHead,
    write: res.write,
    end: res.end,
    flushHeaders: res.flushHeaders,
  };
  const chunks: Buffer[] = [];
  let size = 0;
  let ended = false;
  const take = (chunk: Chunk | undefined, encoding: unknown) => {
    if (chunk === undefined || chunk === null) return;
    const bytes =
      typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    size += bytes.length;
    if (size <= limit) chunks.push(bytes);
  };
  const restore = () => Object.assign(res, original);

  res.writeHead = function writeHead(this: ServerResponse, status: number, ...rest: unknown[]) {
    res.statusCode = status;
    const headers = rest.find((r) => typeof r === 'object' && r !== null) as
      OutgoingHttpHeaders | string[] | undefined;
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(headers[i], headers[i + 1]);
    } else if (headers) {
      for (const [name, value] of Object.entries(headers))
        if (value !== undefined) res.setHeader(name, value);
    }
    return res;
  } as ServerResponse['writeHead'];
  res.flushHeaders = () => undefined;
  res.write = function write(chunk: Chunk, encoding?: unknown, callback?: Callback) {
    take(chunk, encoding);
    const done = typeof encoding === 'function' ? (encoding as Callback) : callback;
    if (done) process.nextTick(done);
    return true;
  } as ServerResponse['write'];
  res.end = function end(chunk?: unknown, encoding?: unknown, callback?: unknown) {
    if (ended) return res;
    ended = true;
    if (typeof chunk === 'function') callback = chunk;
    else take(chunk as Chunk, typeof encoding === 'function' ? undefined : encoding);
    if (typeof encoding === 'function') callback = encoding;
    restore();
    if (typeof callback === 'function') res.once('finish', callback as () => void);
    finish({
      status: res.statusCode,
      body: Buffer.concat(chunks),
      overflow: size > limit,
      send: (body) => (body === undefined ? res.end() : res.end(body)),
    });
    return res;
  } as ServerResponse['end'];
}
