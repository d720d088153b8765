import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import {
  startDecisionEngine,
  type DecisionEngine,
  type DecisionEvent,
} from '../../services/decision/index.js';
import { cleanup, tempDir } from './support.js';
import { appBundle } from './e2e/policy.js';

/* The decision engine in-process: what the service serves over HTTP, without HTTP. */

let dir: string;
let engine: DecisionEngine;
const events: DecisionEvent[] = [];

beforeAll(async () => {
  dir = await tempDir('engine');
  const file = join(dir, 'bundle.tar.gz');
  await writeFile(file, await appBundle('r7'));
  engine = await startDecisionEngine({ bundles: [file], workers: 1, onDecisionEvent: (e) => events.push(e) });
}, 60_000);

afterAll(async () => {
  await engine.close();
  await cleanup(dir);
});

const request = (path: string[], input: unknown) => ({
  handler: 'embedded',
  path,
  input,
  strictBuiltinErrors: false,
  requestedBy: 'proxy',
  headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
});

test('decides, logs the decision with who asked and the trace, and reports the bundle revision', async () => {
  const alice = await engine.decide(request(['app', 'allow'], { user: 'alice' }));
  expect(alice).toMatchObject({ defined: true, result: true });
  expect(Object.values(alice.bundles)).toEqual([{ revision: 'r7' }]);
  const bob = await engine.decide(request(['app', 'allow'], { user: 'bob' }));
  expect(bob.defined).toBe(false);
  await engine.context.decisionLogger.settle();
  const event = events.find((e) => e.decision_id === alice.decisionId)!;
  expect(event).toMatchObject({ path: 'app/allow', requested_by: 'proxy', result: true });
  expect(event.trace_id).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
});

test('an evaluation error is an error with a code, not a result', async () => {
  const err = await engine
    .decide(request(['app', 'conflict'], { a: true, b: true }))
    .catch((e: unknown) => e);
  expect(err).toMatchObject({ code: 'evaluation_error', status: 500 });
});
