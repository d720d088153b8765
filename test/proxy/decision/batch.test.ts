import type { IncomingMessage, ServerResponse } from 'node:http';
import { DecisionClient } from '../../../services/proxy/decision/client.js';
import type { DecisionInput } from '../../../services/proxy/decision/input.js';
import { ProxyError } from '../../../services/proxy/errors.js';
import { listen } from '../support/servers.js';

/**
 * Decisions asked in the same turn travel together to
 * `POST /v1/batch/data/{entrypoint}`; each is answered, or fails, as it
 * would have alone. A service without the batch API (404) gets single
 * decisions from then on.
 */

type Batch = { inputs: Record<string, { n: number }> };
type Answer = (path: string, body: Batch & { input?: { n: number } }, res: ServerResponse) => void;

/** A decision service on loopback answering as the test says, recording each exchange's path and body. */
async function scriptedService(answer: Answer) {
  const exchanges: { path: string; body: Batch & { input?: { n: number } } }[] = [];
  const server = await listen((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as Batch & { input?: { n: number } };
      exchanges.push({ path: req.url!, body });
      answer(req.url!, body, res);
    });
  });
  return Object.assign(server, { exchanges });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Answers `{allow: n is even}` for every decision, singly or in a batch. */
const parity: Answer = (path, body, res) => {
  if (path.startsWith('/v1/batch/data/')) {
    const responses = Object.fromEntries(
      Object.entries(body.inputs).map(([id, input]) => [
        id,
        { decision_id: `dec-${input.n}`, result: { allow: input.n % 2 === 0 } },
      ]),
    );
    return json(res, 200, { responses });
  }
  json(res, 200, { decision_id: `dec-${body.input!.n}`, result: { allow: body.input!.n % 2 === 0 } });
};

const input = (n: number) => ({ n }) as unknown as DecisionInput;

function codeOf(err: unknown): string | undefined {
  return err instanceof ProxyError ? err.code : undefined;
}

describe('decisions over HTTP in batches', () => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const item of open.splice(0)) await item.close();
  });

  async function clientFor(answer: Answer) {
    const service = await scriptedService(answer);
    const client = new DecisionClient(`${service.url}/`, 2000);
    open.push(client, service);
    return { service, client };
  }

  test('decisions asked together go in one exchange, each with its own answer', async () => {
    const { service, client } = await clientFor(parity);
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => client.decide('gateway/decision', input(n))),
    );
    expect(answers).toEqual(
      [1, 2, 3, 4, 5].map((n) => ({ decisionId: `dec-${n}`, result: { allow: n % 2 === 0 } })),
    );
    expect(service.exchanges).toHaveLength(1);
    expect(service.exchanges[0].path).toBe('/v1/batch/data/gateway/decision');
    expect(Object.values(service.exchanges[0].body.inputs)).toEqual([1, 2, 3, 4, 5].map(input));
  });

  test('a decision asked alone is a plain POST /v1/data', async () => {
    const { service, client } = await clientFor(parity);
    expect(await client.decide('gateway/decision', input(2))).toEqual({
      decisionId: 'dec-2',
      result: { allow: true },
    });
    expect(service.exchanges.map((e) => e.path)).toEqual(['/v1/data/gateway/decision']);
  });

  test('a service without the batch API gets each decision alone, then no more batches', async () => {
    const { service, client } = await clientFor((path, body, res) =>
      path.startsWith('/v1/batch/')
        ? json(res, 404, { code: 'resource_not_found', message: 'no route' })
        : parity(path, body, res),
    );
    const first = await Promise.all([1, 2].map((n) => client.decide('gateway/decision', input(n))));
    expect(first.map((a) => a.decisionId)).toEqual(['dec-1', 'dec-2']);
    await Promise.all([3, 4].map((n) => client.decide('gateway/decision', input(n))));
    expect(service.exchanges.map((e) => e.path)).toEqual([
      '/v1/batch/data/gateway/decision',
      '/v1/data/gateway/decision',
      '/v1/data/gateway/decision',
      '/v1/data/gateway/decision',
      '/v1/data/gateway/decision',
    ]);
  });

  test('a service answering any path with one decision is not read as a batch: each decision is asked alone', async () => {
    const { service, client } = await clientFor((_path, body, res) =>
      json(res, 200, { decision_id: 'same', result: { allow: body.input?.n === 2 } }),
    );
    const answers = await Promise.all([1, 2].map((n) => client.decide('gateway/decision', input(n))));
    expect(answers.map((a) => a.result)).toEqual([{ allow: false }, { allow: true }]);
    await Promise.all([3, 4].map((n) => client.decide('gateway/decision', input(n))));
    expect(service.exchanges.map((e) => e.path)).toEqual([
      '/v1/batch/data/gateway/decision',
      ...Array(4).fill('/v1/data/gateway/decision'),
    ]);
  });

  test.each([405, 501])(
    'a batch answered %i gets each decision alone, then no more batches',
    async (status) => {
      const { service, client } = await clientFor((path, body, res) =>
        path.startsWith('/v1/batch/') ? json(res, status, { code: 'no_batch' }) : parity(path, body, res),
      );
      const answers = await Promise.all([1, 2].map((n) => client.decide('gateway/decision', input(n))));
      expect(answers.map((a) => a.decisionId)).toEqual(['dec-1', 'dec-2']);
      await Promise.all([3, 4].map((n) => client.decide('gateway/decision', input(n))));
      expect(service.exchanges.filter((e) => e.path.startsWith('/v1/batch/'))).toHaveLength(1);
    },
  );

  test("one decision's error fails that decision alone, closed unless the service is away", async () => {
    const { client } = await clientFor((_path, body, res) => {
      const responses: Record<string, unknown> = {};
      for (const [id, { n }] of Object.entries(body.inputs)) {
        if (n === 1) responses[id] = { decision_id: 'dec-1', result: { allow: true } };
        if (n === 2) responses[id] = { code: 'evaluation_error', message: 'boom', http_status_code: 500 };
        if (n === 3) responses[id] = { code: 'unavailable', message: 'swapping', http_status_code: 503 };
        // n === 4: no answer at all.
      }
      json(res, 207, { responses });
    });
    const settled = await Promise.allSettled([1, 2, 3, 4].map((n) => client.decide('p', input(n))));
    expect(settled[0]).toEqual({
      status: 'fulfilled',
      value: { decisionId: 'dec-1', result: { allow: true } },
    });
    const codes = settled.slice(1).map((s) => (s.status === 'rejected' ? codeOf(s.reason) : 'allowed'));
    expect(codes).toEqual(['decision_invalid', 'decision_unavailable', 'decision_invalid']);
  });

  test.each([
    [
      'a 200 whose responses are not an object',
      (res: ServerResponse) => json(res, 200, { responses: [{ result: { allow: true } }] }),
      'decision_invalid',
    ],
    [
      'an HTML page',
      (res: ServerResponse) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>'),
      'decision_invalid',
    ],
    [
      'HTTP 500',
      (res: ServerResponse) => json(res, 500, { code: 'internal_error', message: 'boom' }),
      'decision_invalid',
    ],
    ['HTTP 502', (res: ServerResponse) => json(res, 502, {}), 'decision_unavailable'],
  ])('a batch answered with %s fails every decision in it as %s', async (_what, reply, code) => {
    const { client } = await clientFor((_path, _body, res) => reply(res));
    const settled = await Promise.allSettled([1, 2].map((n) => client.decide('p', input(n))));
    expect(settled.map((s) => (s.status === 'rejected' ? codeOf(s.reason) : 'allowed'))).toEqual([
      code,
      code,
    ]);
  });
});
