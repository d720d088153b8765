import { NATIVE_BUILTINS } from '../../../../services/compiler/wasm/runtime/natives.js';
import { loadRuntime, runtimeModule, wasmApi, type Runtime } from './harness.js';

let rt: Runtime;

beforeAll(async () => {
  rt = await loadRuntime();
});

/** Calls the native for a Rego builtin with arguments written as Rego terms; the result in Rego syntax. */
function call(name: string, ...args: string[]): string | undefined {
  const native = NATIVE_BUILTINS[name];
  if (!native) throw new Error(`no native builtin ${name}`);
  expect(args).toHaveLength(native.arity);
  // Tables the code generator would pass ahead of the arguments: none (0).
  const tables = new Array<number>(native.tables ?? 0).fill(0);
  return rt.call(native.fn, ...tables, ...args.map((a) => rt.value(a)));
}

type Case = [name: string, args: string[], want: string | undefined];

const U = undefined;

const cases: Case[] = [
  // Comparison.
  ['equal', ['1', '1.0'], 'true'],
  ['equal', ['{1, 2}', '{2, 1}'], 'true'],
  ['equal', ['"a"', '1'], 'false'],
  ['neq', ['"a"', '1'], 'true'],
  ['lt', ['1', '"a"'], 'true'],
  ['lt', ['[1]', '[1]'], 'false'],
  ['lte', ['[1]', '[1]'], 'true'],
  ['gt', ['set()', '{}'], 'true'],
  ['gte', ['2', '2.5'], 'false'],
  // Arithmetic.
  ['plus', ['1', '2'], '3'],
  ['plus', ['0.1', '0.2'], '0.30000000000000004'],
  ['plus', ['1.5', '1.5'], '3'],
  ['plus', ['9223372036854775807', '1'], '9223372036854775808'],
  ['plus', ['28857836529306024611913', '-28857836529306024611912'], '1'],
  ['plus', ['-9223372036854775808', '-9223372036854775808'], '-18446744073709551616'],
  ['plus', ['1e400', '1'], '1' + '0'.repeat(399) + '1'],
  ['minus', ['-9223372036854775808', '1'], '-9223372036854775809'],
  ['minus', ['100000000000000000000', '100000000000000000000'], '0'],
  ['minus', ['1.5', '0.25'], '1.25'],
  ['plus', ['"a"', '1'], U],
  ['minus', ['5', '7'], '-2'],
  ['minus', ['{1, 2, 3}', '{2, 4}'], '{1,3}'],
  ['minus', ['{1}', '1'], U],
  ['mul', ['6', '7'], '42'],
  ['mul', ['2.5', '4'], '10'],
  ['mul', ['3000000000', '3000000000'], '9000000000000000000'],
  ['mul', ['-9223372036854775808', '9223372036854775807'], '-85070591730234615856620279821087277056'],
  ['mul', ['0', '-123456789012345678901234'], '0'],
  ['div', ['6', '3'], '2'],
  ['div', ['1', '3'], '0.3333333333333333'],
  ['div', ['7', '2'], '3.5'],
  ['div', ['1', '0'], U],
  ['div', ['1', '0.0'], U],
  ['rem', ['7', '3'], '1'],
  ['rem', ['-7', '3'], '-1'],
  ['rem', ['7', '0'], U],
  ['rem', ['7.5', '2'], U],
  ['abs', ['-3'], '3'],
  ['abs', ['-3.5'], '3.5'],
  ['round', ['2.5'], '3'],
  ['round', ['-2.5'], '-3'],
  ['round', ['2.4'], '2'],
  ['ceil', ['1.2'], '2'],
  ['ceil', ['-1.2'], '-1'],
  ['floor', ['-1.2'], '-2'],
  ['floor', ['"x"'], U],
  ['numbers.range', ['1', '4'], '[1,2,3,4]'],
  ['numbers.range', ['2', '-1'], '[2,1,0,-1]'],
  ['numbers.range', ['3', '3'], '[3]'],
  ['numbers.range', ['1', '2.5'], U],
  // Aggregates.
  ['count', ['"héllo"'], '5'],
  ['count', ['[1, 2, 3]'], '3'],
  ['count', ['{"a": 1}'], '1'],
  ['count', ['{1, 2}'], '2'],
  ['count', ['1'], U],
  ['sum', ['[1, 2, 3.5]'], '6.5'],
  ['sum', ['{1, 2}'], '3'],
  ['sum', ['[]'], '0'],
  ['sum', ['[1, "a"]'], U],
  ['product', ['[2, 3, 4]'], '24'],
  ['product', ['set()'], '1'],
  ['max', ['[1, 3, 2]'], '3'],
  ['max', ['{"a", 1, [0]}'], '[0]'],
  ['max', ['[]'], U],
  ['min', ['[3, 1.5, 2]'], '1.5'],
  ['min', ['{3, 1}'], '1'],
  ['sort', ['[3, "a", 1, null, [1]]'], '[null,1,3,"a",[1]]'],
  ['sort', ['{3, 1, 2}'], '[1,2,3]'],
  ['sort', ['"abc"'], U],
  // Sets.
  ['and', ['{1, 2, 3}', '{2, 3, 4}'], '{2,3}'],
  ['or', ['{1, 2}', '{2, 3}'], '{1,2,3}'],
  ['and', ['[1]', '{1}'], U],
  ['union', ['{{1, 2}, {2, 3}, set()}'], '{1,2,3}'],
  ['union', ['set()'], 'set()'],
  ['intersection', ['{{1, 2}, {2, 3}}'], '{2}'],
  ['intersection', ['{{1, 2}}'], '{1,2}'],
  ['intersection', ['set()'], 'set()'],
  ['intersection', ['{[1]}'], U],
  // Types.
  ['is_number', ['1.5'], 'true'],
  ['is_number', ['"1"'], 'false'],
  ['is_string', ['"1"'], 'true'],
  ['is_boolean', ['false'], 'true'],
  ['is_array', ['[]'], 'true'],
  ['is_set', ['set()'], 'true'],
  ['is_set', ['{}'], 'false'],
  ['is_object', ['{}'], 'true'],
  ['is_null', ['null'], 'true'],
  ['type_name', ['null'], '"null"'],
  ['type_name', ['true'], '"boolean"'],
  ['type_name', ['1'], '"number"'],
  ['type_name', ['"s"'], '"string"'],
  ['type_name', ['[]'], '"array"'],
  ['type_name', ['{}'], '"object"'],
  ['type_name', ['set()'], '"set"'],
  // Membership.
  ['internal.member_2', ['2', '[1, 2]'], 'true'],
  ['internal.member_2', ['2.0', '{1, 2}'], 'true'],
  ['internal.member_2', ['"v"', '{"k": "v"}'], 'true'],
  ['internal.member_2', ['"k"', '{"k": "v"}'], 'false'],
  ['internal.member_2', ['"a"', '"abc"'], 'false'],
  ['internal.member_3', ['1', '"b"', '["a", "b"]'], 'true'],
  ['internal.member_3', ['0', '"b"', '["a", "b"]'], 'false'],
  ['internal.member_3', ['"k"', '"v"', '{"k": "v"}'], 'true'],
  ['internal.member_3', ['"k"', '"w"', '{"k": "v"}'], 'false'],
  ['internal.member_3', ['1', '1', '{1}'], 'true'],
  ['internal.member_3', ['1', '1', '1'], 'false'],
  // Strings.
  ['concat', ['", "', '["a", "b", "c"]'], '"a, b, c"'],
  ['concat', ['"-"', '{"b", "a"}'], '"a-b"'],
  ['concat', ['""', '[]'], '""'],
  ['concat', ['","', '["a", 1]'], U],
  ['contains', ['"hello"', '"ell"'], 'true'],
  ['contains', ['"hello"', '""'], 'true'],
  ['contains', ['"hello"', '"xyz"'], 'false'],
  ['startswith', ['"hello"', '"he"'], 'true'],
  ['startswith', ['"hello"', '"lo"'], 'false'],
  ['endswith', ['"hello"', '"lo"'], 'true'],
  ['endswith', ['"lo"', '"hello"'], 'false'],
  ['lower', ['"HeLLo ÀÉ ΣΑ Ж"'], '"hello àé σα ж"'],
  ['upper', ['"hello àé ÿ жя"'], '"HELLO ÀÉ Ÿ ЖЯ"'],
  ['lower', ['1'], U],
  ['lower', ['"ĀĂĹŁŽ ǄǅǱ ΆΈΏ ЀЯ Ա Ⴀ Ａ 𐐀 İ"'], '"āăĺłž ǆǆǳ άέώ ѐя ա ⴀ ａ 𐐨 i"'],
  ['upper', ['"āăĺłž ǆǅǳ άέώ ѐя ա ａ 𐐨 ı ß"'], '"ĀĂĹŁŽ ǄǄǱ ΆΈΏ ЀЯ Ա Ａ 𐐀 I ß"'],
  ['trim', ['"xxhixx"', '"x"'], '"hi"'],
  ['trim', ['"  hi  "', '" "'], '"hi"'],
  ['trim', ['"äbcä"', '"ä"'], '"bc"'],
  ['trim_left', ['"xxhixx"', '"x"'], '"hixx"'],
  ['trim_right', ['"xxhixx"', '"x"'], '"xxhi"'],
  ['trim_prefix', ['"prefix-rest"', '"prefix-"'], '"rest"'],
  ['trim_prefix', ['"rest"', '"prefix-"'], '"rest"'],
  ['trim_suffix', ['"file.rego"', '".rego"'], '"file"'],
  ['trim_space', ['" \\t\\n hi there \\r\\n"'], '"hi there"'],
  ['split', ['"a,b,,c"', '","'], '["a","b","","c"]'],
  ['split', ['"abc"', '""'], '["a","b","c"]'],
  ['split', ['"héj"', '""'], '["h","é","j"]'],
  ['split', ['""', '","'], '[""]'],
  ['split', ['"a::b"', '"::"'], '["a","b"]'],
  ['replace', ['"foo bar foo"', '"foo"', '"baz"'], '"baz bar baz"'],
  ['replace', ['"aaa"', '"a"', '""'], '""'],
  ['replace', ['"ab"', '""', '"-"'], '"-a-b-"'],
  ['replace', ['"abc"', '"x"', '"y"'], '"abc"'],
  ['indexof', ['"hello"', '"l"'], '2'],
  ['indexof', ['"héllo"', '"l"'], '2'],
  ['indexof', ['"hello"', '"z"'], '-1'],
  ['indexof', ['"hello"', '""'], U],
  ['substring', ['"hello"', '1', '3'], '"ell"'],
  ['substring', ['"héllo"', '1', '-1'], '"éllo"'],
  ['substring', ['"hello"', '3', '100'], '"lo"'],
  ['substring', ['"hello"', '10', '1'], '""'],
  ['substring', ['"hello"', '-1', '1'], U],
  ['substring', ['"hello"', '1.5', '1'], U],
  ['format_int', ['255', '16'], '"ff"'],
  ['format_int', ['255', '2'], '"11111111"'],
  ['format_int', ['-8', '8'], '"-10"'],
  ['format_int', ['12.9', '10'], '"12"'],
  ['format_int', ['-12.9', '10'], '"-12"'],
  ['format_int', ['1', '3'], U],
  ['strings.reverse', ['"héllo"'], '"olléh"'],
  ['strings.reverse', ['""'], '""'],
  // Objects and arrays.
  ['object.get', ['{"a": 1}', '"a"', '0'], '1'],
  ['object.get', ['{"a": 1}', '"b"', '0'], '0'],
  ['object.get', ['{"a": {"b": [10, 20]}}', '["a", "b", 1]', '0'], '20'],
  ['object.get', ['{"a": {"b": 1}}', '["a", "x"]', '"d"'], '"d"'],
  ['object.get', ['{"a": 1}', '[]', '0'], '{"a":1}'],
  ['object.get', ['[1]', '0', '0'], U],
  ['object.keys', ['{"b": 1, "a": 2}'], '{"a","b"}'],
  ['object.keys', ['{}'], 'set()'],
  ['object.remove', ['{"a": 1, "b": 2, "c": 3}', '["a"]'], '{"b":2,"c":3}'],
  ['object.remove', ['{"a": 1, "b": 2, "c": 3}', '{"b", "c"}'], '{"a":1}'],
  ['object.remove', ['{"a": 1, "b": 2}', '{"b": 0}'], '{"a":1}'],
  ['object.remove', ['{"a": 1}', '"a"'], U],
  ['object.filter', ['{"a": 1, "b": 2, "c": 3}', '["a", "z"]'], '{"a":1}'],
  ['object.filter', ['{"a": 1, [1]: 2, {"k": 1}: 3}', '{[1], {"k": 1}}'], '{[1]:2,{"k":1}:3}'],
  ['object.filter', ['{"a": 1, "b": 2}', '{"b": 0}'], '{"b":2}'],
  ['object.filter', ['{"a": 1}', '"a"'], U],
  ['object.filter', ['[1]', '["a"]'], U],
  [
    'object.union',
    ['{"a": {"x": 1, "y": 1}, "b": 1}', '{"a": {"y": 2}, "c": 3}'],
    '{"a":{"x":1,"y":2},"b":1,"c":3}',
  ],
  ['object.union', ['{"a": {"x": 1}}', '{"a": 5}'], '{"a":5}'],
  [
    'object.subset',
    ['{"a": 1, "b": {"c": {1, 2}, "d": [1, 2, 3]}}', '{"b": {"c": {2}, "d": [2, 3]}}'],
    'true',
  ],
  ['object.subset', ['{"a": 1}', '{"a": 2}'], 'false'],
  ['object.subset', ['{"a": [1, 2, 3]}', '{"a": [1, 3]}'], 'false'],
  ['object.subset', ['{1, 2, 3}', '{3, 1}'], 'true'],
  ['object.subset', ['[1, 2, 3]', '[2, 3]'], 'true'],
  ['object.subset', ['[1, 2, 3]', '[3, 2]'], 'false'],
  ['object.subset', ['[3, 1, 2]', '{1, 3}'], 'true'],
  ['object.subset', ['[1, 2]', '{1, 4}'], 'false'],
  ['object.subset', ['{1}', '[1]'], U],
  ['array.concat', ['[1, 2]', '[3]'], '[1,2,3]'],
  ['array.concat', ['[1]', '{2}'], U],
  ['array.slice', ['[1, 2, 3, 4]', '1', '3'], '[2,3]'],
  ['array.slice', ['[1, 2, 3]', '-5', '10'], '[1,2,3]'],
  ['array.slice', ['[1, 2, 3]', '2', '1'], '[]'],
  ['array.reverse', ['[1, 2, 3]'], '[3,2,1]'],
  ['array.reverse', ['[]'], '[]'],
  // Globs (more, and the host fallback, in glob.test.ts).
  ['glob.match', ['"/repos/*/x"', '["/"]', '"/repos/a/x"'], 'true'],
  ['glob.match', ['"/repos/*/x"', '["/"]', '"/repos/a/b/x"'], 'false'],
  // Regexes without a table: literal patterns only (more, and the host fallback, in ../regex/).
  ['regex.match', ['"b"', '"abc"'], 'true'],
  ['regex.match', ['""', '""'], 'true'],
  ['re_match', ['"é"', '"abc"'], 'false'],
  // walk: [path, value] pairs, pre-order; object keys and set elements in key order, a set element its own path step
  ['walk', ['1'], '[[[],1]]'],
  ['walk', ['{"b": [true], "a": 1}'], '[[[],{"a":1,"b":[true]}],[["a"],1],[["b"],[true]],[["b",0],true]]'],
  ['walk', ['{{2}, 1}'], '[[[],{1,{2}}],[[1],1],[[{2}],{2}],[[{2},2],2]]'],
];

describe('native builtins', () => {
  it.each(cases)('%s(%j) = %s', (name, args, want) => {
    expect(call(name, ...args)).toBe(want);
  });

  it('every table entry names an export with the declared arity', async () => {
    const exported = new Set(wasmApi.Module.exports(await runtimeModule()).map((e) => e.name));
    for (const [name, native] of Object.entries(NATIVE_BUILTINS)) {
      expect([name, exported.has(native.fn)]).toEqual([name, true]);
      const fn = (rt.x as Record<string, unknown>)[native.fn] as { length: number };
      expect([name, fn.length]).toEqual([name, (native.tables ?? 0) + native.arity]);
    }
  });

  it('has a test case for every native builtin', () => {
    const tested = new Set(cases.map(([name]) => name));
    expect(Object.keys(NATIVE_BUILTINS).filter((name) => !tested.has(name))).toEqual([]);
  });

  it('does not modify its arguments', () => {
    const obj = rt.value('{"a": 1, "b": 2}');
    rt.call(NATIVE_BUILTINS['object.remove'].fn, obj, rt.value('["a"]'));
    expect(rt.json(obj)).toBe('{"a":1,"b":2}');
    const arr = rt.value('[3, 1, 2]');
    rt.call(NATIVE_BUILTINS.sort.fn, arr);
    expect(rt.json(arr)).toBe('[3,1,2]');
  });
});
