import { outcome, valueRows, errorRows } from './support/table.js';
import type { ErrorRow, ValueRow } from './support/table.js';

const values: ValueRow[] = [
  ['regex.match', ['^[a-z]+\\[[0-9]+\\]$', 'foo[1]'], true],
  ['regex.match', ['(?i)^ABC$', 'abc'], true],
  ['regex.match', ['^\\pL+$', 'héllo'], true],
  ['regex.match', ['[[:digit:]]{3}', 'a123'], true],
  ['regex.match', ['a\\z', 'a\n'], false],
  ['re_match', ['^b', 'abc'], false],
  ['regex.is_valid', ['[a-'], false],
  ['regex.is_valid', ['(?P<name>x)'], true],
  ['regex.find_n', ['a.', 'a1a2a3', 2], ['a1', 'a2']],
  ['regex.find_n', ['a*', 'baaab', -1], ['', 'aaa', '']],
  [
    'regex.find_all_string_submatch_n',
    ['(a)(x)?', 'aa', -1],
    [
      ['a', 'a', ''],
      ['a', 'a', ''],
    ],
  ],
  ['regex.replace', ['a1b22', '[0-9]+', '<$0>'], 'a<1>b<22>'],
  ['regex.replace', ['john smith', '(?P<first>\\w+) (?P<last>\\w+)', '${last} $first'], 'smith john'],
  ['regex.replace', ['abc', 'x*', '-'], '-a-b-c-'],
  ['regex.split', ['a+', 'baaac'], ['b', 'c']],
  ['regex.split', ['', 'abc'], ['a', 'b', 'c']],
  ['regex.split', [',', ''], ['']],
  ['regex.template_match', ['urn:foo:{.*}', 'urn:foo:bar:baz', '{', '}'], true],
  ['regex.template_match', ['urn:foo.bar.com:{.*}', 'urn:foo.com:bar:baz', '{', '}'], false],
  ['glob.match', ['*.github.com', ['.'], 'api.github.com'], true],
  ['glob.match', ['*.github.com', ['.'], 'api.cdn.github.com'], false],
  ['glob.match', ['api.**.com', ['.'], 'api.cdn.github.com'], true],
  ['glob.match', ['*', null, 'foo.bar'], true],
  ['glob.match', ['*', [], 'foo.bar'], false],
  ['glob.match', ['?at', ['f'], 'fat'], false],
  ['glob.match', ['[!a-c]at', [], 'fat'], true],
  ['glob.match', ['{cat,bat,[fr]at}', [], 'rat'], true],
  ['glob.match', ['a\\*b', [], 'a*b'], true],
  ['glob.quote_meta', ['*.github.com'], '\\*.github.com'],
  ['regex.globs_match', ['a.a.[0-9]+z', '.b.b2359825792*594823z'], true],
  ['regex.globs_match', ['[a-z]+', '[0-9]*'], false],
  ['regex.globs_match', ['[a-z]+', '[0-9]+'], false],
  ['regex.globs_match', ['ab?c', 'ac'], true],
  ['regex.globs_match', ['a[^b]c', 'abc'], false],
  ['regex.globs_match', ['a\\.b', 'a.b'], true],
  ['glob.quote_meta', ['[a]{b}?'], '\\[a\\]\\{b\\}\\?'],
  // Go's syntax, which JavaScript's engine lacks or reads differently.
  ['regex.find_n', ['(?U)a+', 'aaa', -1], ['a', 'a', 'a']],
  ['regex.match', ['^[[:^digit:]]+$', 'abc'], true],
  ['regex.match', ['^\\p{Greek}+$', 'αβγ'], true],
  ['regex.match', ['^(?<name>x)$', 'x'], true],
  ['regex.match', ['\\Qa.b\\E', 'axb'], false],
  ['regex.match', ['(?s)^a.b$', 'a\nb'], true],
  ['regex.match', ['^a.b$', 'a\nb'], false],
  ['regex.is_valid', ['(?=a)'], false],
  ['regex.is_valid', ['x{1001}'], false],
  ['regex.is_valid', [1], false],
  ['regex.find_n', ['.', 'é😀x', -1], ['é', '😀', 'x']],
  ['regex.find_n', ['a', 'aaa', 0], []],
  [
    'regex.find_all_string_submatch_n',
    ['(?P<k>\\w+)=(\\d+)?', 'a=1 b= c=3', 2],
    [
      ['a=1', 'a', '1'],
      ['b=', 'b', ''],
    ],
  ],
  // Go's Regexp.Expand: longest name, braces, $$, malformed references keep their $.
  ['regex.replace', ['ab', '(a)(b)', '$1x|${1}x|$2'], '|ax|b'],
  ['regex.replace', ['ab', '(a)(b)', '$$1 $01 ${1'], '$1  ${1'],
  ['regex.replace', ['ab', '(?P<n>a)b', '[$né][${n}é]'], '[][aé]'],
  ['regex.replace', ['ab', '(a)b', '[$constructor][$__proto__][$9]'], '[][][]'],
  ['regex.replace', ['baaab', 'a*', '-'], '-b-b-'],
  ['regex.split', ['', ''], []],
  ['regex.split', ['x*', 'axb'], ['a', 'b']],
  ['regex.template_match', ['urn:{[a-z]+}:{\\d+}', 'urn:foo:12', '{', '}'], true],
  ['regex.template_match', ['a.b{.*}', 'axb1', '{', '}'], false],
];

const errors: ErrorRow[] = [
  [
    'regex.match',
    ['[', 'x'],
    'eval_builtin_error',
    'regex.match: error parsing regexp: missing closing ]: `[`',
  ],
  [
    'regex.match',
    ['(?=a)', 'a'],
    'eval_builtin_error',
    'regex.match: error parsing regexp: invalid or unsupported Perl syntax: `(?=`',
  ],
  [
    'regex.find_n',
    ['a**', 'a', -1],
    'eval_builtin_error',
    'regex.find_n: error parsing regexp: invalid nested repetition operator: `**`',
  ],
  [
    'regex.split',
    ['\\C', 'a'],
    'eval_builtin_error',
    'regex.split: error parsing regexp: invalid escape sequence: `\\C`',
  ],
  [
    'regex.template_match',
    ['{(}', 'a', '{', '}'],
    'eval_builtin_error',
    'regex.template_match: error parsing regexp: missing closing ): `^($`',
  ],
  [
    'regex.template_match',
    ['{a', 'a', '{', '}'],
    'eval_builtin_error',
    'regex.template_match: unbalanced braces in "{a"',
  ],
  [
    'regex.template_match',
    ['a', 'a', '<<', '>'],
    'eval_builtin_error',
    'regex.template_match: start delimiter has to be exactly one character long but is 2 long',
  ],
  [
    'regex.template_match',
    ['a', 'a', '<', 'é'],
    'eval_builtin_error',
    'regex.template_match: end delimiter has to be exactly one character long but is 1 long',
  ],
  ['glob.match', ['[a', [], 'a'], 'eval_builtin_error', 'glob.match: unexpected end of input'],
  [
    'regex.globs_match',
    ['pqrs]', '[a-b]+'],
    'eval_builtin_error',
    "regex.globs_match: input:pqrs], pos:5, set-close ']' with no preceding '[': the input provided is invalid",
  ],
  [
    'glob.match',
    ['a', 'x', 'a'],
    'eval_type_error',
    'glob.match: operand 2 must be one of {array, null} but got string',
  ],
];

describe('regex and glob builtins', () => {
  it.each(valueRows(values))('%s', (_label, name, args, want) => {
    expect(outcome(name, args)).toEqual({ value: want });
  });

  it.each(errorRows(errors))('%s fails', (_label, name, args, code, message) => {
    expect(outcome(name, args)).toEqual({ error: message, code });
  });
});
