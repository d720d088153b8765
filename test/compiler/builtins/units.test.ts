import { outcome, valueRows, errorRows } from './support/table.js';
import type { ErrorRow, ValueRow } from './support/table.js';
import { NumberText } from '../../../services/compiler/builtins/index.js';
import { loadQuery } from './support/policy.js';

const values: ValueRow[] = [
  ['units.parse', ['10K'], 10000],
  ['units.parse', ['10Ki'], 10240],
  ['units.parse', ['1.1Ki'], 1126.4],
  ['units.parse', ['100m'], 0.1],
  ['units.parse', ['-3.5E2m'], -0.35],
  ['units.parse', ['"100TI"'], 109951162777600],
  ['units.parse', ['10Ei'], 11529215046068469760n],
  ['units.parse', ['2.5e3K'], 2500000],
  ['units.parse', ['5E'], 5000000000000000000n],
  ['units.parse', ['1MI'], 1048576],
  ['units.parse', ['1M'], 1000000],
  ['units.parse', ['0.00000000004m'], 0],
  ['units.parse', ['2m'], 0.002],
  ['units.parse_bytes', ['-1kb'], -1000],
  ['units.parse_bytes', ['1.9'], 1],
  ['units.parse_bytes', ['1.1KiB'], 1126],
  ['units.parse_bytes', ['200mb'], 200000000],
  ['units.parse_bytes', ['1e-2KB'], 10],
  ['units.parse_bytes', ['10eib'], 11529215046068469760n],
  ['units.parse_bytes', ['.0'], 0],
  // OPA reads byte amounts into a 64-bit-precision big.Float and truncates.
  ['units.parse_bytes', ['18446744073709551617'], 18446744073709551616n],
  ['units.parse_bytes', ['123456789012345678901234567890'], 123456789012345678899921813504n],
  ['units.parse_bytes', ['9.999999999999999999999eb'], 10000000000000000000n],
  ['units.parse_bytes', ['0.3kb'], 300],
  ['units.parse_bytes', ['-2.5pb'], -2500000000000000],
  // 'e' with nothing after it is the unit exa; a lone unit letter after the amount is fine.
  ['units.parse', ['1e'], 1000000000000000000n],
  // Milli is the float64 0.001, a little over 1/1000, as in OPA; past 2^53 the fraction shows.
  ['units.parse', ['1e20m'], new NumberText('100000000000000002.0816681712')],
  ['semver.compare', ['1.0.0', '2.0.0'], -1],
  ['semver.compare', ['1.0.0-alpha', '1.0.0'], -1],
  ['semver.compare', ['1.0.0-alpha.1', '1.0.0-alpha.beta'], -1],
  ['semver.compare', ['1.0.0-rc.11', '1.0.0-rc.2'], 1],
  ['semver.compare', ['1.0.0+build.1', '1.0.0+build.2'], 0],
  ['semver.is_valid', ['1.0.0-rc.1+build'], true],
  ['semver.is_valid', ['v1.0.0'], false],
  ['semver.is_valid', ['01.0.0'], false],
  ['semver.is_valid', [1], false],
  ['uuid.parse', ['00000000-0000-4000-8000-000000000000'], { variant: 'RFC4122', version: 4 }],
  ['uuid.parse', ['6bea8ef2d3d33cd184e09bab06a52ece'], { variant: 'RFC4122', version: 3 }],
  [
    'uuid.parse',
    ['urn:uuid:000003e8-48b9-21ee-b200-325096b39f47'],
    {
      clocksequence: 12800,
      domain: 'Person',
      id: 1000,
      macvariables: 'local:unicast',
      nodeid: '32-50-96-b3-9f-47',
      time: 1693566990121469600n,
      variant: 'RFC4122',
      version: 2,
    },
  ],
];

const errors: ErrorRow[] = [
  ['units.parse', ['10Q'], 'eval_builtin_error', 'units.parse: unit Q not recognized'],
  ['units.parse', ['100 k'], 'eval_builtin_error', 'units.parse: spaces not allowed in resource strings'],
  ['units.parse', [' 327Mi '], 'eval_builtin_error', 'units.parse: spaces not allowed in resource strings'],
  ['units.parse', ['G'], 'eval_builtin_error', 'units.parse: no amount provided'],
  ['units.parse', ['0.0.0'], 'eval_builtin_error', 'units.parse: could not parse amount to a number'],
  ['units.parse', ['1e1234567K'], 'eval_builtin_error', 'units.parse: exponent too large'],
  ['units.parse_bytes', ['kb'], 'eval_builtin_error', 'units.parse_bytes: no byte amount provided'],
  [
    'units.parse_bytes',
    ['1 kb'],
    'eval_builtin_error',
    'units.parse_bytes: spaces not allowed in resource strings',
  ],
  ['units.parse_bytes', ['5xb'], 'eval_builtin_error', 'units.parse_bytes: byte unit xb not recognized'],
  [
    'units.parse_bytes',
    ['1..2kb'],
    'eval_builtin_error',
    'units.parse_bytes: could not parse byte amount to a number',
  ],
  // OPA walks the string byte by byte: only ASCII digits make the amount.
  ['units.parse', ['١٠K'], 'eval_builtin_error', 'units.parse: no amount provided'],
  ['units.parse', ['1e١'], 'eval_builtin_error', 'units.parse: unit e١ not recognized'],
  ['units.parse_bytes', ['１kb'], 'eval_builtin_error', 'units.parse_bytes: no byte amount provided'],
  ['units.parse_bytes', ['1e١kb'], 'eval_builtin_error', 'units.parse_bytes: byte unit e١kb not recognized'],
  ['units.parse', ['+K'], 'eval_builtin_error', 'units.parse: could not parse amount to a number'],
  ['units.parse', ['1-2K'], 'eval_builtin_error', 'units.parse: could not parse amount to a number'],
  ['units.parse', ['.m'], 'eval_builtin_error', 'units.parse: could not parse amount to a number'],
  ['units.parse', ['1e5e5'], 'eval_builtin_error', 'units.parse: could not parse amount to a number'],
  ['units.parse', ['--1'], 'eval_builtin_error', 'units.parse: could not parse amount to a number'],
  ['units.parse', ['10\tK'], 'eval_builtin_error', 'units.parse: unit \tk not recognized'],
  ['units.parse', ['1_000'], 'eval_builtin_error', 'units.parse: unit _000 not recognized'],
  ['units.parse', ['0x10'], 'eval_builtin_error', 'units.parse: unit x10 not recognized'],
  ['units.parse', ['10Mb'], 'eval_builtin_error', 'units.parse: unit Mb not recognized'],
  ['units.parse', ['1e1234567'], 'eval_builtin_error', 'units.parse: exponent too large'],
  [
    'units.parse_bytes',
    ['+'],
    'eval_builtin_error',
    'units.parse_bytes: could not parse byte amount to a number',
  ],
  [
    'units.parse_bytes',
    ['1e+'],
    'eval_builtin_error',
    'units.parse_bytes: could not parse byte amount to a number',
  ],
  [
    'units.parse_bytes',
    ['1.2.3mb'],
    'eval_builtin_error',
    'units.parse_bytes: could not parse byte amount to a number',
  ],
  [
    'semver.compare',
    ['1', '1.0.0'],
    'eval_builtin_error',
    'semver.compare: operand 1: string "1" is not a valid SemVer',
  ],
];

describe('units, semver and uuid builtins', () => {
  it.each(valueRows(values))('%s', (_label, name, args, want) => {
    expect(outcome(name, args)).toEqual({ value: want });
  });

  it.each(errorRows(errors))('%s fails', (_label, name, args, code, message) => {
    expect(outcome(name, args)).toEqual({ error: message, code });
  });

  it('returns undefined for strings that are not UUIDs', () => {
    expect(outcome('uuid.parse', ['not-a-uuid'])).toEqual({ undefined: true });
  });

  it('generates RFC 4122 version 4 UUIDs', () => {
    const o = outcome('uuid.rfc4122', ['seed']);
    expect(
      'value' in o &&
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(o.value as string),
    ).toBe(true);
  });
});

describe('units through the SDK', () => {
  it('keeps the exact amounts OPA computes (compared in Rego, not through JSON doubles)', async () => {
    const q = await loadQuery(
      [
        'package test',
        '',
        'p := [',
        '  units.parse("1e20m") == 100000000000000002.0816681712,',
        '  units.parse("1e20m") == 1e17,',
        '  units.parse_bytes("18446744073709551617") == 18446744073709551616,',
        '  units.parse("100m") == 0.1,',
        ']',
      ].join('\n'),
      'x := data.test.p',
      { strict: true },
    );
    expect(q.evaluate()).toEqual([{ x: [true, false, true, true] }]);
  });
});
