/** Patterns and texts for the regex differential tests. */
import fc from 'fast-check';

/** The patterns of policies/gateway/gateway.rego. */
export const GATEWAY_PATTERNS = [
  `\\b(drop\\s+(table|database|schema|index)\\s+(if\\s+exists\\s+)?[\\w."]+|truncate\\s+(table\\s+)?[\\w."]+|delete\\s+from\\s+[\\w."]+\\s*(;|$)|alter\\s+table\\s+[\\w."]+\\s+drop\\s)`,
  `\\b(AKIA|ASIA)[A-Z0-9]{16}\\b`,
  `-----BEGIN [A-Z ]*PRIVATE KEY-----`,
  `\\bgh[pousr]_[A-Za-z0-9]{36,}\\b`,
  `\\bxox[abposr]-[A-Za-z0-9-]{10,}`,
];

/**
 * Characters texts are made of: ASCII letters and digits around the
 * patterns' letters, word and non-word punctuation, white space and
 * newlines, and non-ASCII (2-, 3- and 4-byte UTF-8, the Kelvin sign and the
 * long s that fold with k and s, a dotted capital I).
 */
const TEXT_CHARS = [
  'a',
  'b',
  'k',
  's',
  'x',
  'A',
  'K',
  'S',
  'Z',
  '0',
  '9',
  '_',
  '-',
  '.',
  ' ',
  '\t',
  '\n',
  ';',
  '"',
  'é',
  'ß',
  '\u212a',
  '\u017f',
  '\u0130',
  '€',
  '中',
  '😀',
  '\u00a0',
];

export const textArb: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.constantFrom(...TEXT_CHARS), { maxLength: 24 }).map((cs) => cs.join('')),
  fc.string({ unit: 'grapheme', maxLength: 16 }),
  fc.constant(''),
);

const atomArb: fc.Arbitrary<string> = fc.constantFrom(
  'a',
  'b',
  'k',
  'S',
  'x',
  '0',
  '_',
  '-',
  ' ',
  'é',
  '中',
  '😀',
  '\u212a',
  '.',
  '\\d',
  '\\D',
  '\\s',
  '\\S',
  '\\w',
  '\\W',
  '\\.',
  '\\-',
  '\\n',
  '\\x41',
  '\\x{e9}',
  '[a-c]',
  '[^a]',
  '[^\\n]',
  '[\\w.]',
  '[é-ü]',
  '[^中]',
  '[-a]',
  '[a-]',
  '[]a]',
  '[^\\d\\s]',
  '[k]',
  '^',
  '$',
  '\\b',
  '\\B',
  '\\A',
  '\\z',
);

const quantifierArb = fc.constantFrom(
  '',
  '',
  '',
  '*',
  '+',
  '?',
  '{2}',
  '{1,}',
  '{0,2}',
  '*?',
  '+?',
  '{1,3}?',
);

const flagArb = fc.constantFrom('', '', '', '(?i)', '(?m)', '(?s)', '(?U)', '(?ms)', '(?i-s)');

/** Generated patterns in the supported syntax, with a few outside it mixed in. */
export const patternArb: fc.Arbitrary<string> = fc
  .tuple(
    flagArb,
    fc.array(
      fc.tuple(
        fc.oneof(
          { weight: 4, arbitrary: atomArb },
          {
            weight: 1,
            arbitrary: fc
              .tuple(fc.array(atomArb, { minLength: 1, maxLength: 3 }), fc.array(atomArb, { maxLength: 3 }))
              .map(([a, b]) => `(${a.join('')}|${b.join('')})`),
          },
          {
            weight: 1,
            arbitrary: fc.array(atomArb, { minLength: 1, maxLength: 3 }).map((a) => `(?:${a.join('')})`),
          },
          {
            weight: 1,
            arbitrary: fc.array(atomArb, { minLength: 1, maxLength: 3 }).map((a) => `(?i:${a.join('')})`),
          },
        ),
        quantifierArb,
      ),
      { maxLength: 6 },
    ),
  )
  .map(([flags, parts]) => flags + parts.map(([atom, q]) => atom + q).join(''));
