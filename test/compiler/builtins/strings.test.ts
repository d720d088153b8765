import { outcome, valueRows, errorRows } from './support/table.js';
import type { ErrorRow, ValueRow } from './support/table.js';

const values: ValueRow[] = [
  ['sprintf', ['%d', [1]], '1'],
  ['sprintf', ['%5.2f|', [3.14159]], ' 3.14|'],
  ['sprintf', ['%v', [1.5]], '1.5'],
  ['sprintf', ['%v', [1000000]], '1000000'],
  ['sprintf', ['%v', [0.000001]], '1e-06'],
  ['sprintf', ['%v', [1234567.5]], '1.2345675e+06'],
  ['sprintf', ['%e', [1234.5678]], '1.234568e+03'],
  ['sprintf', ['%g', [0.00001234]], '1.234e-05'],
  ['sprintf', ['%.3g', [1234.5678]], '1.23e+03'],
  ['sprintf', ['%x %X %o %b', [255, 255, 8, 5]], 'ff FF 10 101'],
  ['sprintf', ['%#x', [255]], '0xff'],
  ['sprintf', ['%x', ['hi']], '6869'],
  ['sprintf', ['%q', ['a"b']], '"a\\"b"'],
  ['sprintf', ['%s', [[1, 'a']]], '[1, "a"]'],
  ['sprintf', ['%v', [{ b: 1, a: true }]], '{"a": true, "b": 1}'],
  ['sprintf', ['%v', [null]], 'null'],
  ['sprintf', ['%t', [true]], '%!t(string=true)'],
  ['sprintf', ['%d', ['x']], '%!d(string=x)'],
  ['sprintf', ['%d %d', [1]], '1 %!d(MISSING)'],
  ['sprintf', ['%d', [1, 'two']], '1%!(EXTRA string=two)'],
  ['sprintf', ['%05d|%-5s|%+d', [-42, 'ab', 5]], '-0042|ab   |+5'],
  ['sprintf', ['%.3s|%%', ['abcdef']], 'abc|%'],
  ['sprintf', ['%d', [123456789123456789123n]], '123456789123456789123'],
  ['format_int', [-255.9, 16], '-ff'],
  ['format_int', [10, 2], '1010'],
  ['trim', ['  xx  ', ' '], 'xx'],
  ['trim_left', ['aabba', 'a'], 'bba'],
  ['trim_right', ['aabba', 'a'], 'aabb'],
  ['trim_prefix', ['foobar', 'foo'], 'bar'],
  ['trim_suffix', ['foobar', 'bar'], 'foo'],
  ['trim_space', ['\t\u00a0 x \n'], 'x'],
  ['split', ['a,b,,c', ','], ['a', 'b', '', 'c']],
  ['split', ['héllo', ''], ['h', 'é', 'l', 'l', 'o']],
  ['replace', ['abc', '', '-'], '-a-b-c-'],
  ['strings.replace_n', [{ a: '1', ab: '2' }, 'abab'], '1b1b'],
  ['strings.replace_n', [{ ab: '2', b: '3' }, 'abb'], '23'],
  ['strings.count', ['cheese', 'e'], 3],
  ['strings.count', ['five', ''], 5],
  ['strings.reverse', ['a😀b'], 'b😀a'],
  ['substring', ['abcdef', 2, -1], 'cdef'],
  ['substring', ['abc', 5, 1], ''],
  ['indexof', ['aéb', 'b'], 2],
  ['indexof_n', ['aaa', 'aa'], [0, 1]],
  ['concat', ['/', ['a', 'b']], 'a/b'],
  ['upper', ['abc'], 'ABC'],
  ['lower', ['ABC'], 'abc'],
  ['strings.any_prefix_match', ['abc', ['x', 'ab']], true],
  ['strings.any_suffix_match', [['abc', 'xyz'], 'yz'], true],
];

const errors: ErrorRow[] = [
  [
    'strings.replace_n',
    [[], 'x'],
    'eval_type_error',
    'strings.replace_n: operand 1 must be object but got array',
  ],
  [
    'strings.replace_n',
    [{ a: 1 }, 'x'],
    'eval_type_error',
    'strings.replace_n: operand 1 non-string value found in pattern object',
  ],
  ['concat', ['/', 'ab'], 'eval_type_error', 'concat: operand 2 must be one of {set, array} but got string'],
  [
    'concat',
    ['/', ['a', 1]],
    'eval_type_error',
    'concat: operand 2 must be array of strings but got array containing number',
  ],
  ['format_int', [1, 3], 'eval_type_error', 'format_int: operand 2 must be one of {2, 8, 10, 16}'],
  [
    'substring',
    ['abc', 1.5, 1],
    'eval_type_error',
    'substring: operand 2 must be integer number but got floating-point number',
  ],
  ['substring', ['abc', -1, 1], 'eval_builtin_error', 'substring: negative offset'],
  ['indexof', ['abc', ''], 'eval_builtin_error', 'indexof: empty search character'],
  ['upper', [1], 'eval_type_error', 'upper: operand 1 must be string but got number'],
];

describe('string builtins', () => {
  it.each(valueRows(values))('%s', (_label, name, args, want) => {
    expect(outcome(name, args)).toEqual({ value: want });
  });

  it.each(errorRows(errors))('%s fails', (_label, name, args, code, message) => {
    expect(outcome(name, args)).toEqual({ error: message, code });
  });
});

describe('strings.render_template', () => {
  it.each([
    ['{{.a.b}} and {{.n}}', { a: { b: 'x' }, n: 2.5 }, 'x and 2.5'],
    ['{{- if .on }} yes {{- else }} no {{- end -}}', { on: false }, ' no'],
    ['{{if eq .n 2}}two{{else if gt .n 2}}many{{end}}', { n: 3 }, 'many'],
    ['{{if and .a (not .b)}}x{{end}}', { a: 1, b: 0 }, undefined],
    ['{{if eq}}', {}, undefined],
    ['{{range $k, $v := .m}}{{$k}}={{$v}};{{end}}', { m: { b: 1, a: [1, 'x'] } }, 'a=[1 x];b=1;'],
    ['{{with .a}}{{.}}{{else}}none{{end}}', { a: '' }, 'none'],
    ['{{len .l}}/{{index .l 1}}', { l: ['p', 'q'] }, '2/q'],
  ])('renders %s', (template, vars, want) => {
    const got = outcome('strings.render_template', [template, vars]);
    if (want === undefined) expect(got).toHaveProperty('code', 'eval_builtin_error');
    else expect(got).toEqual({ value: want });
  });

  it('fails on a missing key, as OPA does with missingkey=error', () => {
    expect(outcome('strings.render_template', ['{{.nope}}', {}])).toEqual({
      code: 'eval_builtin_error',
      error: 'strings.render_template: template: map has no entry for key "nope"',
    });
  });
});

describe('rego.parse_module', () => {
  it('returns the module in OPA AST JSON shape', () => {
    const got = outcome('rego.parse_module', [
      'x.rego',
      'package foo.bar\n\nimport data.a\n\np if { a = true }\n',
    ]);
    expect(got).toHaveProperty('value.package.path', [
      { type: 'var', value: 'data' },
      { type: 'string', value: 'foo' },
      { type: 'string', value: 'bar' },
    ]);
    expect(got).toHaveProperty('value.rules.0.head.ref', [{ type: 'var', value: 'p' }]);
  });

  it('reports parse errors with their location', () => {
    const got = outcome('rego.parse_module', ['x.rego', 'package foo.']);
    expect(got).toHaveProperty('code', 'eval_builtin_error');
    expect('error' in got && got.error).toMatch(
      /^rego\.parse_module: 1 error occurred: x\.rego:1:\d+: rego_parse_error: /,
    );
  });
});
