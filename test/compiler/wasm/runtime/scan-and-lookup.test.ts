/**
 * The runtime entry points the generated code uses for scans, member access
 * by constant names, the choice of host-call convention and opa_eval's
 * input: each must give what the general ones (opa_value_iter,
 * opa_value_get, opa_value_parse) give.
 */
import { loadRuntime, type Runtime } from './harness.js';

let rt: Runtime;

beforeEach(async () => {
  rt = await loadRuntime();
});

/** Every [key, value] a scan reaches, as JSON. */
function scan(v: number, ordered: boolean): [string, string][] {
  const out = rt.x.opa_scan_out() as number;
  const words = (): [number, number] => {
    const view = new DataView(rt.memory.buffer);
    return [view.getUint32(out, true), view.getUint32(out + 4, true)];
  };
  const seen: [string, string][] = [];
  for (
    let cursor = rt.x.opa_scan_next(v, 0, ordered ? 1 : 0) as number;
    cursor !== 0;
    cursor = rt.x.opa_scan_next(v, cursor, ordered ? 1 : 0) as number
  ) {
    const [key, value] = words();
    seen.push([rt.json(key), rt.json(value)]);
    if (seen.length > 1000) throw new Error('scan does not end');
  }
  return seen;
}

describe('opa_scan_next', () => {
  it('walks an array by index, keys being the indices', () => {
    expect(scan(rt.value('["a", {"b": 1}, null]'), true)).toEqual([
      ['0', '"a"'],
      ['1', '{"b":1}'],
      ['2', 'null'],
    ]);
    expect(scan(rt.value('[]'), false)).toEqual([]);
  });

  it('walks an object in key order when ordered, and reaches the same entries unordered', () => {
    const obj = rt.value('{"b": 2, "a": 1, "c": [3]}');
    expect(scan(obj, true)).toEqual([
      ['"a"', '1'],
      ['"b"', '2'],
      ['"c"', '[3]'],
    ]);
    expect(scan(obj, false).sort()).toEqual(scan(obj, true).sort());
  });

  it('gives a set element as both key and value, every element once, across bucket growth', () => {
    const elements = Array.from({ length: 40 }, (_, i) => `"e${i}"`);
    const set = rt.value(`{${elements.join(', ')}}`);
    const unordered = scan(set, false);
    expect(unordered).toHaveLength(40);
    for (const [key, value] of unordered) expect(key).toBe(value);
    expect(unordered.map(([key]) => key).sort()).toEqual([...elements].sort());
    expect(scan(set, true).map(([key]) => key)).toEqual([...elements].sort());
  });

  it('ends at once on scalars and on nothing', () => {
    for (const text of ['"abc"', '1', 'true', 'null']) expect(scan(rt.value(text), true)).toEqual([]);
    expect(rt.x.opa_scan_next(0, 0, 1)).toBe(0);
  });
});

describe('opa_value_get_string', () => {
  it('answers as opa_value_get does, for equal strings of other addresses', () => {
    const obj = rt.value('{"action": "read", "type": "invoice", "7": "seven"}');
    for (const key of ['"action"', '"type"', '"7"', '"missing"', '"actio"']) {
      const viaString = rt.x.opa_value_get_string(obj, rt.value(key)) as number;
      const viaGeneral = rt.x.opa_value_get(obj, rt.value(key)) as number;
      expect(viaString === 0 ? undefined : rt.json(viaString)).toBe(
        viaGeneral === 0 ? undefined : rt.json(viaGeneral),
      );
    }
  });

  it('keeps the table intact after a lookup adopts the looked-up key', () => {
    const obj = rt.value('{"b": 2, "a": 1}');
    const constant = rt.value('"a"');
    expect(rt.json(rt.x.opa_value_get_string(obj, constant) as number)).toBe('1');
    // The same constant again, another equal string, and the whole object.
    expect(rt.json(rt.x.opa_value_get_string(obj, constant) as number)).toBe('1');
    expect(rt.json(rt.x.opa_value_get(obj, rt.value('"a"')) as number)).toBe('1');
    expect(rt.json(obj)).toBe('{"a":1,"b":2}');
    expect(rt.x.opa_value_compare(obj, rt.value('{"a": 1, "b": 2}'))).toBe(0);
  });

  it('finds set members and nothing in arrays or scalars', () => {
    expect(rt.json(rt.x.opa_value_get_string(rt.value('{"x", "y"}'), rt.value('"y"')) as number)).toBe('"y"');
    expect(rt.x.opa_value_get_string(rt.value('["x"]'), rt.value('"x"'))).toBe(0);
    expect(rt.x.opa_value_get_string(rt.value('"x"'), rt.value('"x"'))).toBe(0);
    expect(rt.x.opa_value_get_string(0, rt.value('"x"'))).toBe(0);
  });
});

describe('opa_value_json_exact', () => {
  it.each([
    ['"text"', 1],
    ['[1, 2.5, -0.125, 1234.5678, -9007199254740992, {"a": [null, true]}]', 1],
    ['0.1000000000000000055511151231257827', 0],
    ['1e300', 0],
    ['9007199254740993', 0],
    ['123456789123456789123', 0],
    ['{"a", "b"}', 0],
    ['[{"k": {1}}]', 0],
    ['{1: "x"}', 0],
  ])('%s → %d', (text, exact) => {
    expect(rt.x.opa_value_json_exact(rt.value(text))).toBe(exact);
  });
});

describe('opa_eval_input_parse', () => {
  it('reads the same value as opa_value_parse, strings pointing into the text', () => {
    const text = '{"user": "bob", "tags": {"a", "b"}, "n": 12345678901234567890, "e": "q\\"x"}';
    const [addr, len] = rt.write(text);
    rt.x.opa_heap_ptr_set(addr + len);
    const borrowed = rt.x.opa_eval_input_parse(addr, len) as number;
    expect(rt.rego(borrowed)).toBe(rt.rego(rt.value(text)));
    // The text itself is what the value reads: change a byte of "bob" in place.
    const at = text.indexOf('bob');
    new Uint8Array(rt.memory.buffer)[addr + at] = 'B'.charCodeAt(0);
    expect(rt.json(rt.x.opa_value_get(borrowed, rt.value('"user"')) as number)).toBe('"Bob"');
  });

  it('rejects what opa_value_parse rejects', () => {
    const [addr, len] = rt.write('{"user": }');
    rt.x.opa_heap_ptr_set(addr + len);
    expect(rt.x.opa_eval_input_parse(addr, len)).toBe(0);
  });
});
