import { ProxyError } from '../errors.js';
import { segmentAmbiguity, unicodeAmbiguity } from './path-confusables.js';

/**
 * The one canonical form of a request path. The policy sees `path` and
 * `segments`; the upstream is sent `encoded`, which is the same path
 * re-encoded, so a rule on `/admin` cannot be walked around with
 * `/x/../admin`, `//admin`, `/%61dmin` or `/admin%2F..%2Fadmin`. Text a
 * server behind could read as other text (full-width `．．／ａdmin`,
 * `admin.`, `ADMINI~1`) is refused: path-confusables.ts.
 */
export interface NormalisedPath {
  /** Decoded, dot segments resolved, no empty segments, no trailing slash. */
  path: string;
  segments: string[];
  /** `path` percent-encoded segment by segment, for the upstream. */
  encoded: string;
}

export interface SplitTarget {
  path: NormalisedPath;
  /** The raw query string without `?` (passed to the upstream as sent). */
  rawQuery: string;
  /** The query as the policy sees it: each key to all its values. */
  query: Record<string, string[]>;
}

// Control characters, backslash (read as a separator by some servers) and
// `;` (path parameters: `/admin;x` is `/admin` to some servers).
// eslint-disable-next-line no-control-regex
const FORBIDDEN_DECODED = /[\u0000-\u001f\u007f\\;]/;
const PERCENT = /%(..)?/g;

function invalid(rawPath: string, why: string): ProxyError {
  return new ProxyError('path_invalid', `path ${JSON.stringify(rawPath.slice(0, 200))}: ${why}`);
}

function encodeSegment(segment: string): string {
  const encoded = encodeURIComponent(segment);
  // Most segments need no encoding at all.
  if (encoded.length === segment.length) return segment;
  return encoded.replace(/%3A/g, ':').replace(/%40/g, '@');
}

/** The path with percent-encoding undone, refusing encodings that two decoders could read differently. */
function percentDecoded(rawPath: string): string {
  for (const match of rawPath.matchAll(PERCENT)) {
    const hex = match[1];
    if (hex === undefined || !/^[0-9A-Fa-f]{2}$/.test(hex))
      throw invalid(rawPath, 'malformed percent-encoding');
    // %25 decodes to `%`, which a second decoder would read again: double encoding.
    if (hex === '25') throw invalid(rawPath, 'encoded % (double encoding) is ambiguous');
    if (hex === '00') throw invalid(rawPath, 'encoded NUL');
  }
  try {
    return decodeURIComponent(rawPath);
  } catch {
    throw invalid(rawPath, 'percent-encoding is not valid UTF-8');
  }
}

/** Normalises the path part of a request target (no query). Throws `path_invalid`. */
export function normalisePath(rawPath: string): NormalisedPath {
  if (!rawPath.startsWith('/')) throw invalid(rawPath, 'must start with /');
  const decoded = rawPath.includes('%') ? percentDecoded(rawPath) : rawPath;
  if (FORBIDDEN_DECODED.test(decoded)) throw invalid(rawPath, 'control character, backslash or ;');
  const unicode = unicodeAmbiguity(decoded);
  if (unicode !== undefined) throw invalid(rawPath, unicode);
  const segments: string[] = [];
  for (const segment of decoded.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) throw invalid(rawPath, 'climbs above the root');
      segments.pop();
      continue;
    }
    const ambiguity = segmentAmbiguity(segment);
    if (ambiguity !== undefined) throw invalid(rawPath, ambiguity);
    segments.push(segment);
  }
  return {
    path: '/' + segments.join('/'),
    segments,
    encoded: '/' + segments.map(encodeSegment).join('/'),
  };
}

/** Splits a request target (`req.url`) into a normalised path and its query. */
export function splitTarget(target: string): SplitTarget {
  const q = target.indexOf('?');
  const rawPath = q < 0 ? target : target.slice(0, q);
  const rawQuery = q < 0 ? '' : target.slice(q + 1);
  // No prototype: `?constructor=1` is a key like any other.
  const query: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  if (rawQuery === '') return { path: normalisePath(rawPath), rawQuery, query };
  // `;` separates parameters for some servers (`a=1;role=admin` is one value
  // to the policy, two to them) and `%00` ends a string for others.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f#;]|%00/.test(rawQuery))
    throw invalid(rawPath, 'control character, #, ; or %00 in the query');
  // The policy reads the query decoded: a `%` that is not an escape, or escapes that
  // are not UTF-8, would be read one way here and another way by the upstream.
  if (rawQuery.includes('%')) {
    if (/%(?![0-9A-Fa-f]{2})/.test(rawQuery))
      throw invalid(rawPath, 'malformed percent-encoding in the query');
    try {
      decodeURIComponent(rawQuery.replace(/\+/g, ' '));
    } catch {
      throw invalid(rawPath, 'percent-encoding in the query is not valid UTF-8');
    }
  }
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    if (Object.hasOwn(query, key)) query[key].push(value);
    else query[key] = [value];
  }
  return { path: normalisePath(rawPath), rawQuery, query };
}

/** True when `segments` starts with all of `prefix`. */
export function hasSegmentPrefix(segments: string[], prefix: string[]): boolean {
  return prefix.length <= segments.length && prefix.every((s, i) => segments[i] === s);
}

/** The path below a prefix, in the same canonical form. */
export function stripSegments(path: NormalisedPath, count: number): NormalisedPath {
  const segments = path.segments.slice(count);
  return {
    path: '/' + segments.join('/'),
    segments,
    encoded: '/' + segments.map(encodeSegment).join('/'),
  };
}
