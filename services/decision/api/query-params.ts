import type { IncomingHttpHeaders } from 'node:http';
import { jsonTooDeep, MAX_JSON_DEPTH } from '../../common/json-depth.js';
import { ApiError, invalidParameter } from './errors.js';

/** OPA's boolean query parameters: present with no value, or "true" (the last one counts). */
export function boolParam(query: URLSearchParams, name: string): boolean {
  const values = query.getAll(name);
  if (values.length === 0) return false;
  const last = values[values.length - 1];
  return last === '' || last === 'true';
}

export const DEADLINE_HEADER = 'x-portcullis-deadline-ms';

/** The per-request evaluation deadline, when the caller sent one. */
export function deadlineOf(headers: IncomingHttpHeaders): number | undefined {
  const header = headers[DEADLINE_HEADER];
  if (header === undefined) return undefined;
  const ms = Number(header);
  if (!Number.isFinite(ms) || ms <= 0)
    throw invalidParameter(`${DEADLINE_HEADER} must be a positive number of milliseconds`);
  return ms;
}

/** 400 `json_too_deep`: what walks the value afterwards would run out of stack. */
export function tooDeep(what: string, limit = MAX_JSON_DEPTH): ApiError {
  return new ApiError('json_too_deep', `${what} nests deeper than ${limit} levels`, 400);
}

/**
 * Parses JSON text from the request, mapping failures to 400
 * `invalid_parameter`, or `json_too_deep` past `limit` levels.
 */
export function parseJsonText(text: string, what: string, limit = MAX_JSON_DEPTH): unknown {
  if (jsonTooDeep(text, limit)) throw tooDeep(what, limit);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw invalidParameter(`${what} contains malformed JSON: ${(err as Error).message}`);
  }
}

/**
 * Parses a JSON request body, mapping failures to 400 `invalid_parameter`
 * (or `json_too_deep`). `wrapLevels`: how far down the input is, which the
 * depth limit does not count (1 in `{"input": ...}`, 2 in
 * `{"inputs": {"<id>": ...}}`).
 */
export function parseJsonBody(
  bytes: Buffer,
  wrapLevels = 0,
): { empty: true } | { empty: false; value: unknown } {
  const text = bytes.toString('utf8');
  if (text.trim() === '') return { empty: true };
  return { empty: false, value: parseJsonText(text, 'body', MAX_JSON_DEPTH + wrapLevels) };
}
