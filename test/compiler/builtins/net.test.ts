import { outcome, valueRows, errorRows } from './support/table.js';
import type { ErrorRow, ValueRow } from './support/table.js';

const values: ValueRow[] = [
  ['net.cidr_contains', ['10.0.0.0/8', '10.1.2.3'], true],
  ['net.cidr_contains', ['10.0.0.0/8', '11.0.0.1'], false],
  ['net.cidr_contains', ['10.0.0.0/8', '10.1.0.0/16'], true],
  ['net.cidr_contains', ['10.1.0.0/16', '10.0.0.0/8'], false],
  ['net.cidr_contains', ['2001:db8::/32', '2001:db8:1::1'], true],
  ['net.cidr_contains', ['10.0.0.0/8', '::ffff:10.0.0.1'], true],
  ['net.cidr_intersects', ['192.168.1.0/25', '192.168.1.64/26'], true],
  ['net.cidr_intersects', ['192.168.1.0/25', '192.168.1.128/25'], false],
  ['net.cidr_is_valid', ['192.168.1.0/24'], true],
  ['net.cidr_is_valid', ['192.168.1.0'], false],
  ['net.cidr_is_valid', ['300.1.1.1/8'], false],
  // Go's grammar, narrower than ipaddr.js's own: no short, hex or zero-padded IPv4, no 5-digit
  // IPv6 groups, no zones, Go's IPv4 inside IPv6.
  ['net.cidr_is_valid', ['127.1/8'], false],
  ['net.cidr_is_valid', ['0x7f.0.0.1/8'], false],
  ['net.cidr_is_valid', ['010.0.0.1/8'], false],
  ['net.cidr_is_valid', ['::00001/64'], false],
  ['net.cidr_is_valid', ['fe80::1%eth0/64'], false],
  ['net.cidr_is_valid', ['::ffff:1.2.3/120'], false],
  ['net.cidr_is_valid', ['::ffff:01.2.3.4/120'], false],
  ['net.cidr_is_valid', ['::ffff:1.2.3.4/120'], true],
  ['net.cidr_is_valid', ['2001:DB8::0001/64'], true],
  ['net.cidr_is_valid', ['1:2:3:4:5:6:7:8/128'], true],
  ['net.cidr_is_valid', ['1:2:3:4:5:6:7:8:9/128'], false],
  ['net.cidr_is_valid', ['1::2::3/64'], false],
  ['net.cidr_expand', ['2001:db8:0:0:1:0:0:0/127'], ['2001:db8:0:0:1::', '2001:db8::1:0:0:1']],
  ['net.cidr_expand', ['2001:0:0:1::/127'], ['2001:0:0:1::', '2001:0:0:1::1']],
  ['net.cidr_expand', ['192.168.1.254/31'], ['192.168.1.254', '192.168.1.255']],
  ['net.cidr_expand', ['2001:db8::/127'], ['2001:db8::', '2001:db8::1']],
  ['net.cidr_merge', [['192.0.128.0/24', '192.0.129.0/24']], ['192.0.128.0/23']],
  // A bare IPv4 address takes Go's classful default mask, as in OPA (10.x is /8, 172.16.x /16, 192.x /24).
  ['net.cidr_merge', [['10.0.0.1', '10.0.0.0', '10.0.0.2/31']], ['10.0.0.0/8']],
  ['net.cidr_merge', [['192.0.2.112', '192.0.2.116/31', '192.0.2.118/31']], ['192.0.2.0/24']],
  ['net.cidr_merge', [['192.0.128.0', '192.0.129.0']], ['192.0.128.0/23']],
  // Untouched by any other, an input prints as given: the address keeps its own bits.
  [
    'net.cidr_merge',
    [['192.0.2.112', '172.16.5.4', '224.0.0.1']],
    ['172.16.5.4/16', '192.0.2.112/24', '224.0.0.1/32'],
  ],
  ['net.cidr_merge', [['192.0.2.0/25', '192.0.2.128/25', '192.0.2.64/26']], ['192.0.2.0/24']],
  [
    'net.cidr_merge',
    [['10.0.0.0/8', '10.1.0.0/16', '2001:db8::/33', '2001:db8:8000::/33']],
    ['10.0.0.0/8', '2001:db8::/32'],
  ],
  ['net.cidr_contains_matches', ['10.0.0.0/8', '10.0.0.1'], [['10.0.0.0/8', '10.0.0.1']]],
  [
    'net.cidr_contains_matches',
    [{ a: '10.0.0.0/8', b: ['11.0.0.0/8', 'x'] }, ['11.1.1.1', '10.1.1.1']],
    [
      ['a', 1],
      ['b', 0],
    ],
  ],
];

const errors: ErrorRow[] = [
  [
    'net.cidr_contains',
    ['bad', '10.0.0.1'],
    'eval_builtin_error',
    'net.cidr_contains: invalid CIDR address: bad',
  ],
  [
    'net.cidr_expand',
    ['10.0.0.0/33'],
    'eval_builtin_error',
    'net.cidr_expand: invalid CIDR address: 10.0.0.0/33',
  ],
  [
    'net.cidr_expand',
    ['10.0.0.0/8'],
    'eval_builtin_error',
    'net.cidr_expand: CIDR 10.0.0.0/8 is too large to expand',
  ],
  [
    'net.cidr_merge',
    [['2001:db8::1']],
    'eval_builtin_error',
    'net.cidr_merge: IPv6 invalid: needs prefix length',
  ],
];

describe('network builtins', () => {
  it.each(valueRows(values))('%s', (_label, name, args, want) => {
    expect(outcome(name, args)).toEqual({ value: want });
  });

  it.each(errorRows(errors))('%s fails', (_label, name, args, code, message) => {
    expect(outcome(name, args)).toEqual({ error: message, code });
  });
});
