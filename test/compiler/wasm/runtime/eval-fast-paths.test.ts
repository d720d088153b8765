/**
 * Shortcuts the runtime takes for evaluation speed (bench eval) must give
 * what the general code gives: the fixed text of a boolean result set,
 * scans that leave an unused key unmade.
 */
import { loadRuntime, type Runtime } from './harness.js';

let rt: Runtime;

beforeEach(async () => {
  rt = await loadRuntime();
});

describe('opa_json_dump of a result set', () => {
  it('gives the fixed texts of {"result": true} and {"result": false}', () => {
    expect(rt.readCString(rt.x.opa_json_dump(rt.value('{{"result": true}}')) as number)).toBe(
      '[{"result":true}]',
    );
    expect(rt.readCString(rt.x.opa_json_dump(rt.value('{{"result": false}}')) as number)).toBe(
      '[{"result":false}]',
    );
  });

  it('dumps every other shape in full', () => {
    const cases: [string, string][] = [
      ['{{"result": true}, {"result": false}}', '[{"result":false},{"result":true}]'],
      ['{{"result": "true"}}', '[{"result":"true"}]'],
      ['{{"resulT": true}}', '[{"resulT":true}]'],
      ['{{"resul": true}}', '[{"resul":true}]'],
      ['{{"result": true, "x": 1}}', '[{"result":true,"x":1}]'],
      ['{{"result": null}}', '[{"result":null}]'],
      ['[{"result": true}]', '[{"result":true}]'],
      ['{{"x": true}}', '[{"x":true}]'],
      ['set()', '[]'],
    ];
    for (const [value, json] of cases) expect([value, rt.json(rt.value(value))]).toEqual([value, json]);
  });

  it('keeps Rego value text in full for the same set', () => {
    expect(rt.rego(rt.value('{{"result": true}}'))).toBe('{{"result":true}}');
  });
});

describe('opa_scan_next without the key (flag 2)', () => {
  const SCAN_ORDERED = 1;
  const SCAN_WITHOUT_KEY = 2;

  /** Values reached, and how far the heap grew while scanning. */
  function scanValues(v: number, flags: number): { values: string[]; grew: number } {
    const out = rt.x.opa_scan_out() as number;
    const before = rt.x.opa_heap_ptr_get() as number;
    const reached: number[] = [];
    const view = (): DataView => new DataView(rt.memory.buffer);
    for (
      let cursor = rt.x.opa_scan_next(v, 0, flags) as number;
      cursor !== 0;
      cursor = rt.x.opa_scan_next(v, cursor, flags) as number
    ) {
      reached.push(view().getUint32(out + 4, true));
      if (reached.length > 1000) throw new Error('scan does not end');
    }
    const grew = (rt.x.opa_heap_ptr_get() as number) - before;
    return { values: reached.map((value) => rt.json(value)), grew };
  }

  it('reaches the same elements of an array, without making its index numbers', () => {
    const elements = Array.from({ length: 100 }, (_, i) => `"e${i}"`);
    const arr = rt.value(`[${elements.join(',')}]`);
    const withKeys = scanValues(arr, SCAN_ORDERED);
    const withoutKeys = scanValues(arr, SCAN_ORDERED | SCAN_WITHOUT_KEY);
    expect(withoutKeys.values).toEqual(elements);
    expect(withKeys.values).toEqual(elements);
    // Indices 64 and up are numbers of their own (0-63 are shared statics).
    expect(withKeys.grew).toBeGreaterThan(0);
    expect(withoutKeys.grew).toBe(0);
  });

  it('still gives keys of objects and sets, ordered or not', () => {
    const obj = rt.value('{"b": 2, "a": 1}');
    expect(scanValues(obj, SCAN_ORDERED | SCAN_WITHOUT_KEY).values).toEqual(['1', '2']);
    expect(scanValues(obj, SCAN_WITHOUT_KEY).values.sort()).toEqual(['1', '2']);
  });
});
