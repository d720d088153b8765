import { gzipSync } from 'node:zlib';
import { startHarness, type Harness } from './support/harness.js';

const people = {
  users: [
    { name: 'Ann', ssn: '078-05-1120', email: 'ann@example.com', card: '4111 1111 1111 1111' },
    { name: 'Bob', ssn: '219-09-9999', email: 'bob@example.org', card: '4111 1111 1111 1112' },
  ],
  account: { password: 'hunter2', iban: 'GB82 WEST 1234 5698 7654 32', note: 'call +44 20 7946 0958' },
};

function json(body: unknown) {
  return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

describe('proxy masking', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('masks field paths and detectors in JSON, keeping its shape and fixing Content-Length', async () => {
    h = await startHarness({
      decide: () => ({
        allow: true,
        mask: {
          fields: ['users[*].ssn', '**.password'],
          detectors: ['email', 'credit_card', 'iban', 'phone'],
        },
      }),
    });
    h.upstream.reply = () => json(people);
    const res = await h.call('/api/people');
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(res.text));
    expect(res.json()).toEqual({
      users: [
        { name: 'Ann', ssn: '[MASKED]', email: '[MASKED]', card: '[MASKED]' },
        // Not a Luhn-valid number: left alone.
        { name: 'Bob', ssn: '[MASKED]', email: '[MASKED]', card: '4111 1111 1111 1112' },
      ],
      account: { password: '[MASKED]', iban: '[MASKED]', note: 'call [MASKED]' },
    });
    expect(h.upstream.requests[0].headers['accept-encoding']).toBe('identity');
  });

  it('applies detectors to text responses with the decision replacement', async () => {
    h = await startHarness({
      decide: () => ({
        allow: true,
        mask: { detectors: ['aws_key', 'jwt', 'bearer_token'], replacement: '***' },
      }),
    });
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    h.upstream.reply = () => ({
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: `key AKIAIOSFODNN7EXAMPLE token ${jwt} auth: Bearer abcdefgh12345678`,
    });
    const res = await h.call('/api/logs');
    expect(res.text).toBe('key *** token *** auth: ***');
  });

  it('masks a gzip response after decoding it', async () => {
    h = await startHarness({ decide: () => ({ allow: true, mask: { detectors: ['email'] } }) });
    h.upstream.reply = () => ({
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ who: 'ann@example.com' })),
    });
    const res = await h.call('/api/x');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.json()).toEqual({ who: '[MASKED]' });
  });

  it('refuses a response too large to mask rather than passing it unmasked', async () => {
    h = await startHarness({
      decide: () => ({ allow: true, mask: { detectors: ['email'] } }),
      configure: (c) => {
        c.mask = { maxResponseBytes: 1024 };
      },
    });
    h.upstream.reply = () => json({ emails: Array.from({ length: 200 }, (_, i) => `u${i}@example.com`) });
    const res = await h.call('/api/x');
    expect(res.status).toBe(502);
    expect(res.json().error).toBe('response_too_large_to_mask');
    expect(res.text).not.toContain('@example.com');
  });

  it('refuses a binary response it was asked to mask', async () => {
    h = await startHarness({ decide: () => ({ allow: true, mask: { detectors: ['email'] } }) });
    h.upstream.reply = () => ({
      headers: { 'content-type': 'application/octet-stream' },
      body: 'ann@example.com',
    });
    const res = await h.call('/api/x');
    expect(res.status).toBe(502);
    expect(res.json().error).toBe('response_not_maskable');
  });

  it('masks the injected credential wherever the upstream echoes it, even unasked and split across chunks', async () => {
    h = await startHarness();
    h.upstream.reply = (req) => ({
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from(`echo: ${req.headers.authorization} / ${h.secret}`),
    });
    const res = await h.call('/api/x');
    expect(res.text).not.toContain(h.secret);
    expect(res.text).toBe('echo: Bearer [MASKED] / [MASKED]');
    h.upstream.reply = (req) => ({
      headers: { 'x-debug-auth': String(req.headers.authorization) },
      body: 'ok',
    });
    const echoed = await h.call('/api/y');
    expect(echoed.headers.get('x-debug-auth')).toBe('Bearer [MASKED]');
  });

  it('asks again with phase response and blocks what the answer blocks', async () => {
    h = await startHarness({
      decide: (input) =>
        input.phase === 'request'
          ? { allow: true, inspect_response: true }
          : { allow: !(input.response.body?.rows?.length > 2), reasons: ['too many rows'] },
    });
    h.upstream.reply = () => json({ rows: [1, 2, 3] });
    const res = await h.call('/api/export');
    expect(res.status).toBe(403);
    expect(res.json()).toMatchObject({ error: 'forbidden', reasons: ['too many rows'] });
    const second = h.decisions.calls[1].input;
    expect(second.phase).toBe('response');
    expect(second.response).toMatchObject({
      status: 200,
      body_status: 'parsed',
      content_type: 'application/json',
    });
    expect(second.request.path).toBe('/export');
  });

  it('merges the response-phase mask with the request-phase mask', async () => {
    h = await startHarness({
      decide: (input) =>
        input.phase === 'request'
          ? { allow: true, inspect_response: true, mask: { fields: ['a'] } }
          : { allow: true, mask: { fields: ['b'] }, headers: { set: { 'x-inspected': 'yes' } } },
    });
    h.upstream.reply = () => json({ a: 1, b: 2, c: 3 });
    const res = await h.call('/api/x');
    expect(res.json()).toEqual({ a: '[MASKED]', b: '[MASKED]', c: 3 });
    expect(res.headers.get('x-inspected')).toBe('yes');
    expect(res.headers.get('x-portcullis-response-decision-id')).toBe('dec-2');
  });

  it('rejects a decision naming an unknown detector (fails closed)', async () => {
    h = await startHarness({ decide: () => ({ allow: true, mask: { detectors: ['telepathy'] } }) });
    const res = await h.call('/api/x');
    expect(res.status).toBe(503);
    expect(res.json().error).toBe('decision_invalid');
    expect(h.upstream.requests).toHaveLength(0);
  });

  it('decodes a compressed streamed response to scrub the credential from it', async () => {
    h = await startHarness();
    h.upstream.reply = () => ({
      headers: { 'content-type': 'text/plain', 'content-encoding': 'gzip' },
      body: gzipSync(`token=${h.secret}`),
    });
    const res = await h.call('/api/x');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.text).toBe('token=[MASKED]');
  });

  it('answers HEAD without a body even when the decision masks', async () => {
    h = await startHarness({ decide: () => ({ allow: true, mask: { detectors: ['email'] } }) });
    h.upstream.reply = () => ({ headers: { 'content-type': 'application/json', 'x-rows': '3' } });
    const res = await h.call('/api/x', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(res.headers.get('x-rows')).toBe('3');
    expect(h.upstream.requests[0].method).toBe('HEAD');
  });
});
