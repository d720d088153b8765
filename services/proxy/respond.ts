import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { ServerResponse } from 'node:http';
import type { Readable, Transform } from 'node:stream';
import type { Decision } from './decision/document.js';
import { ProxyError } from './errors.js';
import { callerResponseHeaders } from './forward/headers.js';
import type { UpstreamResponse } from './forward/upstream.js';
import { literalScrubber, scrubHeaderValues } from './mask/scrub-stream.js';

/** Statuses and methods that never carry a response body. */
export function hasNoBody(method: string, status: number): boolean {
  return method === 'HEAD' || status === 204 || status === 304 || (status >= 100 && status < 200);
}

function streamDecoder(encoding: string | string[] | undefined): Transform | undefined {
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
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}

/**
 * Streams the upstream response to the caller unbuffered. When the
 * connection injects a credential, the bytes pass through a scrubber that
 * replaces any echo of it (so the length is no longer known in advance).
 */
export async function streamResponse(
  res: ServerResponse,
  method: string,
  upstream: UpstreamResponse,
  literals: readonly string[] | undefined,
  replacement: string,
): Promise<void> {
  const headers = callerResponseHeaders(upstream.headers);
  if (literals) scrubHeaderValues(headers, literals, replacement);
  const stages: (Readable | Transform)[] = [upstream.body];
  if (literals && literals.length > 0 && !hasNoBody(method, upstream.status)) {
    let decoder: Transform | undefined;
    try {
      decoder = streamDecoder(upstream.headers['content-encoding']);
    } catch (err) {
      upstream.body.destroy();
      throw err;
    }
    if (decoder) stages.push(decoder);
    stages.push(literalScrubber(literals, replacement));
    delete headers['content-encoding'];
    delete headers['content-length'];
  }
  writeHead(res, upstream.status, headers);
  await pipeStages(stages, res);
}

/**
 * Pipes source → transforms → caller and settles when the caller's response
 * has finished, destroying every stage on the first failure. (Node 20's
 * stream.pipeline builds and aborts an AbortController per call, a
 * measurable cost on this path.)
 */
function pipeStages(stages: (Readable | Transform)[], res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      for (const stage of stages) stage.destroy();
      reject(err);
    };
    for (const stage of stages) stage.once('error', fail);
    res.once('error', fail);
    res.once('close', () => {
      if (!res.writableFinished)
        fail(new Error('the caller closed the connection before the response ended'));
    });
    res.once('finish', () => {
      settled = true;
      resolve();
    });
    let tail: Readable = stages[0];
    for (const stage of stages.slice(1)) tail = tail.pipe(stage as Transform);
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
