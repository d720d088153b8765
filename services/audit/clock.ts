/**
 * RFC 3339 text (milliseconds, UTC) of a Unix millisecond. The last one is
 * kept: a decision log event and its audit event are stamped in the same
 * millisecond, as are the other decisions made in it, and formatting a
 * Date each time cost more than the rest of the event's fields.
 */
let lastMs = Number.NaN;
let lastText = '';

export function isoTime(ms: number): string {
  if (ms !== lastMs) {
    lastText = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastText;
}
