import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';
import { ApiError, invalidParameter } from './errors.js';

/** One HTTP request as the API handlers see it: method, decoded path segments, query, headers. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** The URL path, undecoded, without the query string. */
  pathname: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export function exchangeOf(req: IncomingMessage, res: ServerResponse): Exchange {
  const url = req.url ?? '/';
  const mark = url.indexOf('?');
  return {
    req,
    res,
    method: req.method ?? 'GET',
    pathname: mark < 0 ? url : url.slice(0, mark),
    query: new URLSearchParams(mark < 0 ? '' : url.slice(mark + 1)),
    headers: req.headers,
  };
}

/** Percent-decoded, non-empty path segments after `prefix` (`/v1/data/a/b` → ["a", "b"]). */
export function segmentsAfter(pathname: string, prefix: string): string[] {
  const parts = pathname.slice(prefix.length).split('/');
  const segments: string[] = [];
  for (const part of parts) {
    if (part === '') continue;
    try {
      segments.push(decodeURIComponent(part));
    } catch {
      throw invalidParameter(`path segment "${part}" is not valid percent-encoding`);
    }
  }
  return segments;
}

/** Writes a complete answer in one write: status, content type, length, body. */
export function sendText(res: ServerResponse, status: number, contentType: string, text: string): void {
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, pretty = false): void {
  sendText(
    res,
    status,
    'application/json; charset=utf-8',
    pretty ? JSON.stringify(body, null, 2) : JSON.stringify(body),
  );
}

function tooLarge(limit: number): ApiError {
  return new ApiError('invalid_parameter', `request body too large: the limit is ${limit} bytes`, 413);
}

function decoderFor(encoding: string): Transform | undefined {
  switch (encoding) {
    case 'identity':
      return undefined;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      throw new ApiError('invalid_parameter', `unsupported content encoding "${encoding}"`, 415);
  }
}

/**
 * The request body, inflated when it is gzip, deflate or brotli encoded;
 * over `limit` bytes (declared or inflated) it is 413 and reading stops.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit && !req.headers['content-encoding']) {
    req.resume();
    return Promise.reject(tooLarge(limit));
  }
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  let decoder: Transform | undefined;
  try {
    decoder = decoderFor(encoding);
  } catch (err) {
    req.resume();
    return Promise.reject(err as Error);
  }
  const source = decoder ? req.pipe(decoder) : req;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      req.unpipe();
      decoder?.destroy();
      req.resume();
      reject(err);
    };
    source.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) return fail(tooLarge(limit));
      chunks.push(chunk);
    });
    source.on('error', (err: Error) =>
      fail(
        decoder
          ? new ApiError('invalid_parameter', `request body is not valid ${encoding}: ${err.message}`, 400)
          : err,
      ),
    );
    req.on('aborted', () => fail(new ApiError('invalid_parameter', 'request aborted by the client', 400)));
    source.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    });
  });
}
