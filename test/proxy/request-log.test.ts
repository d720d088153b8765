import { startHarness, type Harness } from './support/harness.js';
import { inMemoryTracing } from './support/tracing.js';
import { waitFor } from '../decision/support.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('proxy request ids and log lines', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  const requestLines = async (count: number) => {
    const lines = () => h.logs.filter((l) => l.msg === 'request');
    await waitFor(`${count} request lines`, () => lines().length >= count);
    return lines();
  };

  it("echoes the caller's X-Request-Id, forwards it upstream and logs it with the path", async () => {
    h = await startHarness();
    const answer = await h.call('/api/items/7?token=hidden', { headers: { 'x-request-id': 'caller-42' } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-request-id')).toBe('caller-42');
    expect(h.upstream.requests[0].headers['x-request-id']).toBe('caller-42');
    const [line] = await requestLines(1);
    expect(line).toMatchObject({
      req_id: 'caller-42',
      path: '/api/items/7',
      method: 'GET',
      status: 200,
      connection: 'api',
      duration_ms: expect.any(Number),
    });
    expect(JSON.stringify(h.logs)).not.toContain('hidden');
  });

  it('mints an id when the caller sends none or an insane one, on error answers too', async () => {
    h = await startHarness();
    const none = await h.call('/nowhere');
    expect(none.status).toBe(404);
    const minted = none.headers.get('x-request-id')!;
    expect(minted).toMatch(UUID);
    const unauthenticated = await h.call('/api/x', {
      headers: { authorization: 'Bearer not-a-token', 'x-request-id': 'has spaces and "quotes"' },
    });
    expect(unauthenticated.status).toBe(401);
    const replaced = unauthenticated.headers.get('x-request-id')!;
    expect(replaced).toMatch(UUID);
    expect(replaced).not.toBe(minted);
    const allowed = await h.call('/api/x', { headers: { 'x-request-id': 'x'.repeat(129) } });
    expect(allowed.headers.get('x-request-id')).toMatch(UUID);
    // The upstream gets the proxy's id, never the caller's rejected one.
    expect(h.upstream.requests[0].headers['x-request-id']).toBe(allowed.headers.get('x-request-id'));
    const lines = await requestLines(3);
    expect(lines.map((l) => [l.req_id, l.path, l.status])).toEqual([
      [minted, '/nowhere', 404],
      [replaced, '/api/x', 401],
      [allowed.headers.get('x-request-id'), '/api/x', 200],
    ]);
  });

  it("keeps the proxy's request id when the upstream answers with another, streamed or masked", async () => {
    h = await startHarness({
      decide: (input) => ({ allow: true, inspect_response: input.request.path === '/masked' }),
    });
    h.upstream.reply = () => ({
      headers: { 'x-request-id': 'upstream-own-id', 'content-type': 'application/json' },
      body: '{}',
    });
    for (const path of ['/api/streamed', '/api/masked']) {
      const answer = await h.call(path, { headers: { 'x-request-id': 'caller-9' } });
      expect({ path, status: answer.status, id: answer.headers.get('x-request-id') }).toEqual({
        path,
        status: 200,
        id: 'caller-9',
      });
    }
  });

  it("puts req_id and path on the request's other lines (a failed upstream)", async () => {
    h = await startHarness();
    await h.upstream.close();
    const answer = await h.call('/api/down', { headers: { 'x-request-id': 'down-1' } });
    expect(answer.status).toBe(502);
    expect(answer.headers.get('x-request-id')).toBe('down-1');
    await requestLines(1);
    const lines = h.logs.filter((l) => l.req_id === 'down-1');
    expect(lines.map((l) => l.msg)).toEqual(['request failed', 'request']);
    for (const line of lines) expect(line.path).toBe('/api/down');
  });
});

describe('proxy log lines when tracing', () => {
  const tracing = inMemoryTracing();
  let h: Harness;
  beforeAll(() => tracing.install());
  afterAll(async () => {
    await h?.close();
    await tracing.uninstall();
  });

  it("carry the request span's trace id", async () => {
    h = await startHarness();
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    await h.call('/api/x', { headers: { traceparent: `00-${traceId}-b7ad6b7169203331-01` } });
    const line = await waitFor('the request line', () => h.logs.find((l) => l.msg === 'request'));
    expect(line).toMatchObject({ trace_id: traceId, status: 200 });
  });
});
