/**
 * Time builtins (OPA `time.go`). Nanosecond results are exact bigints (they
 * exceed 2^53); zones come from the platform's IANA database through Intl.
 * `time.now_ns` comes from the evaluation context (see context.ts). Nanosecond arguments arrive as JS doubles, so they are exact only to about
 * a quarter of a microsecond around the present.
 */
import { BuiltinFailure } from './errors.js';
import {
  NAMED_LAYOUTS,
  WEEKDAYS,
  civilFromNs,
  daysFromCivil,
  formatLayout,
  nsFromCivil,
  parseLayout,
  weekday,
} from './golayout.js';
import type { Civil } from './golayout.js';
import { arrayOperand, intOperand, operandTypeError, stringOperand } from './operands.js';
import { register } from './registry.js';
import { normalizeInt } from './numbers.js';
import { evaluationContext } from './context.js';

const MIN_NS = -(2n ** 63n);
const MAX_NS = 2n ** 63n - 1n;

function nsOperand(value: unknown, pos: number): bigint {
  if (typeof value === 'bigint') {
    if (value < MIN_NS || value > MAX_NS) throw new BuiltinFailure('timestamp too big');
    return value;
  }
  if (typeof value !== 'number') throw operandTypeError(pos, value, 'number');
  if (!Number.isInteger(value) || value < -(2 ** 63) || value >= 2 ** 63)
    throw new BuiltinFailure('timestamp too big');
  return BigInt(value);
}

function checkRange(ns: bigint): bigint {
  if (ns < MIN_NS || ns > MAX_NS) throw new BuiltinFailure('time outside of valid range');
  return ns;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(zone: string): Intl.DateTimeFormat {
  let f = zoneFormats.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
        timeZoneName: 'short',
      });
    } catch {
      throw new BuiltinFailure(`unknown time zone ${zone}`);
    }
    zoneFormats.set(zone, f);
  }
  return f;
}

/** The zone's offset (seconds) and abbreviation at an instant. */
function zoneAt(zone: string, ns: bigint): { offset: number; name: string } {
  if (zone === '' || zone === 'UTC') return { offset: 0, name: 'UTC' };
  const resolved = zone === 'Local' ? Intl.DateTimeFormat().resolvedOptions().timeZone : zone;
  const ms = Number(ns / 1_000_000n);
  const clamped = Math.max(-8.64e15, Math.min(8.64e15, ms - (ms % 1000)));
  const parts = Object.fromEntries(
    zoneFormat(resolved)
      .formatToParts(new Date(clamped))
      .map((p) => [p.type, p.value]),
  );
  const year = parts.era === 'BC' ? 1 - Number(parts.year) : Number(parts.year);
  const localSecs =
    daysFromCivil(year, Number(parts.month), Number(parts.day)) * 86400 +
    Number(parts.hour) * 3600 +
    Number(parts.minute) * 60 +
    Number(parts.second);
  const offset = localSecs - Math.floor(clamped / 1000);
  const name = /^GMT[+-]/.test(parts.timeZoneName ?? '')
    ? formatOffsetName(offset)
    : (parts.timeZoneName ?? zone);
  return { offset, name: name === 'GMT' && resolved !== 'GMT' ? formatOffsetName(offset) : name };
}

function formatOffsetName(offset: number): string {
  if (offset === 0) return 'UTC';
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const h = String(Math.floor(abs / 3600)).padStart(2, '0');
  const m = abs % 3600 === 0 ? '' : String(Math.floor((abs % 3600) / 60)).padStart(2, '0');
  return `${sign}${h}${m}`;
}

function civilIn(ns: bigint, zone: string): Civil {
  const { offset, name } = zoneAt(zone, ns);
  return civilFromNs(ns, offset, name);
}

/** A time argument: nanoseconds, `[ns, zone]` or (for format) `[ns, zone, layout]`. */
function timeArg(
  value: unknown,
  pos: number,
  allowLayout = false,
): { ns: bigint; zone: string; layout?: string } {
  if (!Array.isArray(value)) return { ns: nsOperand(value, pos), zone: 'UTC' };
  const arr = arrayOperand(value, pos);
  const max = allowLayout ? 3 : 2;
  if (arr.length < 2 || arr.length > max) {
    throw new BuiltinFailure(`array should have ${allowLayout ? '2 or 3' : '2'} elements`);
  }
  const zone = stringOperand(arr[1], pos);
  return {
    ns: nsOperand(arr[0], pos),
    zone,
    layout: arr.length === 3 ? stringOperand(arr[2], pos) : undefined,
  };
}

function layoutNamed(layout: string): string {
  return NAMED_LAYOUTS[layout] ?? layout;
}

function parseToNs(layout: string, value: string): bigint {
  const parsed = parseLayout(layout, value);
  const offset = parsed.offset ?? 0;
  return checkRange(nsFromCivil({ ...parsed.civil, offset }));
}

/** Go's `time.ParseDuration`. */
export function parseDuration(s: string): bigint {
  const units: Record<string, bigint> = {
    ns: 1n,
    us: 1000n,
    µs: 1000n,
    μs: 1000n,
    ms: 1_000_000n,
    s: 1_000_000_000n,
    m: 60_000_000_000n,
    h: 3_600_000_000_000n,
  };
  const bad = () => new BuiltinFailure(`time: invalid duration ${JSON.stringify(s)}`);
  let rest = s;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest[0] === '-';
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') throw bad();
  let total = 0n;
  while (rest !== '') {
    const m = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) {
      if (/^\d*(\.\d*)?$/.test(rest))
        throw new BuiltinFailure(`time: missing unit in duration ${JSON.stringify(s)}`);
      throw bad();
    }
    const unit = units[m[3]];
    const whole = BigInt(m[1] || '0') * unit;
    const fracDigits = m[2] ?? '';
    const frac = fracDigits ? (BigInt(fracDigits) * unit) / 10n ** BigInt(fracDigits.length) : 0n;
    total += whole + frac;
    rest = rest.slice(m[0].length);
  }
  if (total > MAX_NS) throw new BuiltinFailure(`time: invalid duration ${JSON.stringify(s)}`);
  return negative ? -total : total;
}

function addDate(value: unknown, years: unknown, months: unknown, days: unknown): number | bigint {
  const ns = nsOperand(value, 1);
  const c = civilFromNs(ns, 0, 'UTC');
  const y = intOperand(years, 2);
  const m = intOperand(months, 3);
  const d = intOperand(days, 4);
  const result = nsFromCivil({ ...c, year: c.year + y, month: c.month + m, day: c.day + d, offset: 0 });
  return normalizeInt(checkRange(result));
}

function diff(a: unknown, b: unknown): number[] {
  const x = timeArg(a, 1);
  const y = timeArg(b, 2);
  // As Go's diff does, the second time is read in the first one's zone.
  let t1 = civilIn(x.ns, x.zone);
  let t2 = civilIn(y.ns, x.zone);
  if (x.ns > y.ns) [t1, t2] = [t2, t1];
  let year = t2.year - t1.year;
  let month = t2.month - t1.month;
  let day = t2.day - t1.day;
  let hour = t2.hour - t1.hour;
  let min = t2.minute - t1.minute;
  let sec = t2.second - t1.second;
  if (sec < 0) {
    sec += 60;
    min--;
  }
  if (min < 0) {
    min += 60;
    hour--;
  }
  if (hour < 0) {
    hour += 24;
    day--;
  }
  if (day < 0) {
    const overflow = civilFromNs(
      nsFromCivil({ ...t1, day: 32, hour: 0, minute: 0, second: 0, nanos: 0, offset: 0 }),
      0,
      'UTC',
    );
    day += 32 - overflow.day;
    month--;
  }
  if (month < 0) {
    month += 12;
    year--;
  }
  return [year, month, day, hour, min, sec];
}

register('time', {
  'time.now_ns': () => normalizeInt(evaluationContext().nowNs),
  'time.parse_ns': (layout, value) =>
    normalizeInt(parseToNs(layoutNamed(stringOperand(layout, 1)), stringOperand(value, 2))),
  'time.parse_rfc3339_ns': (value) => normalizeInt(parseToNs(NAMED_LAYOUTS.RFC3339, stringOperand(value, 1))),
  'time.parse_duration_ns': (value) => normalizeInt(parseDuration(stringOperand(value, 1))),
  'time.format'(value) {
    const t = timeArg(value, 1, true);
    return formatLayout(civilIn(t.ns, t.zone), layoutNamed(t.layout ?? 'RFC3339Nano'));
  },
  'time.date'(value) {
    const t = timeArg(value, 1);
    const c = civilIn(t.ns, t.zone);
    return [c.year, c.month, c.day];
  },
  'time.clock'(value) {
    const t = timeArg(value, 1);
    const c = civilIn(t.ns, t.zone);
    return [c.hour, c.minute, c.second];
  },
  'time.weekday'(value) {
    const t = timeArg(value, 1);
    return WEEKDAYS[weekday(civilIn(t.ns, t.zone))];
  },
  'time.add_date': addDate,
  'time.diff': diff,
});
