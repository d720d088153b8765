import { textMasker, type DetectorName } from '../../../services/proxy/mask/detectors.js';

const cases: [DetectorName, string, string][] = [
  ['email', 'mail ann.lee+x@mail.example.co.uk now', 'mail # now'],
  ['phone', 'call +1 415-555-0132 or (020) 7946 0958', 'call # or #'],
  ['phone', 'order 2024-11-26 id 12345', 'order 2024-11-26 id 12345'],
  ['credit_card', 'card 4242-4242-4242-4242, ref 4242424242424241', 'card #, ref 4242424242424241'],
  [
    'iban',
    'pay DE89 3704 0044 0532 0130 00 or DE00 3704 0044 0532 0130 00',
    'pay # or DE00 3704 0044 0532 0130 00',
  ],
  [
    'aws_key',
    'AKIAIOSFODNN7EXAMPLE aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    '# aws_secret_access_key = #',
  ],
  ['jwt', 'x eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.sig-_part y', 'x # y'],
  [
    'private_key',
    'k -----BEGIN RSA PRIVATE KEY-----\nMIIE\nabc\n-----END RSA PRIVATE KEY----- end',
    'k # end',
  ],
  ['bearer_token', 'Authorization: Bearer abc.def-ghi_123=', 'Authorization: #'],
];

/** The shortest text each pattern can match: the length and substring filters must let them through. */
const shortest: [DetectorName, string][] = [
  ['private_key', '-----BEGIN PRIVATE KEY----------END PRIVATE KEY-----'],
  ['jwt', 'eyJabcde.eyJabcde.'],
  ['bearer_token', 'bearer abcdefgh'],
  ['aws_key', 'akiaabcdefghijklmnop'],
  ['email', 'a@b.cc'],
  ['credit_card', '4222222222222'],
  ['iban', 'NO9386011117947'],
  ['phone', '+12345678'],
  ['phone', '12 345 678'],
];

describe('detectors', () => {
  it.each(shortest)('%s masks its shortest match %j', (name, input) => {
    expect(textMasker([name], [], '#').mask(input)).toEqual({ text: '#', count: 1 });
    expect(textMasker([name], [], '#').mask(input.slice(1))).toEqual({ text: input.slice(1), count: 0 });
  });

  it('masks a literal as short as the shortest usable one', () => {
    expect(textMasker([], ['abcd', 'abcdefgh'], '#').mask('abcd')).toEqual({ text: '#', count: 1 });
  });

  it.each(cases)('%s: %s', (name, input, expected) => {
    expect(textMasker([name], [], '#').mask(input).text).toBe(expected);
  });

  it('counts replacements and only runs the detectors asked for', () => {
    const result = textMasker(['email'], [], '#').mask('a@b.io 4242424242424242');
    expect(result).toEqual({ text: '# 4242424242424242', count: 1 });
  });

  it('masks literal secrets first, longest first', () => {
    expect(textMasker([], ['abcd', 'abcdefgh'], '#').mask('x abcdefgh abcd').text).toBe('x # #');
  });

  it('ignores literals too short to be secrets', () => {
    expect(textMasker([], ['ab'], '#').mask('abab').text).toBe('abab');
  });
});
