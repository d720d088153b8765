import { EvalPool } from '../../services/decision/eval/pool.js';
import { EvalError } from '../../services/decision/eval/errors.js';
import type { WorkerInit } from '../../services/decision/eval/protocol.js';
import { waitFor } from './support.js';

const pools: EvalPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

async function start(size: number) {
  const pool = await EvalPool.start({ size, init: { policies: [], dataJson: '{}' }, evalTimeoutMs: 5000 });
  pools.push(pool);
  return pool;
}

/**
 * A worker speaking the pool's protocol (as worker.ts does, answering a
 * batch's live part first) that answers each task with its policy name and
 * holds a task of policy "hold" until the test opens the gate.
 */
const GATED_WORKER = `
  const { parentPort, workerData } = require('node:worker_threads');
  const progress = new Int32Array(workerData.progress);
  const gate = new Int32Array(workerData.gate);
  parentPort.on('message', (m) => {
    if (m.type !== 'batch') return;
    const first = m.answerFirst ?? 0;
    let answers = [];
    m.requests.forEach((r, i) => {
      if (i === first && i > 0) {
        parentPort.postMessage({ type: 'answers', answers, more: true });
        answers = [];
      }
      Atomics.store(progress, 0, i);
      if (r.policy === 'hold') Atomics.wait(gate, 0, 0);
      answers.push({ id: r.id, ok: true, resultSet: [{ result: r.policy }], evalNs: 0 });
    });
    Atomics.store(progress, 0, m.requests.length);
    parentPort.postMessage({ type: 'answers', answers, from: first < m.requests.length ? first : 0 });
  });
  parentPort.postMessage({ type: 'ready', entrypoints: {}, memoryBytes: 0 });
`;

async function startGated() {
  const gate = new Int32Array(new SharedArrayBuffer(4));
  const pool = await EvalPool.start({
    size: 1,
    init: { policies: [], dataJson: '{}', gate: gate.buffer } as WorkerInit,
    evalTimeoutMs: 20_000,
    script: { filename: GATED_WORKER, eval: true },
  });
  pools.push(pool);
  const open = () => {
    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
  };
  return { pool, open };
}

/** A settled outcome, so a failing expectation reports instead of leaving a rejection unhandled. */
const outcome = (p: Promise<unknown>) =>
  p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

describe('EvalPool (worker threads, no policy)', () => {
  test('starts its workers from the TypeScript source and answers with a typed error', async () => {
    const pool = await start(2);
    expect(pool.stats()).toMatchObject({ workers: 2, ready: 2, busy: 0 });
    const err = await pool.evaluate({ policy: 'none', entrypoint: 'a/b' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EvalError);
    expect((err as EvalError).code).toBe('evaluation_error');
    expect((err as EvalError).message).toContain('no policy none');
  });

  test('a worker that dies is replaced', async () => {
    const pool = await start(1);
    const [first] = pool.threadIds();
    await pool.killWorker(first);
    await waitFor('a replacement worker', () => pool.stats().ready >= 1);
    expect(pool.stats()).toMatchObject({ workers: 1, ready: 1, restarts: 1 });
    expect(pool.threadIds()[0]).not.toBe(first);
    await expect(pool.evaluate({ policy: 'none', entrypoint: 'x' })).rejects.toThrow('no policy none');
  });

  test('a bad wasm module fails the whole start with the SDK error', async () => {
    await expect(
      EvalPool.start({
        size: 1,
        init: { policies: [{ id: 'p', wasm: new Uint8Array([1, 2, 3]) }], dataJson: '{}' },
      }),
    ).rejects.toThrow(/cannot load policy/);
  });

  test('close refuses new work', async () => {
    const pool = await EvalPool.start({ size: 1, init: { policies: [], dataJson: '{}' } });
    await pool.close();
    const err = await pool.evaluate({ policy: 'p', entrypoint: 'e' }).catch((e: unknown) => e);
    expect((err as EvalError).code).toBe('pool_closed');
  });

  test("background work's deadline runs from when a worker takes it, live work's from when it was asked", async () => {
    const { pool, open } = await startGated();
    const held = outcome(pool.evaluate({ policy: 'hold', entrypoint: 'e' }));
    try {
      await waitFor('the worker to take the held task', () => pool.stats().busy === 1);
      const background = outcome(
        pool.evaluate({ policy: 'replayed', entrypoint: 'e', background: true, deadlineMs: 50 }),
      );
      const live = outcome(pool.evaluate({ policy: 'live', entrypoint: 'e', deadlineMs: 50 }));
      // Both wait behind the held task past their deadlines: the live one fails...
      expect(await live).toMatchObject({ error: { code: 'eval_cancel_error' } });
      expect(pool.stats()).toMatchObject({ queued: 0, background_queued: 1 });
      // ...the background one is still waiting, and is answered once the worker is free.
      open();
      expect(await held).toMatchObject({ value: { resultSet: [{ result: 'hold' }] } });
      expect(await background).toMatchObject({ value: { resultSet: [{ result: 'replayed' }] } });
    } finally {
      open();
    }
  });

  test('background work rides in a live batch, answered after the live part without holding it up', async () => {
    const { pool, open } = await startGated();
    try {
      // Asked in the same turn with the worker idle: one message carries both.
      const background = outcome(pool.evaluate({ policy: 'hold', entrypoint: 'e', background: true }));
      const live = outcome(pool.evaluate({ policy: 'live', entrypoint: 'e' }));
      // The live answer comes while the background task is still held.
      expect(await live).toMatchObject({ value: { resultSet: [{ result: 'live' }] } });
      expect(pool.stats()).toMatchObject({ batches: 1, evaluations: 2, busy: 1, background_queued: 0 });
      open();
      expect(await background).toMatchObject({ value: { resultSet: [{ result: 'hold' }] } });
      await waitFor('the worker to be free', () => pool.stats().busy === 0);
      expect(await pool.evaluate({ policy: 'after', entrypoint: 'e' })).toMatchObject({
        resultSet: [{ result: 'after' }],
      });
    } finally {
      open();
    }
  });
});
