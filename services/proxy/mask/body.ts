import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { Readable } from 'node:stream';
import { jsonTooDeep, MAX_BODY_DEPTH } from '../../common/json-depth.js';
import { isJsonType, isTextType, mediaType } from '../content-type.js';
import { ProxyError } from '../errors.js';
import { discardBody } from '../forward/upstream.js';
import { textMasker, type DetectorName, type TextMasker } from './detectors.js';
import { parseFieldPath, type FieldPath } from './field-paths.js';
import { maskJson } from './json.js';
import { scrubBuffer } from './scrub-stream.js';

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
    discardBody(body);
    throw tooLarge();
  }
  // Plain listeners rather than `for await`: the async iterator costs more
  // than the copying on the small bodies most APIs answer with.
  return new Promise<Buffer>((resolve, reject) => {
    const cutOff = () => new Error('the response body was cut off');
    if (body.destroyed) return reject(body.errored ?? cutOff());
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (err: Error | undefined) => {
      if (settled) return;
      settled = true;
      body.off('data', onData);
      if (err) reject(err);
      else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        discardBody(body);
        settle(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    // 'error' stays listened to after settling, so a late failure is not an unhandled error.
    body.on('error', settle);
    body.once('end', () => settle(undefined));
    // 'close' also follows every normal 'end': build the error only when it is needed.
    body.once('close', () => {
      if (!settled) settle(cutOff());
    });
    body.on('data', onData);
  });
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
  literals: readonly string[];
}

export interface CompiledPlan {
  text: TextMasker;
  fields: FieldPath[];
}

/**
 * Compiled plans by their plan: a policy sends the same mask with most
 * decisions, and building the detector regexes and field globs costs more
 * than masking a small body. Bounded; emptied when full.
 */
const compiledPlans = new Map<string, CompiledPlan>();
const COMPILED_PLANS_MAX = 256;

/** The plan compiled last: comparing with it costs less than building the key. */
let lastPlan: { plan: MaskPlan; compiled: CompiledPlan } | undefined;

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function samePlan(a: MaskPlan, b: MaskPlan): boolean {
  return (
    a.replacement === b.replacement &&
    sameStrings(a.fields, b.fields) &&
    sameStrings(a.detectors, b.detectors) &&
    sameStrings(a.literals, b.literals)
  );
}

export function compilePlan(plan: MaskPlan): CompiledPlan {
  if (lastPlan && samePlan(lastPlan.plan, plan)) return lastPlan.compiled;
  const key = JSON.stringify([plan.fields, plan.detectors, plan.replacement, plan.literals]);
  let compiled = compiledPlans.get(key);
  if (!compiled) {
    compiled = {
      text: textMasker(plan.detectors, plan.literals, plan.replacement),
      fields: plan.fields.map(parseFieldPath),
    };
    if (compiledPlans.size >= COMPILED_PLANS_MAX) compiledPlans.clear();
    compiledPlans.set(key, compiled);
  }
  // A copy: the caller's arrays are not ours to keep (nor to trust unchanged).
  const kept: MaskPlan = {
    fields: [...plan.fields],
    detectors: [...plan.detectors],
    replacement: plan.replacement,
    literals: [...plan.literals],
  };
  lastPlan = { plan: kept, compiled };
  return compiled;
}

const UTF8_NAMES = new Set(['utf-8', 'utf8', 'us-ascii']);
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The body as text, refused unless it is UTF-8: the detectors and the
 * credential scrubber match UTF-8, so a body in another charset (UTF-16,
 * latin1) would pass them unseen. NUL bytes mean UTF-16 or binary.
 */
function utf8Text(body: Buffer, contentTypeHeader: string | null): string {
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(contentTypeHeader ?? '')?.[1];
  if (charset !== undefined && !UTF8_NAMES.has(charset.toLowerCase())) {
    throw new ProxyError('response_not_maskable', `charset ${JSON.stringify(charset)} cannot be masked`);
  }
  const notText = (cause?: unknown) =>
    new ProxyError('response_not_maskable', 'the response body is not UTF-8 text', { cause });
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch (err) {
    throw notText(err);
  }
  if (text.includes('\u0000')) throw notText();
  return text;
}

/**
 * Masks a whole (decoded) body by content type (the header, or just its
 * media type); returns the new bytes and how many values were masked. Field
 * paths need JSON: any other format (the caller picks it with `Accept`) is
 * refused rather than passed with the fields unmasked.
 */
export function maskBody(
  body: Buffer,
  contentType: string | null,
  plan: MaskPlan,
): { body: Buffer; count: number } {
  if (body.length === 0) return { body, count: 0 };
  const { text, fields } = compilePlan(plan);
  const type = mediaType(contentType ?? undefined);
  const json = isJsonType(type);
  if (!json && plan.fields.length > 0) {
    throw new ProxyError(
      'response_not_maskable',
      `fields cannot be masked in a response of type ${type ?? '(none)'}`,
    );
  }
  if (!json && !isTextType(type)) {
    throw new ProxyError('response_not_maskable', `content type ${type ?? '(none)'} cannot be masked`);
  }
  const source = utf8Text(body, contentType);
  let masked: { text: string; count: number } | undefined;
  if (json) {
    // maskJson recurses: a response nested deeper is refused, never passed unmasked.
    if (jsonTooDeep(source, MAX_BODY_DEPTH)) {
      throw new ProxyError(
        'response_not_maskable',
        `the JSON response nests deeper than ${MAX_BODY_DEPTH} levels`,
      );
    }
    try {
      const result = maskJson(JSON.parse(source), fields, text, plan.replacement);
      masked = { text: JSON.stringify(result.value), count: result.count };
    } catch (err) {
      if (!(err instanceof SyntaxError)) throw err;
      if (plan.fields.length > 0) {
        throw new ProxyError(
          'response_not_maskable',
          'the response claims JSON but does not parse; fields cannot be masked',
        );
      }
    }
  }
  masked ??= text.mask(source);
  // The credential in any other form (an object key, escaped, percent- or base64-encoded).
  const scrubbed = scrubBuffer(Buffer.from(masked.text), plan.literals, plan.replacement);
  return { body: scrubbed, count: masked.count };
}
