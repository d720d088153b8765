import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EvalPool } from '../../../services/decision/eval/pool.js';
import { builtinsModuleUrl } from '../../../services/decision/eval/worker-script.js';
import { EvalError } from '../../../services/decision/eval/errors.js';
import { policyWasm } from './policy.js';

/*
 * Evaluations queued together travel to a worker as one batch. These check
 * that each answer reaches its own request, and that deadlines inside a
 * batch fail only the task that overran or waited too long.
 */

let pool: EvalPool;
/** n for app/slow_rev that takes roughly half a second here. */
let slowN = 0;

function task(entrypoint: string, input: unknown, deadlineMs?: number) {
  return { policy: 'p', entrypoint, inputJson: JSON.stringify(input), deadlineMs };
}

beforeAll(async () => {
  pool = await EvalPool.start({
    size: 1,
    init: {
      policies: [{ id: 'p', wasm: policyWasm() }],
      dataJson: JSON.stringify({ app: { meta: { rev: 'r1' } } }),
      builtinsModule: builtinsModuleUrl((url) => existsSync(fileURLToPath(url))),
    },
    evalTimeoutMs: 20_000,
  });
  const probe = await pool.evaluate(task('app/slow_rev', { n: 300 }));
  slowN = Math.max(300, Math.round(Math.sqrt(5e8 / (probe.evalNs / (300 * 300)))));
}, 60_000);

afterAll(() => pool.close());

const resultOf = (outcome: { resultSet: unknown }) => (outcome.resultSet as { result: unknown }[])[0]?.result;

test('requests started together each get their own answer, in a few messages', async () => {
  const before = pool.stats();
  const outcomes = await Promise.all(
    Array.from({ length: 200 }, (_, i) => pool.evaluate(task('app/num', { s: String(i) }))),
  );
  expect(outcomes.map(resultOf)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  const after = pool.stats();
  expect(after.evaluations - before.evaluations).toBe(200);
  // 200 tasks queued in one tick travel at most 64 to a message
  expect(after.batches - before.batches).toBe(4);
  const failing = await pool.evaluate(task('app/conflict', { a: true, b: true })).catch((e: unknown) => e);
  expect((failing as EvalError).code).toBe('evaluation_error');
});

test('a task waiting behind a slow one in its batch fails alone when its deadline passes', async () => {
  const restarts = pool.stats().restarts;
  const slow = pool.evaluate(task('app/slow_rev', { n: slowN }));
  const impatient = pool.evaluate(task('app/num', { s: '1' }, 50)).catch((e: unknown) => e);
  expect(((await impatient) as EvalError).code).toBe('eval_cancel_error');
  expect(resultOf(await slow)).toBe('r1');
  expect(pool.stats().restarts).toBe(restarts);
});

test('a task that overruns kills its worker, and the rest of its batch is answered by the replacement', async () => {
  const restarts = pool.stats().restarts;
  const slow = pool.evaluate(task('app/slow_rev', { n: slowN * 3 }, 50)).catch((e: unknown) => e);
  const after = pool.evaluate(task('app/num', { s: '7' }));
  expect(((await slow) as EvalError).code).toBe('eval_cancel_error');
  expect(resultOf(await after)).toBe(7);
  expect(pool.stats().restarts).toBe(restarts + 1);
});
