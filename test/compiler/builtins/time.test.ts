import { outcome, valueRows, errorRows } from './support/table.js';
import type { ErrorRow, ValueRow } from './support/table.js';

// 2018-02-05T12:00:00Z (a Monday) in nanoseconds.
const MONDAY_NOON = 1517832000000000000;
const MONDAY_NOON_N = 1517832000000000000n;

const values: ValueRow[] = [
  ['time.parse_rfc3339_ns', ['2018-02-05T12:00:00Z'], MONDAY_NOON_N],
  ['time.parse_rfc3339_ns', ['2018-02-05T13:30:00.5+01:30'], 1517832000500000000n],
  ['time.parse_rfc3339_ns', ['1970-01-01T00:00:00Z'], 0],
  ['time.parse_rfc3339_ns', ['2262-04-11T23:47:16.854775807Z'], 9223372036854775807n],
  ['time.parse_ns', ['2006-01-02', '2018-02-05'], 1517788800000000000n],
  ['time.parse_ns', ['Jan 2 2006 3:04PM', 'Feb 5 2018 12:00PM'], MONDAY_NOON_N],
  ['time.parse_ns', ['RFC1123Z', 'Mon, 05 Feb 2018 13:00:00 +0100'], MONDAY_NOON_N],
  ['time.parse_ns', ['02/01/06 15:04:05.000', '05/02/18 12:00:00.250'], 1517832000250000000n],
  ['time.parse_duration_ns', ['1h30m'], 5400000000000],
  ['time.parse_duration_ns', ['1.5s'], 1500000000],
  ['time.parse_duration_ns', ['-100ms'], -100000000],
  ['time.parse_duration_ns', ['1µs2ns'], 1002],
  ['time.format', [MONDAY_NOON], '2018-02-05T12:00:00Z'],
  ['time.format', [[MONDAY_NOON, 'Asia/Kolkata']], '2018-02-05T17:30:00+05:30'],
  [
    'time.format',
    [[MONDAY_NOON, 'America/New_York', 'Mon Jan _2 15:04:05 MST 2006']],
    'Mon Feb  5 07:00:00 EST 2018',
  ],
  ['time.format', [[MONDAY_NOON + 120000000, 'UTC', '15:04:05.000 Z07:00 002']], '12:00:00.120 Z 036'],
  ['time.format', [[MONDAY_NOON, 'Europe/Berlin', 'RFC1123Z']], 'Mon, 05 Feb 2018 13:00:00 +0100'],
  ['time.date', [MONDAY_NOON], [2018, 2, 5]],
  ['time.date', [[MONDAY_NOON, 'Pacific/Kiritimati']], [2018, 2, 6]],
  ['time.clock', [[MONDAY_NOON, 'America/Los_Angeles']], [4, 0, 0]],
  ['time.weekday', [MONDAY_NOON], 'Monday'],
  ['time.weekday', [-1], 'Wednesday'],
  ['time.date', [-9223372036854775808n], [1677, 9, 21]],
  // Go's AddDate normalises: January 31st plus one month is March 3rd (2018 is not a leap year).
  ['time.add_date', [1517400000000000000, 0, 1, 0], 1520078400000000000n],
  ['time.add_date', [MONDAY_NOON, -1, -1, -1], 1483531200000000000n],
  ['time.diff', [MONDAY_NOON, 1520078400000000000], [0, 0, 26, 0, 0, 0]],
  ['time.diff', [1583020800000000000, 1580601600000000000], [0, 0, 28, 0, 0, 0]],
];

const errors: ErrorRow[] = [
  [
    'time.parse_rfc3339_ns',
    ['2018-02-05'],
    'eval_builtin_error',
    'time.parse_rfc3339_ns: parsing time "2018-02-05" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"',
  ],
  [
    'time.parse_ns',
    ['2006-01-02', '2018-02-30'],
    'eval_builtin_error',
    'time.parse_ns: parsing time "2018-02-30": day out of range',
  ],
  [
    'time.parse_ns',
    ['2006', '2018x'],
    'eval_builtin_error',
    'time.parse_ns: parsing time "2018x": extra text: "x"',
  ],
  [
    'time.parse_duration_ns',
    ['1x'],
    'eval_builtin_error',
    'time.parse_duration_ns: time: invalid duration "1x"',
  ],
  [
    'time.parse_duration_ns',
    ['10'],
    'eval_builtin_error',
    'time.parse_duration_ns: time: missing unit in duration "10"',
  ],
  ['time.format', [1.5e22], 'eval_builtin_error', 'time.format: timestamp too big'],
  [
    'time.parse_rfc3339_ns',
    ['2262-04-11T23:47:16.854775808Z'],
    'eval_builtin_error',
    'time.parse_rfc3339_ns: time outside of valid range',
  ],
  ['time.date', ['x'], 'eval_type_error', 'time.date: operand 1 must be number but got string'],
];

describe('time builtins', () => {
  it.each(valueRows(values))('%s', (_label, name, args, want) => {
    expect(outcome(name, args)).toEqual({ value: want });
  });

  it.each(errorRows(errors))('%s fails', (_label, name, args, code, message) => {
    expect(outcome(name, args)).toEqual({ error: message, code });
  });

  it('reads the clock for time.now_ns', () => {
    const before = BigInt(Date.now()) * 1_000_000n;
    const now = outcome('time.now_ns', []);
    expect('value' in now && BigInt(now.value as number) >= before).toBe(true);
  });
});

describe('time.diff across zones', () => {
  it('reads the second time in the first one zone, as OPA does', () => {
    expect(
      outcome('time.diff', [
        [MONDAY_NOON + 60e9, 'UTC'],
        [MONDAY_NOON, 'Asia/Shanghai'],
      ]),
    ).toEqual({
      value: [0, 0, 0, 0, 1, 0],
    });
  });
});
