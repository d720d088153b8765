import type { IncomingMessage, ServerResponse } from 'node:http';
import { startHarness, type Harness } from '../support/harness.js';
import { listen } from '../support/servers.js';

/**
 * failMode: open forwards only when the decision service is away (no
 * connection, no answer in time, the answer cut off, HTTP 502–504). An
 * answer that is not a decision is about this request: closed everywhere.
 */

type Answer = (req: IncomingMessage, res: ServerResponse) => void;

/** A decision service that answers whatever the test says, recording the headers it was asked with. */
async function scriptedDecisionService() {
  const state: { answer: Answer; headers: IncomingMessage['headers'][] } = {
    answer: (_req, res) => res.end(),
    headers: [],
  };
  const server = await listen((req, res) => {
    state.headers.push(req.headers);
    req.resume();
    req.on('end', () => state.answer(req, res));
  });
  return Object.assign(server, { state });
}

const send =
  (status: number, body: string, type = 'application/json'): Answer =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };

describe('fail-open opens only on an outage', () => {
  let h: Harness;
  let service: Awaited<ReturnType<typeof scriptedDecisionService>>;
  beforeAll(async () => {
    service = await scriptedDecisionService();
    h = await startHarness({
      configure: (c) => {
        c.decisionUrl = service.url;
        c.decision = { ...c.decision, timeoutMs: 4000 };
        c.connections[0].failMode = 'open';
        c.connections.push({
          ...c.connections[0],
          name: 'closed',
          match: { pathPrefix: '/closed' },
          failMode: 'closed',
        });
      },
    });
  });
  afterAll(async () => {
    await h?.close();
    await service?.close();
  });

  it.each([
    ['an HTML page with 200', send(200, '<html><body>Welcome to the portal</body></html>', 'text/html')],
    ['HTML labelled as JSON', send(200, '<!doctype html><title>ok</title>')],
    ['JSON null', send(200, 'null')],
    ['a JSON array', send(200, '[{"result":{"allow":true}}]')],
    ['a JSON string', send(200, '"allow"')],
    ['a JSON number', send(200, '1')],
    ['an empty body', send(200, '')],
    ['no result', send(200, '{"decision_id":"d1"}')],
    ['a result that is not a decision', send(200, '{"result":"<html>"}')],
    ['a redirect', send(302, '')],
    ['404', send(404, '{"code":"resource_not_found"}')],
    ['500', send(500, '{"code":"eval_cancel_error"}')],
  ])('%s is decision_invalid, closed on a fail-open connection', async (_name, answer) => {
    service.state.answer = answer;
    const before = h.upstream.requests.length;
    for (const path of ['/api/x', '/closed/x']) {
      const res = await h.call(path, { method: 'DELETE' });
      expect([path, res.status, res.json().error]).toEqual([path, 503, 'decision_invalid']);
      expect(res.headers.get('x-portcullis-fail-open')).toBeNull();
    }
    expect(h.upstream.requests.length).toBe(before);
  });

  it.each([
    ['502', send(502, 'bad gateway', 'text/plain')],
    ['503', send(503, '{"code":"unavailable"}')],
    ['504', send(504, '<html>gateway timeout</html>', 'text/html')],
    [
      'an answer cut off mid-body',
      ((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': 100 });
        res.write('{"result":');
        res.socket?.destroy();
      }) as Answer,
    ],
    ['the connection dropped', ((_req, res) => res.socket?.destroy()) as Answer],
  ])('%s is decision_unavailable: forwarded only where fail-open', async (_name, answer) => {
    service.state.answer = answer;
    const before = h.upstream.requests.length;
    const open = await h.call('/api/x');
    expect(open.status).toBe(200);
    expect(open.headers.get('x-portcullis-fail-open')).toBe('true');
    const closed = await h.call('/closed/x');
    expect([closed.status, closed.json().error]).toEqual([503, 'decision_unavailable']);
    expect(h.upstream.requests.length).toBe(before + 1);
  });

  it('asks the decision service to answer within the decision timeout', async () => {
    service.state.answer = send(200, '{"result":{"allow":true}}');
    service.state.headers.length = 0;
    expect((await h.call('/closed/x')).status).toBe(200);
    expect(service.state.headers[0]['x-portcullis-deadline-ms']).toBe('4000');
  });

  it.each([
    ['CR LF', 'd1\r\nSet-Cookie: session=stolen'],
    ['non-Latin-1', 'décision-✓'],
    ['empty', ''],
    ['overlong', 'x'.repeat(500)],
  ])('a decision id with %s is replaced by one the proxy mints', async (_name, id) => {
    service.state.answer = send(200, JSON.stringify({ decision_id: id, result: { allow: true } }));
    const res = await h.call('/closed/x');
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('x-portcullis-decision-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
