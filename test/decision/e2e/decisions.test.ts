import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  startDecisionService,
  type DecisionEvent,
  type RunningDecisionService,
} from '../../../services/decision/index.js';
import { cleanup, getJson, postJson, tempDir, waitFor } from '../support.js';
import { startHoldingServer } from './holding-server.js';
import { appBundle } from './policy.js';

/*
 * The decision service evaluating a policy.wasm built by our compiler, in
 * worker threads, through the unmodified opa-wasm SDK.
 */

let dir: string;
let file: string;
let service: RunningDecisionService;
const events: DecisionEvent[] = [];
/** n for app/slow_rev: n * n iterations, hours of work, so only a deadline ends it. */
const ENDLESS_N = 100_000;

async function replaceBundle(bytes: Uint8Array): Promise<void> {
  await writeFile(`${file}.tmp`, bytes);
  await rename(`${file}.tmp`, file);
}

async function revision(): Promise<string> {
  return (await getJson(`${service.url}/v1/status`)).body.result.bundles[file].active_revision;
}

beforeAll(async () => {
  dir = await tempDir('e2e');
  file = join(dir, 'bundle.tar.gz');
  await writeFile(file, await appBundle('r1'));
  service = await startDecisionService({
    bundles: [file],
    workers: 2,
    // Evaluations held by a test (app/held_rev) last as long as the test needs, whatever the load.
    evalTimeoutMs: 25_000,
    onDecisionEvent: (e) => events.push(e),
  });
}, 60_000);

afterAll(async () => {
  await service.close();
  await cleanup(dir);
});

describe('decisions from wasm', () => {
  test('a rule evaluated with input', async () => {
    expect(
      (await postJson(`${service.url}/v1/data/app/allow`, { input: { user: 'alice' } })).body.result,
    ).toBe(true);
    const bob = await postJson(`${service.url}/v1/data/app/allow`, { input: { user: 'bob' } });
    expect(bob.status).toBe(200);
    expect('result' in bob.body).toBe(false);
    expect(
      (await postJson(`${service.url}/v1/data/app/reasons`, { input: { user: 'bob' } })).body.result,
    ).toEqual(['not alice']);
  });

  test('GET with an input parameter', async () => {
    const input = encodeURIComponent(JSON.stringify({ user: 'alice' }));
    expect((await getJson(`${service.url}/v1/data/app/allow?input=${input}`)).body.result).toBe(true);
  });

  test('a package path assembles its rules over its data', async () => {
    const { body } = await postJson(`${service.url}/v1/data/app`, { input: { user: 'alice' } });
    expect(body.result).toMatchObject({ allow: true, rev: 'r1', meta: { rev: 'r1' } });
    expect(body.result.conflict).toBeUndefined();
  });

  test('v0 and the default decision answer bare values', async () => {
    expect((await postJson(`${service.url}/`, { user: 'alice' })).body).toEqual({ allowed: true });
    expect((await postJson(`${service.url}/`, { user: 'bob' })).body).toEqual({ allowed: false });
    expect((await postJson(`${service.url}/v0/data/app/allow`, { user: 'alice' })).body).toBe(true);
    const undef = await postJson(`${service.url}/v0/data/app/allow`, { user: 'bob' });
    expect(undef.status).toBe(404);
    expect(undef.body.code).toBe('undefined_document');
  });

  test('an evaluation error is 500 evaluation_error with the policy message', async () => {
    const { status, body } = await postJson(`${service.url}/v1/data/app/conflict`, {
      input: { a: true, b: true },
    });
    expect(status).toBe(500);
    expect(body.code).toBe('evaluation_error');
    expect(body.message).toContain('var assignment conflict');
  });

  test('builtin errors: undefined by default, 500 with strict-builtin-errors', async () => {
    const lax = await postJson(`${service.url}/v1/data/app/num`, { input: { s: 'abc' } });
    expect(lax.status).toBe(200);
    expect('result' in lax.body).toBe(false);
    expect((await postJson(`${service.url}/v1/data/app/num`, { input: { s: '42' } })).body.result).toBe(42);
    const strict = await postJson(`${service.url}/v1/data/app/num?strict-builtin-errors`, {
      input: { s: 'abc' },
    });
    expect(strict.status).toBe(500);
    expect(strict.body.code).toBe('evaluation_error');
    expect(strict.body.message).toContain('to_number');
  });
});

describe('evaluation off the event loop', () => {
  test('a slow evaluation does not stall other requests', async () => {
    const holding = await startHoldingServer();
    try {
      let slowDone = false;
      const slow = postJson(`${service.url}/v1/data/app/held_rev`, { input: { url: holding.url } }).then(
        (r) => {
          slowDone = true;
          return r;
        },
      );
      await holding.arrived(1);
      expect((await getJson(`${service.url}/health`)).status).toBe(200);
      expect(
        (await postJson(`${service.url}/v1/data/app/allow`, { input: { user: 'alice' } })).body.result,
      ).toBe(true);
      // both answered while the held evaluation was still running in the other worker
      expect(slowDone).toBe(false);
      holding.release();
      expect((await slow).body.result).toBe('r1');
    } finally {
      await holding.close();
    }
  });

  test('a request deadline cancels a slow evaluation and the worker is replaced', async () => {
    const workersBefore = (await getJson(`${service.url}/v1/status`)).body.result.workers;
    expect(workersBefore.wasm_memory_bytes_per_worker).toBeGreaterThan(0);
    const before = workersBefore.restarts;
    const { status, body } = await postJson(
      `${service.url}/v1/data/app/slow_rev`,
      { input: { n: ENDLESS_N } },
      { 'x-portcullis-deadline-ms': '50' },
    );
    expect(status).toBe(500);
    expect(body).toEqual({ code: 'eval_cancel_error', message: 'evaluation exceeded its deadline of 50 ms' });
    await waitFor('a replacement worker', async () => {
      const workers = (await getJson(`${service.url}/v1/status`)).body.result.workers;
      return workers.restarts === before + 1 && workers.ready === 2;
    });
    expect(
      (await postJson(`${service.url}/v1/data/app/allow`, { input: { user: 'alice' } })).body.result,
    ).toBe(true);
  });
});

describe('decision logs masked and dropped by the bundle rules', () => {
  test('mask erases and upserts; drop drops', async () => {
    const kept = await postJson(`${service.url}/v1/data/app/allow`, {
      input: { user: 'alice', password: 'hunter2', token: 'abc' },
    });
    const dropped = await postJson(`${service.url}/v1/data/app/allow`, {
      input: { user: 'alice', drop: true },
    });
    await service.context.decisionLogger.settle();
    const event = events.find((e) => e.decision_id === kept.body.decision_id)!;
    expect(event.input).toEqual({ user: 'alice', token: '***' });
    expect(event.erased).toEqual(['/input/password']);
    expect(event.masked).toEqual(['/input/token']);
    expect(event.result).toBe(true);
    expect(event.bundles).toEqual({ [file]: { revision: 'r1' } });
    expect(events.find((e) => e.decision_id === dropped.body.decision_id)).toBeUndefined();
    expect(service.context.decisionLogger.stats().dropped_by_policy).toBeGreaterThanOrEqual(1);
  });

  test('a failed evaluation is logged with its error', async () => {
    const { body } = await postJson(`${service.url}/v1/data/app/conflict`, { input: { a: true, b: true } });
    await service.context.decisionLogger.settle();
    const event = events.find((e) => e.error && e.path === 'app/conflict');
    expect(event?.error?.code).toBe('evaluation_error');
    expect(body.code).toBe('evaluation_error');
  });
});

describe('revisions swap atomically', () => {
  test('a request in flight finishes on the old revision; new requests see the new one', async () => {
    expect(await revision()).toBe('r1');
    const holding = await startHoldingServer();
    try {
      const inFlight = postJson(`${service.url}/v1/data/app/held_rev`, { input: { url: holding.url } });
      await holding.arrived(1);
      await replaceBundle(await appBundle('r2'));
      await waitFor('r2 active', async () => (await revision()) === 'r2');
      expect((await postJson(`${service.url}/v1/data/app/rev`, {})).body.result).toBe('r2');
      holding.release();
      expect((await inFlight).body.result).toBe('r1');
    } finally {
      await holding.close();
    }
  });

  test('a bundle whose wasm does not load never replaces the last good one', async () => {
    const current = await revision();
    await replaceBundle(await appBundle('broken', { wasm: new Uint8Array([0, 0x61, 0x73, 0x6d, 9, 9]) }));
    const status = await waitFor('the load failure', async () => {
      const s = (await getJson(`${service.url}/v1/status`)).body.result.bundles[file];
      return s.code ? s : undefined;
    });
    expect(status.code).toBe('evaluation_error');
    expect(status.message).toContain('cannot load policy');
    expect(status.active_revision).toBe(current);
    expect((await postJson(`${service.url}/v1/data/app/rev`, {})).body.result).toBe(current);
  });
});
