/**
 * The exact host-call convention: value text both ways, so host builtins see
 * sets as sets and big numbers exactly. Unit tests of the text codec and the
 * choice of builtins, then compiled policies through the real opa-wasm SDK.
 */
import {
  NumberText,
  SetValue,
  exactHostName,
  hostBuiltins,
  isSet,
  parseValueText,
  toValueText,
  usesExactConvention,
} from '../../../services/compiler/builtins/index.js';
import { loadQuery } from './support/policy.js';

describe('Rego value text codec', () => {
  it('reads sets as SetValues, sorted and without duplicates', () => {
    const v = parseValueText('{"b","a","b"}');
    expect(isSet(v)).toBe(true);
    expect([...(v as SetValue)]).toEqual(['a', 'b']);
    expect(isSet(parseValueText('set()'))).toBe(true);
    expect(isSet(parseValueText('[1]'))).toBe(false);
  });

  it('tells objects from sets by the first separator', () => {
    expect(parseValueText('{"a":{1,2}}')).toEqual({ a: SetValue.fromValues([1, 2]) });
    expect(isSet(parseValueText('{{"a":1}}'))).toBe(true);
    expect(parseValueText('{}')).toEqual({});
  });

  it('keeps integers past 2^53 as bigints and unrepresentable numbers as text', () => {
    expect(parseValueText('123456789123456789123')).toBe(123456789123456789123n);
    expect(parseValueText('9007199254740991')).toBe(9007199254740991);
    expect(parseValueText('1.5')).toBe(1.5);
    const huge = parseValueText('2e308');
    expect(huge).toBeInstanceOf(NumberText);
    expect((huge as NumberText).text).toBe('2e308');
  });

  it('turns a non-string object key into its JSON text, as the JSON convention does', () => {
    expect(parseValueText('{1:"a",[2]:"b"}')).toEqual({ '1': 'a', '[2]': 'b' });
  });

  it('rejects malformed text with its offset', () => {
    expect(() => parseValueText('[1,')).toThrow(/value text: .* at offset 3/);
    expect(() => parseValueText('1 2')).toThrow(/trailing characters/);
  });

  it('writes sets, big integers and number text back exactly', () => {
    expect(toValueText(SetValue.fromValues(['b', 'a']))).toBe('{"a","b"}');
    expect(toValueText([], true)).toBe('set()');
    expect(toValueText(['x'], true)).toBe('{"x"}');
    expect(toValueText({ n: 123456789123456789123n, t: new NumberText('2e308') })).toBe(
      '{"n":123456789123456789123,"t":2e308}',
    );
    const text = '{"a":[1,{"b":{2,3}}],"c":set()}';
    expect(toValueText(parseValueText(text))).toBe(text);
  });
});

describe('which builtins use the exact convention', () => {
  it.each([
    'sprintf',
    'json.patch',
    'net.cidr_contains_matches',
    'time.format',
    'time.add_date',
    'json.marshal',
  ])('%s does (its arguments can hold sets or numbers)', (name) => {
    expect(usesExactConvention(name)).toBe(true);
    expect(typeof hostBuiltins()[exactHostName(name)]).toBe('function');
  });

  it.each(['upper', 'regex.match', 'base64.decode', 'json.unmarshal'])(
    '%s keeps the JSON convention',
    (name) => {
      expect(usesExactConvention(name)).toBe(false);
      expect(hostBuiltins()[exactHostName(name)]).toBeUndefined();
    },
  );
});

describe('exact host calls through the opa-wasm SDK', () => {
  const evalOne = async (source: string, options = {}) =>
    (await loadQuery(`package test\n\n${source}\n`, 'x := data.test.p', options)).evaluate();

  it('a number answer keeps every digit (time.parse_rfc3339_ns)', async () => {
    expect(usesExactConvention('time.parse_rfc3339_ns')).toBe(true);
    expect(
      await evalOne('p := time.parse_rfc3339_ns("2022-12-02T18:40:53.141828752Z") == 1670006453141828752'),
    ).toEqual([{ x: true }]);
  });

  it('a "__proto__" key is a key like any other', async () => {
    const doc = 'o := {"__proto__": {"a": 1}, "b": 2}\n';
    expect(await evalOne(`${doc}p := json.patch(o, []) == o`)).toEqual([{ x: true }]);
    expect(await evalOne(`${doc}p := json.filter(o, ["__proto__"]) == {"__proto__": {"a": 1}}`)).toEqual([
      { x: true },
    ]);
    expect(await evalOne(`${doc}p := json.remove(o, ["__proto__"]) == {"b": 2}`)).toEqual([{ x: true }]);
    expect(await evalOne('p := json.filter({"a": 1}, ["__proto__"]) == {}')).toEqual([{ x: true }]);
  });

  it('json.patch edits a set by its members', async () => {
    const doc = 'doc := {"foo": {"a", "b", "c"}, "bar": {"x"}}\n';
    expect(
      await evalOne(`${doc}p := json.patch(doc, [{"op": "remove", "path": "foo/b"}]).foo == {"a", "c"}`),
    ).toEqual([{ x: true }]);
    expect(
      await evalOne(`${doc}p := json.patch(doc, [{"op": "move", "from": "foo/a", "path": "bar/a"}])`),
    ).toEqual([{ x: { foo: ['b', 'c'], bar: ['a', 'x'] } }]);
    expect(
      await evalOne(`${doc}p := is_set(json.patch(doc, [{"op": "add", "path": "foo/d", "value": "d"}]).foo)`),
    ).toEqual([{ x: true }]);
    expect(
      await evalOne(`${doc}p := json.patch(doc, [{"op": "add", "path": "foo/d", "value": "e"}])`),
    ).toEqual([]);
  });

  // The SDK's own sprintf would see doubles here: these pass only through portcullis.exact.sprintf.
  it('sprintf formats big integers, big floats and sets as OPA does', async () => {
    expect(await evalOne('p := sprintf("%s", [123456789123456789123])')).toEqual([
      { x: '123456789123456789123' },
    ]);
    expect(await evalOne('p := sprintf("%d", [1208925819614629174706175])')).toEqual([
      { x: '1208925819614629174706175' },
    ]);
    expect(await evalOne('p := sprintf("hi %v", [2e308])')).toEqual([{ x: 'hi 2e308' }]);
    expect(await evalOne('p := sprintf("%v", [{"b", "a"}])')).toEqual([{ x: '{"a", "b"}' }]);
  });

  it('time.format reads nanoseconds past 2^53 exactly', async () => {
    expect(await evalOne('p := time.format(1670006453141828752)')).toEqual([
      { x: '2022-12-02T18:40:53.141828752Z' },
    ]);
  });

  it('keeps set keys of net.cidr_contains_matches', async () => {
    expect(
      await evalOne('p := net.cidr_contains_matches({"1.1.1.0/24", "1.1.2.0/24"}, {"1.1.2.1"})'),
    ).toEqual([{ x: [['1.1.2.0/24', '1.1.2.1']] }]);
  });

  it('surfaces builtin errors under strict mode and makes them undefined otherwise', async () => {
    const source = 'p := time.format([input.ns, "No/Such_Zone"])';
    expect(await evalOne(source)).toEqual([]);
    const strict = await loadQuery(`package test\n\n${source}\n`, 'x := data.test.p', { strict: true });
    expect(() => strict.evaluate({ ns: 1 })).toThrow(expect.objectContaining({ code: 'eval_builtin_error' }));
  });
});

describe('hostBuiltins({ names })', () => {
  it('accepts the names a module lists, exact and prefixed ones included', () => {
    const table = hostBuiltins({ names: ['portcullis.exact.sprintf', 'portcullis.json.is_valid', 'upper'] });
    expect(table['portcullis.exact.sprintf']('"%d"', '[123456789123456789123]')).toBe(
      '"123456789123456789123"',
    );
    expect(table['portcullis.json.is_valid']('{}')).toBe(true);
    expect(table.upper('a')).toBe('A');
  });
});
