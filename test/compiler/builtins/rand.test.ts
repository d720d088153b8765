/** rand.intn as OPA: one value per string and |n| within an evaluation, always in [0, |n|). */
import { outcome } from './support/table.js';
import { loadQuery } from './support/policy.js';
import { freshContext, withContextProvider } from '../../../services/compiler/builtins/index.js';

describe('rand.intn', () => {
  it('gives the same value for the same arguments within one evaluation, -n counting as n', async () => {
    const q = await loadQuery(
      [
        'package test',
        '',
        'p := {"same": same, "negative": negative, "values": values}',
        'same := rand.intn("a", 1000000) == rand.intn("a", 1000000)',
        'negative := rand.intn("b", 1000000) == rand.intn("b", -1000000)',
        'values := {x | some i in numbers.range(1, 50); x := rand.intn("c", 1000000)}',
      ].join('\n'),
      'x := data.test.p',
      { strict: true },
    );
    for (let run = 0; run < 5; run++) {
      const [row] = q.evaluate();
      const result = row.x as { same: boolean; negative: boolean; values: number[] };
      expect(result.same).toBe(true);
      expect(result.negative).toBe(true);
      expect(result.values).toHaveLength(1);
    }
  });

  it('draws anew for another string, another n, or another evaluation', () => {
    // A million values each: equal draws by chance are one in a million per pair, so 30 draws
    // of each kind all equal would mean the memo ignores the argument (or the evaluation).
    const draw = (seed: string, n: number) => outcome('rand.intn', [seed, n]);
    const distinct = (values: unknown[]) => new Set(values.map((v) => JSON.stringify(v))).size;
    const context = freshContext();
    const bySeed = withContextProvider(
      () => context,
      () => Array.from({ length: 30 }, (_, i) => draw(`s${i}`, 1e6)),
    );
    const byLimit = withContextProvider(
      () => context,
      () => Array.from({ length: 30 }, (_, i) => draw('one seed', 1e6 + i)),
    );
    expect(distinct(byLimit)).toBeGreaterThan(1);
    expect(distinct(bySeed)).toBeGreaterThan(1);
    const byEvaluation = Array.from({ length: 30 }, () => {
      const context = freshContext();
      return withContextProvider(
        () => context,
        () => draw('same', 1e6),
      );
    });
    expect(distinct(byEvaluation)).toBeGreaterThan(1);
  });

  it.each([1, 2, 7, 1000, 2 ** 31, 2 ** 48, 2 ** 53, 2 ** 62, -3])('stays in [0, |%d|)', (n) => {
    for (let i = 0; i < 200; i++) {
      const context = freshContext();
      const got = withContextProvider(
        () => context,
        () => outcome('rand.intn', [`k${i}`, n]),
      );
      expect(got).toEqual({ value: expect.any(Number) });
      const value = (got as { value: number }).value;
      expect(Number.isInteger(value)).toBe(true);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(Math.abs(n));
    }
  });

  it('answers 0 for n = 0, and checks its operands as OPA', () => {
    expect(outcome('rand.intn', ['x', 0])).toEqual({ value: 0 });
    expect(outcome('rand.intn', [1, 5])).toMatchObject({ code: 'eval_type_error' });
    expect(outcome('rand.intn', ['x', 1.5])).toMatchObject({ code: 'eval_type_error' });
  });
});
