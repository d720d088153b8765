import { mediaType } from '../content-type.js';
import { ProxyError } from '../errors.js';

/**
 * Charsets in which the credential scrubber can see a secret: the ones
 * where ASCII text is written byte for byte as ASCII (the scrubber also
 * knows the Latin-1 bytes of a non-ASCII secret). Bodies declared in any
 * other charset (UTF-16, UTF-32, EBCDIC, ISO-2022, UTF-7…) write the
 * secret in bytes the scrubber does not look for.
 */
const READABLE = new Set([
  'utf-8',
  'utf8',
  'us-ascii',
  'ascii',
  'iso-8859-1',
  'iso8859-1',
  'latin1',
  'l1',
  'iso-8859-15',
  'windows-1252',
  'cp1252',
]);

/** The `charset` parameter of a Content-Type, lowercased; undefined when there is none. */
export function charsetOf(contentType: string | string[] | undefined): string | undefined {
  const value = Array.isArray(contentType) ? contentType.join(', ') : contentType;
  if (!value) return undefined;
  return /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(value)?.[1]?.toLowerCase();
}

/**
 * Refuses (502 `response_not_maskable`) a response whose declared charset
 * the scrubber cannot read, or whose media type names one (`…+json` in
 * UTF-16 or UTF-32).
 */
export function checkScrubbableCharset(contentType: string | string[] | undefined): void {
  const charset = charsetOf(contentType);
  if (charset !== undefined && !READABLE.has(charset)) {
    throw new ProxyError(
      'response_not_maskable',
      `charset ${JSON.stringify(charset)} cannot be scrubbed of the connection credential`,
    );
  }
  // UTF-16 and UTF-32 JSON media types (RFC 7159 allowed them) name no charset parameter.
  const type = mediaType(contentType);
  if (type !== null && /utf-?(16|32)/.test(type)) {
    throw new ProxyError('response_not_maskable', `content type ${type} cannot be scrubbed`);
  }
}
