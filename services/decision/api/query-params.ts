import type { IncomingHttpHeaders } from 'node:http';
import { invalidParameter } from './errors.js';

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

/** Parses a JSON request body, mapping failures to 400 `invalid_parameter`. */
export function parseJsonBody(bytes: Buffer): { empty: true } | { empty: false; value: unknown } {
  const text = bytes.toString('utf8');
  if (text.trim() === '') return { empty: true };
  try {
    return { empty: false, value: JSON.parse(text) };
  } catch (err) {
    throw invalidParameter(`body contains malformed JSON: ${(err as Error).message}`);
  }
}
