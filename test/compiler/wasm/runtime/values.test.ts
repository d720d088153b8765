import { loadRuntime, RuntimeAbort, type Runtime } from './harness.js';

let rt: Runtime;

beforeEach(async () => {
  rt = await loadRuntime();
});

const compare = (a: string, b: string): number => rt.x.opa_value_compare(rt.value(a), rt.value(b)) as number;
const hash = (a: string): number => rt.x.opa_value_hash(rt.value(a)) as number;

describe('opa_value_compare', () => {
  // Each entry is strictly less than the next: OPA's total order across and within types.
  const ascending = [
    'null',
    'false',
    'true',
    '-1e400',
    '-9223372036854775809',
    '-2.5',
    '-1',
    '0',
    '1e-300',
    '0.5',
    '1',
    '1.5',
    '2',
    '9007199254740993',
    '9223372036854775807',
    '9223372036854775808',
    '1e400',
    '""',
    '"A"',
    '"a"',
    '"ab"',
    '"b"',
    '"é"',
    '[]',
    '[1]',
    '[1, 2]',
    '[2]',
    '[{}]',
    '{}',
    '{"a": 1}',
    '{"a": 2}',
    '{"a": 2, "b": 0}',
    '{"b": 0}',
    'set()',
    '{1}',
    '{1, 2}',
    '{2}',
  ];

  it('orders values across and within types', () => {
    for (let i = 0; i < ascending.length; i++) {
      for (let j = 0; j < ascending.length; j++) {
        const want = Math.sign(i - j);
        expect([ascending[i], ascending[j], compare(ascending[i], ascending[j])]).toEqual([
          ascending[i],
          ascending[j],
          want,
        ]);
      }
    }
  });

  it.each([
    ['1', '1.0'],
    ['1', '1e0'],
    ['100', '1e2'],
    ['0.1', '1e-1'],
    ['-0', '0'],
    ['0.0', '0'],
    ['12345678901234567890', '1.234567890123456789e19'],
    ['{"a": [1, {2}]}', '{"a": [1.0, {2.0}]}'],
    ['{2, 1}', '{1, 2}'],
  ])('treats %s and %s as equal with equal hashes', (a, b) => {
    expect(compare(a, b)).toBe(0);
    expect(hash(a)).toBe(hash(b));
  });

  it('compares numbers from every representation by value', () => {
    const int = rt.x.opa_number_int(3n) as number;
    const float = rt.x.opa_number_float(3.5) as number;
    const ref = rt.parse('3.25');
    expect(rt.x.opa_value_compare(int, float)).toBe(-1);
    expect(rt.x.opa_value_compare(ref, float)).toBe(-1);
    expect(rt.x.opa_value_compare(ref, int)).toBe(1);
    expect(rt.x.opa_value_compare(rt.x.opa_number_float(0.5) as number, rt.parse('0.5'))).toBe(0);
    expect(rt.x.opa_value_hash(rt.x.opa_number_float(0.5) as number)).toBe(
      rt.x.opa_value_hash(rt.parse('5e-1')),
    );
  });

  it('spreads hashes of distinct values', () => {
    const hashes = new Set(['1', '2', '"1"', '[1]', '{1}', '{"1": 1}', 'null', 'true', 'false'].map(hash));
    expect(hashes.size).toBe(9);
  });
});

describe('objects and sets', () => {
  it('inserts, replaces, looks up and removes object keys', () => {
    const obj = rt.x.opa_object() as number;
    const key = (k: string): number => rt.value(k);
    for (let i = 199; i >= 0; i--)
      rt.x.opa_object_insert(obj, key(`"k${i}"`), rt.x.opa_number_int(BigInt(i)) as number);
    rt.x.opa_object_insert(obj, key('1'), key('"one"'));
    rt.x.opa_object_insert(obj, key('1.0'), key('"uno"'));
    expect(rt.x.opa_value_length(obj)).toBe(201);
    expect(rt.json(rt.x.opa_value_get(obj, key('"k150"')) as number)).toBe('150');
    expect(rt.json(rt.x.opa_value_get(obj, key('1e0')) as number)).toBe('"uno"');
    expect(rt.x.opa_value_get(obj, key('"missing"'))).toBe(0);
    rt.x.opa_object_remove(obj, key('"k7"'));
    expect(rt.x.opa_value_get(obj, key('"k7"'))).toBe(0);
    expect(rt.x.opa_value_length(obj)).toBe(200);
  });

  it('iterates sets and parsed objects in sorted order whatever the insertion order', () => {
    const set = rt.x.opa_set() as number;
    for (const e of ['"b"', '3', '[1]', '1', '"a"', '2.5', '1.0']) rt.x.opa_set_add(set, rt.value(e));
    const seen: string[] = [];
    for (let k = rt.x.opa_value_iter(set, 0) as number; k !== 0; k = rt.x.opa_value_iter(set, k) as number) {
      seen.push(rt.json(k));
    }
    expect(seen).toEqual(['1', '2.5', '3', '"a"', '"b"', '[1]']);

    const obj = rt.value('{"z": 1, "m": 2, "a": 3}');
    const keys: string[] = [];
    for (let k = rt.x.opa_value_iter(obj, 0) as number; k !== 0; k = rt.x.opa_value_iter(obj, k) as number) {
      keys.push(`${rt.json(k)}=${rt.json(rt.x.opa_value_get(obj, k) as number)}`);
    }
    expect(keys).toEqual(['"a"=3', '"m"=2', '"z"=1']);
  });

  it("iterates objects built by the policy's code in insertion order, and compares and dumps them by key", () => {
    const obj = rt.x.opa_object() as number;
    for (const [k, v] of [
      ['"foo"', '1'],
      ['"bar"', '2'],
      ['"baz"', '3'],
    ])
      rt.x.opa_object_insert(obj, rt.value(k), rt.value(v));
    const order = (): string[] => {
      const keys: string[] = [];
      for (let k = rt.x.opa_value_iter(obj, 0) as number; k !== 0; k = rt.x.opa_value_iter(obj, k) as number)
        keys.push(rt.json(k));
      return keys;
    };
    expect(order()).toEqual(['"foo"', '"bar"', '"baz"']);
    expect(rt.json(obj)).toBe('{"bar":2,"baz":3,"foo":1}');
    expect(rt.x.opa_value_compare(obj, rt.value('{"baz": 3, "foo": 1, "bar": 2}'))).toBe(0);
    expect(rt.x.opa_value_compare(obj, rt.value('{"bar": 2, "baz": 3, "foo": 0}'))).toBe(1);
    expect(rt.json(rt.x.opa_object_keys(obj) as number)).toBe('["bar","baz","foo"]');
    // comparing and dumping leave the insertion order alone
    expect(order()).toEqual(['"foo"', '"bar"', '"baz"']);
    // continuing from an equal key at another address, and from a missing one
    expect(rt.json(rt.x.opa_value_iter(obj, rt.value('"bar"')) as number)).toBe('"baz"');
    expect(rt.x.opa_value_iter(obj, rt.value('"qux"'))).toBe(0);
    expect(rt.json(rt.x.opa_value_shallow_copy(obj) as number)).toBe('{"bar":2,"baz":3,"foo":1}');
  });

  it('keeps a result set in insertion order, each entry once', () => {
    const rs = rt.x.opa_set_insertion_ordered() as number;
    for (const e of ['{"x": 2}', '{"x": 1}', '{"x": 2}', '{"x": 3}']) rt.x.opa_set_add(rs, rt.value(e));
    expect(rt.json(rs)).toBe('[{"x":2},{"x":1},{"x":3}]');
    expect(rt.x.opa_value_compare(rs, rt.value('{{"x": 1}, {"x": 2}, {"x": 3}}'))).toBe(0);
    expect(rt.json(rs)).toBe('[{"x":2},{"x":1},{"x":3}]');
  });

  it('iterates arrays by number index', () => {
    const arr = rt.value('["x", "y"]');
    const k0 = rt.x.opa_value_iter(arr, 0) as number;
    expect(rt.json(k0)).toBe('0');
    const k1 = rt.x.opa_value_iter(arr, k0) as number;
    expect(rt.json(k1)).toBe('1');
    expect(rt.x.opa_value_iter(arr, k1)).toBe(0);
    expect(rt.json(rt.x.opa_value_get(arr, k1) as number)).toBe('"y"');
    expect(rt.json(rt.x.opa_value_get(arr, rt.value('1.0')) as number)).toBe('"y"');
    expect(rt.x.opa_value_get(arr, rt.value('1.5'))).toBe(0);
    expect(rt.x.opa_value_get(arr, rt.value('-1'))).toBe(0);
    expect(rt.x.opa_value_iter(rt.value('[]'), 0)).toBe(0);
  });

  it('looks up set elements and reports lengths', () => {
    const set = rt.value('{1, "a"}');
    expect(rt.json(rt.x.opa_value_get(set, rt.value('1.0')) as number)).toBe('1');
    expect(rt.x.opa_value_get(set, rt.value('2'))).toBe(0);
    expect(rt.x.opa_value_length(set)).toBe(2);
    expect(rt.x.opa_value_length(rt.value('"héllo"'))).toBe(6);
    expect(rt.x.opa_value_length(rt.value('7'))).toBe(0);
    expect(rt.x.opa_value_type(set)).toBe(7);
  });
});

describe('merge, copies and paths', () => {
  it('merges objects recursively with the first value winning on conflicts', () => {
    const merged = rt.x.opa_value_merge(
      rt.value('{"a": {"x": 1}, "b": 1}'),
      rt.value('{"a": {"y": 2}, "b": 2, "c": 3}'),
    );
    expect(rt.json(merged as number)).toBe('{"a":{"x":1,"y":2},"b":1,"c":3}');
    expect(rt.json(rt.x.opa_value_merge(0, rt.value('[1]')) as number)).toBe('[1]');
  });

  it('adds and removes paths in place', () => {
    const data = rt.value('{"a": {"b": 1}}');
    expect(rt.x.opa_value_add_path(data, rt.value('["a", "c", "d"]'), rt.value('true'))).toBe(0);
    expect(rt.json(data)).toBe('{"a":{"b":1,"c":{"d":true}}}');
    expect(rt.x.opa_value_add_path(data, rt.value('["a", "b", "x"]'), rt.value('1'))).not.toBe(0);
    expect(rt.x.opa_value_remove_path(data, rt.value('["a", "b"]'))).toBe(0);
    expect(rt.x.opa_value_remove_path(data, rt.value('["nope", "b"]'))).toBe(0);
    expect(rt.json(data)).toBe('{"a":{"c":{"d":true}}}');
  });

  it('upserts persistently, leaving the original untouched', () => {
    const input = rt.value('{"user": {"name": "x", "roles": ["a"]}, "n": 1}');
    const updated = rt.x.opa_value_upsert_path(
      input,
      rt.value('["user", "name"]'),
      rt.value('"y"'),
    ) as number;
    expect(rt.json(updated)).toBe('{"n":1,"user":{"name":"y","roles":["a"]}}');
    expect(rt.json(input)).toBe('{"n":1,"user":{"name":"x","roles":["a"]}}');
    const fromNothing = rt.x.opa_value_upsert_path(0, rt.value('["a", "b"]'), rt.value('1')) as number;
    expect(rt.json(fromNothing)).toBe('{"a":{"b":1}}');
    expect(rt.x.opa_value_upsert_path(input, rt.value('[]'), rt.value('5'))).not.toBe(0);
  });

  it('turns host arrays into sets', () => {
    expect(rt.rego(rt.x.opa_value_as_set(rt.value('[3, 1, 3, "a"]')) as number)).toBe('{1,3,"a"}');
    const set = rt.value('{1}');
    expect(rt.x.opa_value_as_set(set)).toBe(set);
    expect(rt.rego(rt.x.opa_value_as_set(rt.value('"x"')) as number)).toBe('"x"');
  });

  it('copies containers shallowly', () => {
    const obj = rt.value('{"a": [1]}');
    const copy = rt.x.opa_value_shallow_copy(obj) as number;
    rt.x.opa_object_insert(copy, rt.value('"b"'), rt.value('2'));
    expect(rt.json(obj)).toBe('{"a":[1]}');
    expect(rt.json(copy)).toBe('{"a":[1],"b":2}');
  });
});

describe('errors', () => {
  it('formats runtime errors as file:row:col: message through opa_abort', () => {
    const file = rt.write('policy.rego\0')[0];
    const msg = rt.write('object insert conflict\0')[0];
    expect(() => rt.x.opa_runtime_error(file, 6, 1, msg)).toThrow(
      new RuntimeAbort('policy.rego:6:1: object insert conflict'),
    );
  });
});
