import {
  startDecisionService,
  type DecisionEvent,
  type RunningDecisionService,
} from '../../services/decision/index.js';
import { cleanup, postJson, tempDir, writeFiles } from './support.js';

/*
 * POST /v1/batch/data/{path}: several decisions in one exchange, each
 * made, logged and answered as POST /v1/data would have.
 */

let dir: string;
let service: RunningDecisionService;
const events: DecisionEvent[] = [];

beforeAll(async () => {
  dir = await tempDir('batch');
  await writeFiles(dir, {
    '.manifest': { revision: 'rev-1', roots: ['acme'] },
    'acme/data.json': { users: { alice: { admin: true } } },
  });
  service = await startDecisionService({
    bundles: [dir],
    maxInputBytes: 4096,
    workers: 1,
    onDecisionEvent: (e) => events.push(e),
  });
});

afterAll(async () => {
  await service.close();
  await cleanup(dir);
});

describe('/v1/batch/data', () => {
  test('every input is a decision of its own, answered by its id', async () => {
    const { status, body } = await postJson(`${service.url}/v1/batch/data/acme/users/alice`, {
      inputs: { a: { user: 'alice' }, b: { user: 'bob' } },
    });
    expect(status).toBe(200);
    expect(Object.keys(body.responses).sort()).toEqual(['a', 'b']);
    for (const id of ['a', 'b']) {
      expect(body.responses[id].result).toEqual({ admin: true });
      expect(body.responses[id].decision_id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(body.responses.a.decision_id).not.toBe(body.responses.b.decision_id);
    const logged = events.filter((e) =>
      [body.responses.a.decision_id, body.responses.b.decision_id].includes(e.decision_id),
    );
    const users = logged.map((e) => (e.input as { user: string }).user).sort();
    expect(users).toEqual(['alice', 'bob']);
  });

  test('an undefined document answers the decision id alone', async () => {
    const { status, body } = await postJson(`${service.url}/v1/batch/data/acme/nobody`, {
      inputs: { x: {} },
    });
    expect(status).toBe(200);
    expect(body.responses.x.decision_id).toBeDefined();
    expect('result' in body.responses.x).toBe(false);
  });

  test.each([
    ['no inputs key', {}, /"inputs" key|"inputs" must be/],
    ['inputs as an array', { inputs: [{}] }, /"inputs" must be an object/],
    [
      'more than 256 inputs',
      { inputs: Object.fromEntries(Array.from({ length: 257 }, (_, i) => [i, 1])) },
      /257 inputs; the limit is 256/,
    ],
  ])('%s is 400 invalid_parameter', async (_what, payload, message) => {
    const { status, body } = await postJson(`${service.url}/v1/batch/data/acme`, payload);
    expect(status).toBe(400);
    expect(body.code).toBe('invalid_parameter');
    expect(body.message).toMatch(message);
  });

  test('a body over the input limit is 413, as for one decision', async () => {
    const big = 'x'.repeat(5000);
    const { status } = await postJson(`${service.url}/v1/batch/data/acme`, { inputs: { a: big } });
    expect(status).toBe(413);
  });

  test('GET is 405', async () => {
    const res = await fetch(`${service.url}/v1/batch/data/acme`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});
