import { EvalPool } from '../../services/decision/eval/pool.js';
import { EvalError } from '../../services/decision/eval/errors.js';
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
});
