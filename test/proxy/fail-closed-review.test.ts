import { startHarness, type Harness } from './support/harness.js';

/** Findings of the security review that live on the request path itself. */
describe('proxy review fixes on the request path', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('a body nested too deep to serialise is refused, never forwarded on a fail-open connection', async () => {
    h = await startHarness({
      decide: () => ({ allow: false, reasons: ['deny all'] }),
      configure: (c) => void (c.connections[0].failMode = 'open'),
    });
    const deep = '['.repeat(6000) + ']'.repeat(6000);
    const r = await h.call('/api/admin/delete-everything', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: deep,
    });
    expect(r.status).not.toBe(200);
    expect(r.headers.get('x-portcullis-fail-open')).toBeNull();
    expect(h.upstream.requests).toHaveLength(0);
  });

  it('a decision-service answer other than 502-504 fails closed even on a fail-open connection', async () => {
    h = await startHarness({
      decide: () => ({ allow: true }),
      configure: (c) => void (c.connections[0].failMode = 'open'),
    });
    h.decisions.state.status = 500;
    const r = await h.call('/api/x');
    expect(r.status).toBe(503);
    expect(h.upstream.requests).toHaveLength(0);
    h.decisions.state.status = 503;
    const away = await h.call('/api/x');
    expect(away.status).toBe(200);
    expect(away.headers.get('x-portcullis-fail-open')).toBe('true');
  });

  it('HEAD still gets the response-phase decision and its header removals', async () => {
    h = await startHarness({
      decide: (input) =>
        input.phase === 'response'
          ? { allow: true, headers: { set: {}, remove: ['x-internal'] } }
          : { allow: true, inspect_response: true },
    });
    h.upstream.reply = () => ({
      headers: { 'content-type': 'application/json', 'x-internal': 'secret-build-info' },
      body: '{}',
    });
    const head = await h.call('/api/x', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('x-internal')).toBeNull();
    expect(h.decisions.calls.map((c) => c.input.phase)).toEqual(['request', 'response']);
  });

  it('a response-phase deny blocks a HEAD too', async () => {
    h = await startHarness({
      decide: (input) =>
        input.phase === 'response' ? { allow: false } : { allow: true, inspect_response: true },
    });
    const head = await h.call('/api/x', { method: 'HEAD' });
    expect(head.status).toBe(403);
  });

  it('an upstream echoing the injected credential does not put it in the response-phase decision input', async () => {
    h = await startHarness({
      decide: (input) => ({ allow: true, inspect_response: input.phase === 'request' }),
    });
    const r = await h.call('/api/echo');
    expect(r.text).not.toContain(h.secret);
    const second = h.decisions.calls.find((c) => c.input.phase === 'response');
    expect(second).toBeDefined();
    expect(JSON.stringify(second!.input)).not.toContain(h.secret);
  });
});
