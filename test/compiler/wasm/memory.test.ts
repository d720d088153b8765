/** Inputs far beyond the SDK's initial 5 pages of memory make it (and the runtime) grow memory. */
import { ensureRuntime, load, local, singlePlan, st, str } from './support.js';

beforeAll(ensureRuntime, 120_000);

test('a several-MB input is parsed, scanned and evaluated, repeatedly', async () => {
  // count the items whose tag is "keep"
  const ir = singlePlan(
    ['result', 'items', 'tag', 'keep'],
    [
      st('DotStmt', { source: local(0), key: str(1), target: 2 }),
      st('MakeSetStmt', { target: 3 }),
      st('ScanStmt', {
        source: 2,
        key: 4,
        value: 5,
        block: {
          stmts: [
            st('DotStmt', { source: local(5), key: str(2), target: 6 }),
            st('EqualStmt', { a: local(6), b: str(3) }),
            st('SetAddStmt', { value: local(4), set: 3 }),
          ],
        },
      }),
      st('LenStmt', { source: local(3), target: 7 }),
    ],
    7,
  );
  const p = await load(ir);
  const items = Array.from({ length: 40_000 }, (_, i) => ({
    tag: i % 4 === 0 ? 'keep' : 'drop',
    payload: `item-${i}-${'x'.repeat(100)}`,
  }));
  const input = { items };
  expect(JSON.stringify(input).length).toBeGreaterThan(4_000_000);
  const pagesBefore = (p.mem as unknown as { buffer: ArrayBuffer }).buffer.byteLength / 65536;
  expect(p.evaluate(input)).toEqual([{ result: 10_000 }]);
  const pagesAfter = (p.mem as unknown as { buffer: ArrayBuffer }).buffer.byteLength / 65536;
  expect(pagesAfter).toBeGreaterThan(pagesBefore);
  // The heap is reset between evaluations: a second, smaller one still works.
  expect(p.evaluate({ items: items.slice(0, 8) })).toEqual([{ result: 2 }]);
  expect(p.evaluate(input)).toEqual([{ result: 10_000 }]);
}, 60_000);
