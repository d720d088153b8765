/** Units of a duration written as people write them: `90s`, `15m`, `24h`, `7d`, `2w`. */
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Milliseconds of `90s`, `15m`, `24h`, `7d` or `2w` (one whole number and a
 * unit); undefined for anything else.
 */
export function parseDurationMs(text: string): number | undefined {
  const m = /^(\d{1,9})(s|m|h|d|w)$/.exec(text.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2]] : undefined;
}
