import type { Request } from 'express';
import { invalidParameter } from './errors.js';

/** OPA's boolean query parameters: present with no value, or "true". */
export function boolParam(req: Request, name: string): boolean {
  const value = req.query[name];
  if (value === undefined) return false;
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  return last === '' || last === 'true';
}

export const DEADLINE_HEADER = 'x-portcullis-deadline-ms';

/** The per-request evaluation deadline, when the caller sent one. */
export function deadlineOf(req: Request): number | undefined {
  const header = req.get(DEADLINE_HEADER);
  if (header === undefined) return undefined;
  const ms = Number(header);
  if (!Number.isFinite(ms) || ms <= 0)
    throw invalidParameter(`${DEADLINE_HEADER} must be a positive number of milliseconds`);
  return ms;
}

/** Path segments after the route prefix (`/v1/data/a/b` → ["a", "b"]). */
export function pathSegments(req: Request): string[] {
  const raw = (req.params as { path?: string[] | string }).path;
  const parts = raw === undefined ? [] : Array.isArray(raw) ? raw : raw.split('/');
  return parts.filter((p) => p !== '');
}

/** Parses a JSON request body, mapping failures to 400 `invalid_parameter`. */
export function parseJsonBody(body: unknown): { empty: true } | { empty: false; value: unknown } {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
  const text = bytes.toString('utf8');
  if (text.trim() === '') return { empty: true };
  try {
    return { empty: false, value: JSON.parse(text) };
  } catch (err) {
    throw invalidParameter(`body contains malformed JSON: ${(err as Error).message}`);
  }
}
