/**
 * The runtime's evaluation shortcuts must not change results: cached string
 * hashes, word-wise string equality, O(1) iteration steps, shared booleans
 * and small integers, and set insertion with a single lookup.
 */
import { loadRuntime, type Runtime } from './harness.js';

let rt: Runtime;

beforeEach(async () => {
  rt = await loadRuntime();
});

function iterate(collection: number, first = 0): string[] {
  const seen: string[] = [];
  for (
    let k = rt.x.opa_value_iter(collection, first) as number;
    k !== 0;
    k = rt.x.opa_value_iter(collection, k) as number
  )
    seen.push(rt.json(k));
  return seen;
}

describe('string keys', () => {
  // Lengths around the 8-byte steps of the comparison, differing only in the last byte.
  const lengths = [0, 1, 7, 8, 9, 15, 16, 17, 40];

  it('finds every key by a distinct but equal string, and misses near-equal ones', () => {
    const obj = rt.x.opa_object() as number;
    for (const n of lengths)
      rt.x.opa_object_insert(obj, rt.value(JSON.stringify('k'.repeat(n))), rt.value(`${n}`));
    for (const n of lengths) {
      const key = rt.value(JSON.stringify('k'.repeat(n)));
      expect(rt.json(rt.x.opa_value_get(obj, key) as number)).toBe(`${n}`);
      // a second lookup goes through the cached hash
      expect(rt.json(rt.x.opa_value_get(obj, key) as number)).toBe(`${n}`);
      if (n > 0) expect(rt.x.opa_value_get(obj, rt.value(JSON.stringify('k'.repeat(n - 1) + 'x')))).toBe(0);
    }
    expect(rt.x.opa_value_get(obj, rt.value(JSON.stringify('k'.repeat(41))))).toBe(0);
  });

  it('hashes equal strings equally before and after caching', () => {
    const a = rt.value('"grant"');
    const b = rt.value('"grant"');
    const first = rt.x.opa_value_hash(a);
    expect(rt.x.opa_value_hash(a)).toBe(first);
    expect(rt.x.opa_value_hash(b)).toBe(first);
    expect(rt.x.opa_value_hash(rt.value('"grants"'))).not.toBe(first);
    // objects holding the strings hash alike whichever copy they hold
    expect(rt.x.opa_value_hash(rt.value('{"a": "grant"}'))).toBe(
      rt.x.opa_value_hash(rt.value('{"a": "grant"}')),
    );
  });

  it('tells a string key from a number key with the same text', () => {
    const obj = rt.value('{"1": "text"}');
    expect(rt.x.opa_value_get(obj, rt.value('1'))).toBe(0);
    expect(rt.json(rt.x.opa_value_get(obj, rt.value('"1"')) as number)).toBe('"text"');
  });
});

describe('iteration', () => {
  it('continues from a key equal to, but not the one, it returned', () => {
    const set = rt.value('{"c", "a", "b"}');
    expect(iterate(set)).toEqual(['"a"', '"b"', '"c"']);
    expect(iterate(set, rt.value('"a"'))).toEqual(['"b"', '"c"']);
    expect(rt.x.opa_value_iter(set, rt.value('"zz"'))).toBe(0);
  });

  it('runs nested and interleaved iterations over the same and other collections', () => {
    const set = rt.value('{1, 2, 3}');
    const others = Array.from({ length: 20 }, (_, i) => rt.value(`{${i}, ${i + 100}}`));
    const pairs: string[] = [];
    for (let a = rt.x.opa_value_iter(set, 0) as number; a !== 0; a = rt.x.opa_value_iter(set, a) as number) {
      for (
        let b = rt.x.opa_value_iter(set, 0) as number;
        b !== 0;
        b = rt.x.opa_value_iter(set, b) as number
      ) {
        // step through many other tables in between, so that cache slots are reused
        for (const o of others) expect(iterate(o)).toHaveLength(2);
        pairs.push(`${rt.json(a)}${rt.json(b)}`);
      }
    }
    expect(pairs).toEqual(['11', '12', '13', '21', '22', '23', '31', '32', '33']);
  });

  it('runs nested iterations over one insertion-ordered object, with many tables in between', () => {
    const obj = rt.x.opa_object() as number;
    for (const k of ['"c"', '"a"', '"b"']) rt.x.opa_object_insert(obj, rt.value(k), rt.value('null'));
    const others = Array.from({ length: 40 }, (_, i) => rt.value(`{"k${i}": 1, "j${i}": 2}`));
    const pairs: string[] = [];
    for (let a = rt.x.opa_value_iter(obj, 0) as number; a !== 0; a = rt.x.opa_value_iter(obj, a) as number) {
      for (
        let b = rt.x.opa_value_iter(obj, 0) as number;
        b !== 0;
        b = rt.x.opa_value_iter(obj, b) as number
      ) {
        for (const o of others) expect(iterate(o)).toHaveLength(2);
        pairs.push(`${JSON.parse(rt.json(a))}${JSON.parse(rt.json(b))}`);
      }
    }
    expect(pairs).toEqual(['cc', 'ca', 'cb', 'ac', 'aa', 'ab', 'bc', 'ba', 'bb']);
  });

  it('follows the new order when the set changes during iteration', () => {
    const set = rt.value('{"b", "d"}');
    const b = rt.x.opa_value_iter(set, 0) as number;
    expect(rt.json(b)).toBe('"b"');
    rt.x.opa_set_add(set, rt.value('"a"'));
    rt.x.opa_set_add(set, rt.value('"c"'));
    expect(iterate(set, b)).toEqual(['"c"', '"d"']);
  });

  it('stays right after the heap is reset and reused', () => {
    const [a, b, c, d] = ['"a"', '"b"', '"c"', '"d"'].map((e) => rt.value(e));
    const mark = rt.x.opa_heap_ptr_get() as number;
    const first = rt.x.opa_set() as number;
    for (const e of [a, c, d]) rt.x.opa_set_add(first, e);
    expect(rt.json(rt.x.opa_value_iter(first, a) as number)).toBe('"c"');
    rt.x.opa_heap_ptr_set(mark);
    const second = rt.x.opa_set() as number;
    expect(second).toBe(first);
    for (const e of [b, c, a]) rt.x.opa_set_add(second, e);
    expect(iterate(second, c)).toEqual([]);
    expect(iterate(second, a)).toEqual(['"b"', '"c"']);
  });
});

describe('shared values', () => {
  it('shares booleans and small integers, and freeing them is harmless', () => {
    const t = rt.x.opa_boolean(1) as number;
    const f = rt.x.opa_boolean(0) as number;
    expect(rt.x.opa_boolean(1)).toBe(t);
    expect(rt.x.opa_number_int(5n)).toBe(rt.x.opa_number_int(5n));
    rt.x.opa_value_free(t);
    rt.x.opa_value_free(rt.x.opa_number_int(5n) as number);
    rt.x.opa_free(f);
    // freed blocks would be handed out again here and overwritten
    for (let i = 0; i < 4; i++) {
      const block = rt.x.opa_malloc(8) as number;
      const bytes = new Uint8Array(rt.memory.buffer, block, 8);
      bytes.fill(0xff);
      const num = rt.x.opa_malloc(16) as number;
      new Uint8Array(rt.memory.buffer, num, 16).fill(0xff);
    }
    expect(rt.json(t)).toBe('true');
    expect(rt.json(f)).toBe('false');
    expect(rt.json(rt.x.opa_number_int(5n) as number)).toBe('5');
    expect(rt.x.opa_value_boolean(t)).toBe(1);
    expect(rt.x.opa_value_boolean(f)).toBe(0);
  });

  it('builds every integer right around the shared range', () => {
    for (const n of [-1n, 0n, 1n, 63n, 64n, 65n, -9007199254740993n, 123456789012345678n]) {
      expect(rt.json(rt.x.opa_number_int(n) as number)).toBe(`${n}`);
    }
    expect(rt.x.opa_number_int(64n)).not.toBe(rt.x.opa_number_int(64n));
    // parsed small integers are the shared ones and compare equal to floats
    expect(rt.x.opa_value_compare(rt.value('[3]'), rt.value('[3.0]'))).toBe(0);
    expect(rt.json(rt.value('[0, 1, 2, 100]'))).toBe('[0,1,2,100]');
  });

  it('keeps shared values across heap resets', () => {
    const mark = rt.x.opa_heap_ptr_get() as number;
    const seven = rt.x.opa_number_int(7n) as number;
    rt.x.opa_heap_ptr_set(mark);
    for (let i = 0; i < 10; i++)
      new Uint8Array(rt.memory.buffer, rt.x.opa_malloc(16) as number, 16).fill(0xaa);
    expect(rt.json(seven)).toBe('7');
    expect(rt.json(rt.value('true'))).toBe('true');
  });
});

describe('sets', () => {
  it('keeps the first of equal elements and adds each once', () => {
    const set = rt.x.opa_set() as number;
    const one = rt.value('1');
    rt.x.opa_set_add(set, one);
    rt.x.opa_set_add(set, rt.value('1.0'));
    rt.x.opa_set_add(set, rt.value('{"a": [1, "x"]}'));
    rt.x.opa_set_add(set, rt.value('{"a": [1.0, "x"]}'));
    expect(rt.x.opa_value_length(set)).toBe(2);
    expect(rt.x.opa_set_get(set, rt.value('1e0'))).toBe(one);
    expect(rt.json(set)).toBe('[1,{"a":[1,"x"]}]');
  });
});

describe('JSON dump', () => {
  it('escapes what follows a plain prefix of a string', () => {
    for (const s of [
      '',
      'plain',
      '"start',
      'end"',
      'mid\\dle',
      'tab\there',
      'ctl\u0001',
      'é"ü',
      'a'.repeat(300) + '\n',
    ]) {
      const dumped = rt.json(rt.value(JSON.stringify(s)));
      expect(dumped).toBe(JSON.stringify(s));
    }
  });
});

describe('sorting', () => {
  it('sorts short (insertion) and long (merge) lists alike, keeping equal elements in order', () => {
    for (const n of [2, 3, 15, 16, 17, 40]) {
      // 1.0 and 1 are equal: a stable sort keeps their input order, which the dump shows
      const items = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? '1.0' : `${(n * 7 - i * 5) % 11}`));
      items[n - 1] = '1';
      const text = rt.call('opa_agg_sort', rt.value(`[${items.join(',')}]`));
      const expected = items
        .map((s, i) => ({ s, v: Number(s), i }))
        .sort((a, b) => a.v - b.v || a.i - b.i)
        .map((e) => e.s);
      expect(text).toBe(`[${expected.join(',')}]`);
    }
  });

  it('iterates sets of objects in order', () => {
    const set = rt.x.opa_set() as number;
    const grants = ['{"t":"b","a":"r"}', '{"a":"w","t":"a"}', '{"a":"r","t":"a"}', '{"a":"*","t":"c"}'];
    for (const g of grants) rt.x.opa_set_add(set, rt.value(g));
    rt.x.opa_set_add(set, rt.value('{"t":"a","a":"r"}'));
    expect(iterate(set)).toEqual([
      '{"a":"*","t":"c"}',
      '{"a":"r","t":"a"}',
      '{"a":"r","t":"b"}',
      '{"a":"w","t":"a"}',
    ]);
  });
});

describe('small tables', () => {
  it('grow out of their inline buckets and order list, and free either way', () => {
    const small = rt.value('{"a": 1}');
    const grown = rt.x.opa_object() as number;
    for (let i = 0; i < 30; i++)
      rt.x.opa_object_insert(grown, rt.value(`"k${i}"`), rt.x.opa_number_int(BigInt(i)) as number);
    const keep = rt.value('{"x": [1, 2], "y": "z"}');
    rt.x.opa_value_free(small);
    rt.x.opa_value_free(grown);
    // reuse the freed blocks
    for (let i = 0; i < 40; i++) rt.value(`{"n${i}": ${i}, "m": "${'v'.repeat(i)}"}`);
    expect(rt.json(keep)).toBe('{"x":[1,2],"y":"z"}');
    const fresh = rt.x.opa_set() as number;
    for (let i = 0; i < 12; i++) rt.x.opa_set_add(fresh, rt.x.opa_number_int(BigInt(11 - i)) as number);
    rt.x.opa_object_remove(rt.value('{"a": 1}'), rt.value('"a"'));
    expect(rt.json(fresh)).toBe('[0,1,2,3,4,5,6,7,8,9,10,11]');
  });
});
