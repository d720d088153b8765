/**
 * Go's reference-time layouts ("2006-01-02T15:04:05Z07:00") for parsing and
 * formatting, over a civil-time model that keeps nanoseconds exact (bigint)
 * and covers OPA's whole int64 nanosecond range.
 */
import { BuiltinFailure } from './errors.js';

export const NAMED_LAYOUTS: Record<string, string> = {
  ANSIC: 'Mon Jan _2 15:04:05 2006',
  UnixDate: 'Mon Jan _2 15:04:05 MST 2006',
  RubyDate: 'Mon Jan 02 15:04:05 -0700 2006',
  RFC822: '02 Jan 06 15:04 MST',
  RFC822Z: '02 Jan 06 15:04 -0700',
  RFC850: 'Monday, 02-Jan-06 15:04:05 MST',
  RFC1123: 'Mon, 02 Jan 2006 15:04:05 MST',
  RFC1123Z: 'Mon, 02 Jan 2006 15:04:05 -0700',
  RFC3339: '2006-01-02T15:04:05Z07:00',
  RFC3339Nano: '2006-01-02T15:04:05.999999999Z07:00',
  Kitchen: '3:04PM',
  Stamp: 'Jan _2 15:04:05',
  StampMilli: 'Jan _2 15:04:05.000',
  StampMicro: 'Jan _2 15:04:05.000000',
  StampNano: 'Jan _2 15:04:05.000000000',
  DateTime: '2006-01-02 15:04:05',
  DateOnly: '2006-01-02',
  TimeOnly: '15:04:05',
};

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12; out-of-range days/months normalise). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y0 = year + Math.floor((month - 1) / 12);
  const m0 = ((((month - 1) % 12) + 12) % 12) + 1;
  const y = m0 <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (m0 + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468 + (day - 1);
}

export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: era * 400 + yoe + (month <= 2 ? 1 : 0), month, day };
}

export interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanos: number;
  /** Offset from UTC in seconds. */
  offset: number;
  zoneName: string;
}

const NS = 1_000_000_000n;

export function civilFromNs(ns: bigint, offset: number, zoneName: string): Civil {
  const local = ns + BigInt(offset) * NS;
  let secs = local / NS;
  let nanos = local % NS;
  if (nanos < 0n) {
    nanos += NS;
    secs -= 1n;
  }
  const days = Number(secs >= 0n ? secs / 86400n : -((-secs + 86399n) / 86400n));
  const rem = Number(secs - BigInt(days) * 86400n);
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(rem / 3600),
    minute: Math.floor((rem % 3600) / 60),
    second: rem % 60,
    nanos: Number(nanos),
    offset,
    zoneName,
  };
}

export function nsFromCivil(c: Omit<Civil, 'zoneName'>): bigint {
  const days = daysFromCivil(c.year, c.month, c.day);
  const secs = BigInt(days) * 86400n + BigInt(c.hour * 3600 + c.minute * 60 + c.second) - BigInt(c.offset);
  return secs * NS + BigInt(c.nanos);
}

export function weekday(c: Civil): number {
  return (((daysFromCivil(c.year, c.month, c.day) + 4) % 7) + 7) % 7;
}

function daysIn(month: number, year: number): number {
  return civilFromDays(daysFromCivil(year, month + 1, 1) - 1).day;
}

function yearDay(c: Civil): number {
  return daysFromCivil(c.year, c.month, c.day) - daysFromCivil(c.year, 1, 1) + 1;
}

/** Layout tokens, longest first where they share a prefix. */
const TOKENS = [
  'January',
  'Jan',
  'Monday',
  'Mon',
  'MST',
  '2006',
  '002',
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '_2',
  '15',
  '1',
  '2',
  '3',
  '4',
  '5',
  'PM',
  'pm',
  'Z07:00:00',
  '-07:00:00',
  'Z070000',
  '-070000',
  'Z07:00',
  '-07:00',
  'Z0700',
  '-0700',
  'Z07',
  '-07',
];

type Piece = { literal: string } | { token: string } | { fraction: string };

function tokenize(layout: string): Piece[] {
  const pieces: Piece[] = [];
  let lit = '';
  let i = 0;
  outer: while (i < layout.length) {
    const frac = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (frac) {
      if (lit) pieces.push({ literal: lit });
      lit = '';
      pieces.push({ fraction: frac[0] });
      i += frac[0].length;
      continue;
    }
    for (const t of TOKENS) {
      if (layout.startsWith(t, i)) {
        if (t === 'Jan' && layout.startsWith('January', i)) continue;
        if (t === 'Mon' && layout.startsWith('Monday', i)) continue;
        if (lit) pieces.push({ literal: lit });
        lit = '';
        pieces.push({ token: t });
        i += t.length;
        continue outer;
      }
    }
    lit += layout[i++];
  }
  if (lit) pieces.push({ literal: lit });
  return pieces;
}

function pad(n: number, width: number, ch = '0'): string {
  const s = String(Math.abs(n)).padStart(width, ch);
  return n < 0 ? `-${s}` : s;
}

function zoneText(offset: number, token: string): string {
  if (token.startsWith('Z') && offset === 0) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = pad(Math.floor(abs / 3600), 2);
  const mm = pad(Math.floor((abs % 3600) / 60), 2);
  const ss = pad(abs % 60, 2);
  const body = token.replace(/^[Z-]/, '');
  switch (body) {
    case '07:00:00':
      return `${sign}${hh}:${mm}:${ss}`;
    case '070000':
      return `${sign}${hh}${mm}${ss}`;
    case '07:00':
      return `${sign}${hh}:${mm}`;
    case '0700':
      return `${sign}${hh}${mm}`;
    default:
      return `${sign}${hh}`;
  }
}

export function formatLayout(c: Civil, layout: string): string {
  let out = '';
  for (const p of tokenize(layout)) {
    if ('literal' in p) {
      out += p.literal;
      continue;
    }
    if ('fraction' in p) {
      const digits = p.fraction.length - 1;
      let frac = pad(c.nanos, 9).slice(0, digits);
      if (p.fraction[1] === '9') {
        frac = frac.replace(/0+$/, '');
        if (frac) out += p.fraction[0] + frac;
      } else out += p.fraction[0] + frac;
      continue;
    }
    const h12 = c.hour % 12 === 0 ? 12 : c.hour % 12;
    switch (p.token) {
      case 'January':
        out += MONTHS[c.month - 1];
        break;
      case 'Jan':
        out += MONTHS[c.month - 1].slice(0, 3);
        break;
      case 'Monday':
        out += WEEKDAYS[weekday(c)];
        break;
      case 'Mon':
        out += WEEKDAYS[weekday(c)].slice(0, 3);
        break;
      case 'MST':
        out += c.zoneName;
        break;
      case '2006':
        out += pad(c.year, 4);
        break;
      case '06':
        out += pad(((c.year % 100) + 100) % 100, 2);
        break;
      case '002':
        out += pad(yearDay(c), 3);
        break;
      case '01':
        out += pad(c.month, 2);
        break;
      case '1':
        out += String(c.month);
        break;
      case '02':
        out += pad(c.day, 2);
        break;
      case '_2':
        out += pad(c.day, 2, ' ');
        break;
      case '2':
        out += String(c.day);
        break;
      case '15':
        out += pad(c.hour, 2);
        break;
      case '03':
        out += pad(h12, 2);
        break;
      case '3':
        out += String(h12);
        break;
      case '04':
        out += pad(c.minute, 2);
        break;
      case '4':
        out += String(c.minute);
        break;
      case '05':
        out += pad(c.second, 2);
        break;
      case '5':
        out += String(c.second);
        break;
      case 'PM':
        out += c.hour >= 12 ? 'PM' : 'AM';
        break;
      case 'pm':
        out += c.hour >= 12 ? 'pm' : 'am';
        break;
      default:
        out += zoneText(c.offset, p.token);
    }
  }
  return out;
}

export interface ParsedTime {
  civil: Omit<Civil, 'zoneName' | 'offset'>;
  /** Offset in seconds when the value carried one. */
  offset?: number;
  zoneAbbrev?: string;
}

function quoteGo(s: string): string {
  return JSON.stringify(s);
}

/** Go's `time.Parse(layout, value)` field extraction. */
export function parseLayout(layout: string, value: string): ParsedTime {
  const fail = (rest: string, token: string): never => {
    throw new BuiltinFailure(
      `parsing time ${quoteGo(value)} as ${quoteGo(layout)}: cannot parse ${quoteGo(rest)} as ${quoteGo(token)}`,
    );
  };
  const c = { year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0, nanos: 0 };
  let pm: boolean | undefined;
  let offset: number | undefined;
  let zoneAbbrev: string | undefined;
  let yday = -1;
  let rest = value;
  const num = (token: string, min: number, max: number): number => {
    const m = new RegExp(`^\\d{${min},${max}}`).exec(rest);
    if (!m) fail(rest, token);
    rest = rest.slice((m as RegExpExecArray)[0].length);
    return Number((m as RegExpExecArray)[0]);
  };
  const pieces = tokenize(layout);
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    if ('literal' in p) {
      if (!rest.startsWith(p.literal)) fail(rest, p.literal);
      rest = rest.slice(p.literal.length);
      continue;
    }
    if ('fraction' in p) {
      const m = /^[.,](\d+)/.exec(rest);
      if (!m) {
        if (p.fraction[1] === '9') continue;
        fail(rest, p.fraction);
      }
      const digits = (m as RegExpExecArray)[1];
      c.nanos = Number(digits.slice(0, 9).padEnd(9, '0'));
      rest = rest.slice((m as RegExpExecArray)[0].length);
      continue;
    }
    const t = p.token;
    switch (t) {
      case 'January':
      case 'Jan': {
        const idx = MONTHS.findIndex((m) =>
          rest.toLowerCase().startsWith((t === 'Jan' ? m.slice(0, 3) : m).toLowerCase()),
        );
        if (idx < 0) fail(rest, t);
        c.month = idx + 1;
        rest = rest.slice(t === 'Jan' ? 3 : MONTHS[idx].length);
        break;
      }
      case 'Monday':
      case 'Mon': {
        const idx = WEEKDAYS.findIndex((d) =>
          rest.toLowerCase().startsWith((t === 'Mon' ? d.slice(0, 3) : d).toLowerCase()),
        );
        if (idx < 0) fail(rest, t);
        rest = rest.slice(t === 'Mon' ? 3 : WEEKDAYS[idx].length);
        break;
      }
      case 'MST': {
        const m = /^[A-Z]{3,5}|^[A-Z]{3}[+-]\d+/.exec(rest);
        if (!m) fail(rest, t);
        zoneAbbrev = (m as RegExpExecArray)[0];
        rest = rest.slice(zoneAbbrev.length);
        if (zoneAbbrev === 'UTC' || zoneAbbrev === 'GMT') offset = 0;
        break;
      }
      case '2006': {
        const m = /^\d{4}/.exec(rest);
        if (!m) fail(rest, t);
        c.year = Number((m as RegExpExecArray)[0]);
        rest = rest.slice(4);
        break;
      }
      case '06': {
        const y = num(t, 2, 2);
        c.year = y >= 69 ? 1900 + y : 2000 + y;
        break;
      }
      case '002':
        yday = num(t, 3, 3);
        break;
      case '01':
        c.month = num(t, 2, 2);
        break;
      case '1':
        c.month = num(t, 1, 2);
        break;
      case '02':
        c.day = num(t, 2, 2);
        break;
      case '_2':
        if (rest.startsWith(' ')) rest = rest.slice(1);
        c.day = num(t, 1, 2);
        break;
      case '2':
        c.day = num(t, 1, 2);
        break;
      case '15':
        c.hour = num(t, 1, 2);
        if (c.hour > 23) throw new BuiltinFailure(`parsing time ${quoteGo(value)}: hour out of range`);
        break;
      case '03':
      case '3':
        c.hour = num(t, t === '03' ? 2 : 1, 2);
        if (c.hour > 12) throw new BuiltinFailure(`parsing time ${quoteGo(value)}: hour out of range`);
        break;
      case '04':
      case '4':
        c.minute = num(t, t === '04' ? 2 : 1, 2);
        if (c.minute > 59) throw new BuiltinFailure(`parsing time ${quoteGo(value)}: minute out of range`);
        break;
      case '05':
      case '5': {
        c.second = num(t, t === '05' ? 2 : 1, 2);
        if (c.second > 59) throw new BuiltinFailure(`parsing time ${quoteGo(value)}: second out of range`);
        const next = pieces[i + 1];
        const frac = /^[.,](\d+)/.exec(rest);
        if (frac && !(next && 'fraction' in next)) {
          c.nanos = Number(frac[1].slice(0, 9).padEnd(9, '0'));
          rest = rest.slice(frac[0].length);
        }
        break;
      }
      case 'PM':
      case 'pm': {
        const m = /^(AM|PM|am|pm)/.exec(rest);
        if (!m) fail(rest, t);
        pm = (m as RegExpExecArray)[0].toUpperCase() === 'PM';
        rest = rest.slice(2);
        break;
      }
      default: {
        if (t.startsWith('Z') && rest.startsWith('Z')) {
          offset = 0;
          rest = rest.slice(1);
          break;
        }
        const body = t.replace(/^[Z-]/, '');
        const shape = body.replace(/\d/g, '9');
        const re = new RegExp(`^[+-]${shape.replace(/9/g, '\\d')}`);
        const m = re.exec(rest);
        if (!m) fail(rest, t);
        const txt = (m as RegExpExecArray)[0];
        const digits = txt.slice(1).replace(/:/g, '');
        const hh = Number(digits.slice(0, 2));
        const mm = Number(digits.slice(2, 4) || '0');
        const ss = Number(digits.slice(4, 6) || '0');
        offset = (txt[0] === '-' ? -1 : 1) * (hh * 3600 + mm * 60 + ss);
        rest = rest.slice(txt.length);
      }
    }
  }
  if (rest !== '') throw new BuiltinFailure(`parsing time ${quoteGo(value)}: extra text: ${quoteGo(rest)}`);
  if (pm !== undefined) {
    if (pm && c.hour < 12) c.hour += 12;
    else if (!pm && c.hour === 12) c.hour = 0;
  }
  if (yday >= 0) {
    const d = civilFromDays(daysFromCivil(c.year, 1, 1) + yday - 1);
    c.month = d.month;
    c.day = d.day;
  }
  if (c.month < 1 || c.month > 12)
    throw new BuiltinFailure(`parsing time ${quoteGo(value)}: month out of range`);
  if (c.day < 1 || c.day > daysIn(c.month, c.year)) {
    throw new BuiltinFailure(`parsing time ${quoteGo(value)}: day out of range`);
  }
  return { civil: c, offset, zoneAbbrev };
}
