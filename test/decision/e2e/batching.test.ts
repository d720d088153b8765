import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EvalPool } from '../../../services/decision/eval/pool.js';
import { builtinsModuleUrl } from '../../../services/decision/eval/worker-script.js';
import { EvalError } from '../../../services/decision/eval/errors.js';
import { startHoldingServer } from './holding-server.js';
import { policyWasm } from './policy.js';

/*
 * Evaluations queued together travel to a worker as one batch. These check
 * that each answer reaches its own request, and that deadlines inside a
 * batch fail only the task that overran or waited too long.
 */

let pool: EvalPool;
/** n for app/slow_rev: n * n iterations, hours of work, so only a deadline ends it. */
const ENDLESS_N = 100_000;

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
  const holding = await startHoldingServer();
  try {
    // The held task stays in evaluation until released: the one behind it must give up at its deadline.
    const slow = pool.evaluate(task('app/held_rev', { url: holding.url }));
    const impatient = pool.evaluate(task('app/num', { s: '1' }, 50)).catch((e: unknown) => e);
    expect(((await impatient) as EvalError).code).toBe('eval_cancel_error');
    holding.release();
    expect(resultOf(await slow)).toBe('r1');
  } finally {
    await holding.close();
  }
  expect(pool.stats().restarts).toBe(restarts);
});

test('a task that overruns kills its worker, and the rest of its batch is answered by the replacement', async () => {
  const restarts = pool.stats().restarts;
  const slow = pool.evaluate(task('app/slow_rev', { n: ENDLESS_N }, 50)).catch((e: unknown) => e);
  const after = pool.evaluate(task('app/num', { s: '7' }));
  expect(((await slow) as EvalError).code).toBe('eval_cancel_error');
  expect(resultOf(await after)).toBe(7);
  expect(pool.stats().restarts).toBe(restarts + 1);
});
