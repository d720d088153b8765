import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { Readable } from 'node:stream';
import { isJsonType, isTextType } from '../content-type.js';
import { ProxyError } from '../errors.js';
import { textMasker, type DetectorName } from './detectors.js';
import { parseFieldPath } from './field-paths.js';
import { maskJson } from './json.js';

/**
 * Response bodies that must be masked or inspected are held in memory, up to
 * a bound. Past the bound the response is refused: never passed unmasked.
 */
export async function readBounded(
  body: Readable,
  limit: number,
  declaredLength: string | undefined,
): Promise<Buffer> {
  const tooLarge = () =>
    new ProxyError('response_too_large_to_mask', `the upstream response is larger than ${limit} bytes`);
  if (declaredLength !== undefined && Number(declaredLength) > limit) {
    body.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

/** Undoes a Content-Encoding so the body can be read; the decoded size is bounded too. */
export function decodeBody(body: Buffer, encoding: string | undefined, limit: number): Buffer {
  const coding = (encoding ?? 'identity').trim().toLowerCase();
  const options = { maxOutputLength: limit };
  try {
    if (coding === 'identity' || coding === '') return body;
    if (coding === 'gzip' || coding === 'x-gzip') return gunzipSync(body, options);
    if (coding === 'deflate') return inflateSync(body, options);
    if (coding === 'br') return brotliDecompressSync(body, options);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ProxyError(
        'response_too_large_to_mask',
        `the decoded response is larger than ${limit} bytes`,
      );
    }
    throw new ProxyError('response_not_maskable', `the ${coding} response body is corrupt`, { cause: err });
  }
  throw new ProxyError('response_not_maskable', `unsupported content encoding ${JSON.stringify(coding)}`);
}

export interface MaskPlan {
  fields: string[];
  detectors: DetectorName[];
  replacement: string;
  /** Literal secrets always masked (the connection's credential). */
  literals: string[];
}

/** Masks a whole (decoded) body by content type; returns the new bytes and how many values were masked. */
export function maskBody(
  body: Buffer,
  contentType: string | null,
  plan: MaskPlan,
): { body: Buffer; count: number } {
  if (body.length === 0) return { body, count: 0 };
  const text = textMasker(plan.detectors, plan.literals, plan.replacement);
  const source = body.toString('utf8');
  if (isJsonType(contentType)) {
    let parsed: unknown;
    let valid = true;
    try {
      parsed = JSON.parse(source);
    } catch {
      valid = false;
    }
    if (valid) {
      const fields = plan.fields.map(parseFieldPath);
      const result = maskJson(parsed, fields, text, plan.replacement);
      return { body: Buffer.from(JSON.stringify(result.value)), count: result.count };
    }
    if (plan.fields.length > 0) {
      throw new ProxyError(
        'response_not_maskable',
        'the response claims JSON but does not parse; fields cannot be masked',
      );
    }
  } else if (!isTextType(contentType)) {
    throw new ProxyError('response_not_maskable', `content type ${contentType ?? '(none)'} cannot be masked`);
  }
  const result = text.mask(source);
  return { body: Buffer.from(result.text), count: result.count };
}
