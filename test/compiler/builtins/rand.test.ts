/** rand.intn: one number per arguments within an evaluation (OPA caches it), always in [0, |n|). */
import { loadQuery } from './support/policy.js';

const source = [
  'package test',
  '',
  'draws := {rand.intn("key", 100) | numbers.range(1, 200)[_]}',
  'seeds := {s: rand.intn(s, 7) | s := ["a", "b", "c", "d", "e", "f"][_]}',
  'negative := rand.intn("n", -5)',
  'zero := rand.intn("z", 0)',
].join('\n');

describe('rand.intn', () => {
  it('gives every call with the same arguments one value in an evaluation, within range', async () => {
    const q = await loadQuery(
      source,
      'd := data.test.draws; s := data.test.seeds; n := data.test.negative; z := data.test.zero',
    );
    for (let round = 0; round < 5; round++) {
      const [{ d, s, n, z }] = q.evaluate() as {
        d: number[];
        s: Record<string, number>;
        n: number;
        z: number;
      }[];
      expect(d).toHaveLength(1);
      expect(d[0]).toBeGreaterThanOrEqual(0);
      expect(d[0]).toBeLessThan(100);
      for (const value of Object.values(s)) {
        expect(Number.isInteger(value) && value >= 0 && value < 7).toBe(true);
      }
      expect(n >= 0 && n < 5).toBe(true);
      expect(z).toBe(0);
    }
  });
});
