import { outcome, valueRows, errorRows } from './support/table.js';
import type { ErrorRow, ValueRow } from './support/table.js';

const values: ValueRow[] = [
  ['base64.encode', ['héllo'], 'aMOpbGxv'],
  ['base64.decode', ['aMOpbGxv'], 'héllo'],
  ['base64.is_valid', ['aGVsbG8='], true],
  ['base64.is_valid', ['aGVsbG8'], false],
  ['base64url.encode', ['\u00fb\u00ff'], 'w7vDvw=='],
  ['base64url.encode_no_pad', ['\u00fb\u00ff'], 'w7vDvw'],
  ['base64url.decode', ['w7vDvw'], '\u00fb\u00ff'],
  ['hex.encode', ['hi!'], '686921'],
  ['hex.decode', ['686921'], 'hi!'],
  ['urlquery.encode', ['a b&c=d/é'], 'a+b%26c%3Dd%2F%C3%A9'],
  ['urlquery.decode', ['a+b%26c'], 'a b&c'],
  ['urlquery.encode_object', [{ b: ['2', '1'], a: 'x y' }], 'a=x+y&b=2&b=1'],
  ['urlquery.decode_object', ['a=1&b=2&a=3&c'], { a: ['1', '3'], b: ['2'], c: [''] }],
  ['json.marshal', [{ b: [1, 'x<y'], a: null }], '{"a":null,"b":[1,"x\\u003cy"]}'],
  ['json.marshal_with_options', [{ a: [1, {}] }, { indent: '  ' }], '{\n  "a": [\n    1,\n    {}\n  ]\n}'],
  ['json.marshal_with_options', [[1], { prefix: '> ' }], '> [\n> \t1\n> ]'],
  ['json.marshal_with_options', [[1], { pretty: false, indent: 'x' }], '[1]'],
  ['json.unmarshal', ['{"a":[1,true]}'], { a: [1, true] }],
  ['json.is_valid', ['{"a":'], false],
  ['json.patch', [{ a: { b: 1 } }, [{ op: 'add', path: '/a/c', value: 2 }]], { a: { b: 1, c: 2 } }],
  ['json.patch', [{ a: [1, 2] }, [{ op: 'add', path: '/a/-', value: 3 }]], { a: [1, 2, 3] }],
  ['json.patch', [{ a: [1, 2] }, [{ op: 'remove', path: ['a', 0] }]], { a: [2] }],
  ['json.patch', [{ a: 1 }, [{ op: 'move', from: '/a', path: '/b' }]], { b: 1 }],
  ['json.patch', [{ a: 1 }, [{ op: 'copy', from: '/a', path: '/b' }]], { a: 1, b: 1 }],
  ['json.patch', [{ a: 1 }, [{ op: 'replace', path: '/a', value: 5 }]], { a: 5 }],
  ['json.patch', [{ 'a/b': 1 }, [{ op: 'remove', path: '/a~1b' }]], {}],
  ['yaml.marshal', [{ b: [1, 'x'], a: true }], 'a: true\nb:\n  - 1\n  - x\n'],
  ['yaml.unmarshal', ['a: [1, two]\n'], { a: [1, 'two'] }],
  ['yaml.is_valid', ['a: [1'], false],
];

const errors: ErrorRow[] = [
  ['base64.decode', ['aGVsbG8'], 'eval_builtin_error', 'base64.decode: illegal base64 data at input byte 4'],
  ['base64url.decode', ['a'], 'eval_builtin_error', 'base64url.decode: illegal base64url string: a'],
  ['hex.decode', ['6g'], 'eval_builtin_error', "hex.decode: encoding/hex: invalid byte: U+0067 'g'"],
  ['hex.decode', ['abc'], 'eval_builtin_error', 'hex.decode: encoding/hex: odd length hex string'],
  ['urlquery.decode', ['%zz'], 'eval_builtin_error', 'urlquery.decode: invalid URL escape "%zz"'],
  [
    'json.marshal_with_options',
    [[], { bogus: true }],
    'eval_type_error',
    'json.marshal_with_options: operand 2 object contained unknown key "bogus"',
  ],
];

describe('encoding builtins', () => {
  it.each(valueRows(values))('%s', (_label, name, args, want) => {
    expect(outcome(name, args)).toEqual({ value: want });
  });

  it.each(errorRows(errors))('%s fails', (_label, name, args, code, message) => {
    expect(outcome(name, args)).toEqual({ error: message, code });
  });

  it.each([
    [{ a: 1 }, [{ op: 'remove', path: '/b' }]],
    [{ a: 1 }, [{ op: 'test', path: '/a', value: 2 }]],
    [{ a: [] }, [{ op: 'add', path: '/a/5', value: 1 }]],
    [{}, [{ op: 'frobnicate', path: '/a' }]],
  ])('json.patch of %j with %j is undefined', (doc, patch) => {
    expect(outcome('json.patch', [doc, patch])).toEqual({ undefined: true });
  });
});
