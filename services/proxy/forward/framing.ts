import type { IncomingMessage } from 'node:http';
import { ProxyError } from '../errors.js';

/**
 * Refuses request shapes that two HTTP parsers could read differently
 * (request smuggling). Node's parser already rejects Content-Length with
 * Transfer-Encoding and conflicting Content-Lengths; this catches what it
 * lets through: codings other than plain `chunked`, repeated framing or
 * Host headers, and non-numeric lengths.
 */
export function checkFraming(req: IncomingMessage): void {
  let host = 0;
  let length = 0;
  let coding = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i].toLowerCase();
    if (name === 'host') host++;
    else if (name === 'content-length') length++;
    else if (name === 'transfer-encoding') coding++;
  }
  const smuggling = (why: string) => new ProxyError('request_smuggling', why);
  if (host > 1) throw smuggling('more than one Host header');
  if (length > 1) throw smuggling('more than one Content-Length header');
  if (coding > 1) throw smuggling('more than one Transfer-Encoding header');
  if (length > 0 && coding > 0) throw smuggling('both Content-Length and Transfer-Encoding');
  const te = req.headers['transfer-encoding'];
  if (te !== undefined && te.trim().toLowerCase() !== 'chunked') {
    throw smuggling(`Transfer-Encoding ${JSON.stringify(te)} is not plain chunked`);
  }
  const cl = req.headers['content-length'];
  if (cl !== undefined && !/^\d+$/.test(cl)) throw smuggling('Content-Length is not a number');
  if (req.httpVersionMajor !== 1)
    throw new ProxyError('bad_request', `HTTP/${req.httpVersion} is not supported`);
}

/** 413 straight from the declared length, before authentication or any read. */
export function checkDeclaredLength(req: IncomingMessage, limit: number): void {
  const cl = req.headers['content-length'];
  if (cl !== undefined && Number(cl) > limit) {
    throw new ProxyError('body_too_large', `Content-Length ${cl} exceeds the limit of ${limit} bytes`);
  }
}

const EMPTY = Buffer.alloc(0);

/** Reads the whole request body, refusing it (413) as soon as it passes the limit. */
export async function readRequestBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  // HTTP/1.1: no Content-Length and no Transfer-Encoding means no body (RFC 9112 §6.3).
  const cl = req.headers['content-length'];
  if ((cl === undefined || cl === '0') && req.headers['transfer-encoding'] === undefined) {
    req.resume();
    return EMPTY;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > limit) {
        throw new ProxyError('body_too_large', `the request body exceeds the limit of ${limit} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof ProxyError) throw err;
    throw new ProxyError('bad_request', `the request body was cut off: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return Buffer.concat(chunks, size);
}
