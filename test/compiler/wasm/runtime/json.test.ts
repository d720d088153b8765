import fc from 'fast-check';
import { loadRuntime, type Runtime } from './harness.js';

let rt: Runtime;

beforeEach(async () => {
  rt = await loadRuntime();
});

describe('opa_json_parse / opa_json_dump', () => {
  it.each([
    ['null', 'null'],
    ['true', 'true'],
    ['false', 'false'],
    ['0', '0'],
    ['-12', '-12'],
    ['9223372036854775807', '9223372036854775807'],
    ['-9223372036854775808', '-9223372036854775808'],
    ['123456789012345678901234567890', '123456789012345678901234567890'],
    ['1.0', '1.0'],
    ['-0.5e-300', '-0.5e-300'],
    ['1e400', '1e400'],
    ['3.14159265358979323846264338327950288', '3.14159265358979323846264338327950288'],
    ['""', '""'],
    ['"a\\"b\\\\c\\/d"', '"a\\"b\\\\c/d"'],
    ['"\\b\\f\\n\\r\\t\\u0001"', '"\\b\\f\\n\\r\\t\\u0001"'],
    ['"h\\u00e9llo \\u4e16\\u754c \\ud83d\\ude00"', '"héllo 世界 😀"'],
    ['"héllo 世界 😀"', '"héllo 世界 😀"'],
    ['"\\ud800x"', '"\uFFFDx"'],
    ['[]', '[]'],
    ['{}', '{}'],
    [' [ 1 , [2, [3]], {"a": null} ] ', '[1,[2,[3]],{"a":null}]'],
    ['{"b": 1, "a": 2, "c": {"z": 1, "y": [true]}}', '{"a":2,"b":1,"c":{"y":[true],"z":1}}'],
    ['{"a": 1, "a": 2}', '{"a":2}'],
  ])('round-trips %s', (input, output) => {
    const v = rt.parse(input);
    expect(v).not.toBe(0);
    expect(rt.json(v)).toBe(output);
    expect(JSON.parse(rt.json(v))).toEqual(JSON.parse(output));
  });

  it.each([
    '',
    ' ',
    '[1',
    '[1,]',
    '{"a" 1}',
    '{"a":1,}',
    '{1: 2}',
    '01',
    '1.',
    '.5',
    '-',
    '1e',
    '+1',
    'tru',
    'nul',
    '"abc',
    '"a\nb"',
    '"\\x"',
    '"\\u12g4"',
    '[1] x',
    '{1, 2}',
    'set()',
  ])('rejects %j with 0', (input) => {
    expect(rt.parse(input)).toBe(0);
  });

  it('keeps parsing after a failed parse', () => {
    expect(rt.parse('[1,')).toBe(0);
    expect(rt.json(rt.parse('[1]'))).toBe('[1]');
  });

  it('dumps sets as sorted JSON arrays and non-string keys as strings', () => {
    expect(rt.json(rt.value('{3, 1, "a", [2], 2}'))).toBe('[1,2,3,"a",[2]]');
    expect(rt.json(rt.value('{1: "x", "k": {true: 1}}'))).toBe('{"1":"x","k":{"true":1}}');
    expect(rt.json(rt.value('{[1, "a"]: 0}'))).toBe('{"[1,\\"a\\"]":0}');
  });

  it('dumps floats produced by arithmetic in the shortest round-trip form', () => {
    const dumpFloat = (f: number): string => rt.json(rt.x.opa_number_float(f) as number);
    expect(dumpFloat(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(dumpFloat(2.5)).toBe('2.5');
    expect(dumpFloat(3)).toBe('3');
    expect(dumpFloat(-0)).toBe('0');
    expect(dumpFloat(1e21)).toBe('1e+21');
    expect(dumpFloat(1e-7)).toBe('1e-7');
    expect(dumpFloat(123456789012345680000)).toBe('123456789012345680000');
    expect(JSON.parse(dumpFloat(Math.PI))).toBe(Math.PI);
  });

  it('dumps i64 extremes exactly', () => {
    expect(rt.json(rt.x.opa_number_int(-9223372036854775808n) as number)).toBe('-9223372036854775808');
    expect(rt.json(rt.x.opa_number_int(9223372036854775807n) as number)).toBe('9223372036854775807');
  });
});

describe('opa_value_parse / opa_value_dump', () => {
  it.each([
    ['set()', 'set()', '[]'],
    ['{1}', '{1}', '[1]'],
    ['{3, 2, 1, 2}', '{1,2,3}', '[1,2,3]'],
    ['{"b", {"x"}, set()}', '{"b",set(),{"x"}}', '["b",[],["x"]]'],
    ['{"a": {1, 2}}', '{"a":{1,2}}', '{"a":[1,2]}'],
    ['{}', '{}', '{}'],
    ['{1: 2, null: 3}', '{null:3,1:2}', '{"null":3,"1":2}'],
  ])('parses %s', (input, rego, json) => {
    const v = rt.value(input);
    expect(rt.rego(v)).toBe(rego);
    expect(rt.json(v)).toBe(json);
  });

  it('rejects malformed terms', () => {
    expect(rt.x.opa_value_parse(...rt.write('{1, 2'))).toBe(0);
    expect(rt.x.opa_value_parse(...rt.write('{1: 2, 3}'))).toBe(0);
    expect(rt.x.opa_value_parse(...rt.write('set('))).toBe(0);
  });
});

describe('parsing large documents', () => {
  it('grows memory to parse a 5 MB document and dumps it back identically', () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => ({
      id: i,
      name: `user-${i}-${'x'.repeat(60)}`,
      tags: ['a', 'b', i % 7 === 0 ? 'seven' : 'other'],
      score: i / 8,
    }));
    const text = JSON.stringify({ rows });
    expect(text.length).toBeGreaterThan(5_000_000);
    const before = rt.memory.buffer.byteLength;
    const v = rt.parse(text);
    expect(v).not.toBe(0);
    expect(rt.memory.buffer.byteLength).toBeGreaterThan(before);
    const back = JSON.parse(rt.json(v)) as { rows: unknown[] };
    expect(back.rows).toHaveLength(40_000);
    expect(back).toEqual({ rows });
  });

  it('parses deeply nested arrays', () => {
    const depth = 2000;
    const text = '['.repeat(depth) + ']'.repeat(depth);
    expect(rt.json(rt.parse(text))).toBe(text);
  });
});

describe('properties over generated JSON', () => {
  // JSON text with object keys in byte order (JS objects would put integer-like keys first).
  const canonical = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
    if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
    }
    return JSON.stringify(v);
  };

  it('parse then dump gives back the document, with keys in byte order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        const mark = rt.x.opa_heap_ptr_get() as number;
        const v = rt.parse(text);
        expect(v).not.toBe(0);
        const dumped = rt.json(v);
        expect(dumped).toBe(canonical(JSON.parse(text)));
        rt.x.opa_heap_ptr_set(mark);
      }),
      { numRuns: 300 },
    );
  });

  it('prints every float as JavaScript does (shortest round-trip text)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (f) => {
        const mark = rt.x.opa_heap_ptr_get() as number;
        expect(rt.json(rt.x.opa_number_float(f) as number)).toBe(String(f));
        rt.x.opa_heap_ptr_set(mark);
      }),
      { numRuns: 2000 },
    );
  });

  it('orders consistently: antisymmetric, and equal values hash alike', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 2 }), fc.jsonValue({ maxDepth: 2 }), (a, b) => {
        const mark = rt.x.opa_heap_ptr_get() as number;
        const va = rt.parse(JSON.stringify(a));
        const vb = rt.parse(JSON.stringify(b));
        const ab = rt.x.opa_value_compare(va, vb) as number;
        expect(rt.x.opa_value_compare(vb, va)).toBe(ab === 0 ? 0 : -ab);
        expect(rt.x.opa_value_compare(va, rt.parse(JSON.stringify(a)))).toBe(0);
        if (ab === 0) expect(rt.x.opa_value_hash(va)).toBe(rt.x.opa_value_hash(vb));
        rt.x.opa_heap_ptr_set(mark);
      }),
      { numRuns: 300 },
    );
  });
});
