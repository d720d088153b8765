import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable, Transform } from 'node:stream';
import type { Response } from 'express';
import type { Decision } from './decision/document.js';
import { ProxyError } from './errors.js';
import { callerResponseHeaders } from './forward/headers.js';
import type { UpstreamResponse } from './forward/upstream.js';
import { literalScrubber } from './mask/scrub-stream.js';

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

export function writeHead(res: Response, status: number, headers: Record<string, string | string[]>): void {
  res.status(status);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}

/**
 * Streams the upstream response to the caller unbuffered. When the
 * connection injects a credential, the bytes pass through a scrubber that
 * replaces any echo of it (so the length is no longer known in advance).
 */
export async function streamResponse(
  res: Response,
  method: string,
  upstream: UpstreamResponse,
  literals: readonly string[] | undefined,
  replacement: string,
): Promise<void> {
  const headers = callerResponseHeaders(upstream.headers);
  const stages: (Readable | Transform)[] = [upstream.body];
  if (literals && literals.length > 0 && !hasNoBody(method, upstream.status)) {
    const decoder = streamDecoder(upstream.headers['content-encoding']);
    if (decoder) stages.push(decoder);
    stages.push(literalScrubber(literals, replacement));
    delete headers['content-encoding'];
    delete headers['content-length'];
  }
  writeHead(res, upstream.status, headers);
  await pipeline([...stages, res] as [Readable, ...Transform[], Response]);
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
