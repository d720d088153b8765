import type { Request } from 'express';
import { isJsonType, mediaType } from '../proxy/content-type.js';
import { ProxyError } from '../proxy/errors.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** The request body's bytes, as the policy saw them (enforce() reads the body). */
    rawBody?: Buffer;
  }
}

/**
 * enforce() has read the body (the policy sees it), so body parsers after
 * it find the stream finished and leave `req.body` alone: it is set here as
 * express.json(), express.urlencoded() and express.text() would set it, and
 * the bytes are on `req.rawBody`. Other types get the Buffer.
 */
export function handOverBody(req: Request, body: Buffer): void {
  req.rawBody = body;
  if (body.length === 0) return;
  const type = mediaType(req.headers['content-type']);
  if (isJsonType(type)) {
    try {
      req.body = JSON.parse(body.toString('utf8')) as unknown;
    } catch {
      throw new ProxyError('bad_request', 'the JSON body cannot be parsed');
    }
  } else if (type === 'application/x-www-form-urlencoded') {
    req.body = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  } else if (type?.startsWith('text/')) {
    req.body = body.toString('utf8');
  } else {
    req.body = body;
  }
}
