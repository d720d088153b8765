import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { ServerResponse } from 'node:http';
import type { Transform } from 'node:stream';
import type { Decision } from './decision/document.js';
import { ProxyError } from './errors.js';
import { callerResponseHeaders } from './forward/headers.js';
import { discardBody, upstreamFailure, type UpstreamResponse } from './forward/upstream.js';
import { checkScrubbableCharset } from './mask/charset.js';
import { literalScrubber, scrubHeaderValues } from './mask/scrub-stream.js';

/** Statuses and methods that never carry a response body. */
export function hasNoBody(method: string, status: number): boolean {
  return method === 'HEAD' || status === 204 || status === 304 || (status >= 100 && status < 200);
}

export function streamDecoder(encoding: string | string[] | undefined): Transform | undefined {
  const coding = String(encoding ?? 'identity')
    .trim()
    .toLowerCase();
  if (coding === 'identity' || coding === '') return undefined;
  if (coding === 'gzip' || coding === 'x-gzip') return createGunzip();
  if (coding === 'deflate') return createInflate();
  if (coding === 'br') return createBrotliDecompress();
  throw new ProxyError('response_not_maskable', `unsupported content encoding ${JSON.stringify(coding)}`);
}

export function writeHead(
  res: ServerResponse,
  status: number,
  headers: Record<string, string | string[]>,
): void {
  res.statusCode = status;
  for (const name in headers) {
    // The caller gets the proxy's request id (set before any step), whatever the upstream answers with.
    if (name !== 'x-request-id') res.setHeader(name, headers[name]);
  }
}

/** The caller went away before the answer was complete: nothing left to send. */
export class CallerGone extends Error {
  constructor() {
    super('the caller closed the connection before the response ended');
    this.name = 'CallerGone';
  }
}

/**
 * Streams the upstream response to the caller unbuffered. When the
 * connection injects a credential, the bytes pass through a scrubber that
 * replaces any echo of it (so the length is no longer known in advance);
 * a body the scrubber could not read (an unknown coding, a charset it does
 * not know) is refused rather than passed unscrubbed.
 *
 * Whatever fails, the upstream body is released: it is never left for a
 * late error to find no listener.
 */
export async function streamResponse(
  res: ServerResponse,
  method: string,
  upstream: UpstreamResponse,
  literals: readonly string[] | undefined,
  replacement: string,
): Promise<void> {
  const headers = callerResponseHeaders(upstream.headers);
  const transforms: Transform[] = [];
  try {
    if (literals) scrubHeaderValues(headers, literals, replacement);
    if (literals && literals.length > 0 && !hasNoBody(method, upstream.status)) {
      checkScrubbableCharset(upstream.headers['content-type']);
      const decoder = streamDecoder(upstream.headers['content-encoding']);
      if (decoder) transforms.push(decoder);
      transforms.push(literalScrubber(literals, replacement));
      delete headers['content-encoding'];
      delete headers['content-length'];
    }
    if (res.destroyed) throw new CallerGone();
  } catch (err) {
    discardBody(upstream.body);
    throw err;
  }
  await pipeStages(upstream, transforms, res, headers);
}

/**
 * Pipes upstream body → transforms → caller and settles when the caller's
 * response has finished, destroying every stage on the first failure. The
 * head is written with the first bytes, so a body that fails before any
 * byte (a corrupt gzip, an upstream cut at once) still gets a clean error
 * answer. Listeners stay on every stage after settling: a stage destroyed
 * here may still report an error. (Node 20's stream.pipeline builds and
 * aborts an AbortController per call, a measurable cost on this path.)
 */
function pipeStages(
  upstream: UpstreamResponse,
  transforms: Transform[],
  res: ServerResponse,
  headers: Record<string, string | string[]>,
): Promise<void> {
  const source = upstream.body;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      discardBody(source);
      for (const stage of transforms) stage.destroy();
      // Nothing sent yet: the error answer must not carry the upstream's headers.
      if (!res.headersSent)
        for (const name of res.getHeaderNames())
          if (!name.startsWith('x-portcullis-')) res.removeHeader(name);
      reject(err);
    };
    source.on('error', (err: Error) => fail(upstreamFailure(err, upstream.connection)));
    for (const stage of transforms) {
      stage.on('error', (err: Error) =>
        fail(
          err instanceof ProxyError
            ? err
            : new ProxyError('response_not_maskable', 'the response body cannot be decoded', { cause: err }),
        ),
      );
    }
    res.on('error', () => fail(new CallerGone()));
    res.once('close', () => {
      if (!res.writableFinished) fail(new CallerGone());
    });
    res.once('finish', () => {
      if (settled) return;
      settled = true;
      resolve();
    });
    writeHead(res, upstream.status, headers);
    let tail = source;
    for (const stage of transforms) tail = tail.pipe(stage);
    tail.pipe(res);
  });
}

/** Merges the request-phase and response-phase mask instructions. */
export function mergeMasks(a: Decision['mask'], b: Decision['mask']): Decision['mask'] {
  if (!a) return b;
  if (!b) return a;
  return {
    fields: [...new Set([...a.fields, ...b.fields])],
    detectors: [...new Set([...a.detectors, ...b.detectors])],
    replacement: b.replacement ?? a.replacement,
  };
}
