import { connect } from 'node:net';
import { startHarness, type Harness } from './support/harness.js';

/**
 * Sends raw bytes to the proxy and returns the status line: as soon as it has
 * arrived (the proxy answers only once it has decided), or, if the proxy
 * closes the connection without a complete one, what came before the close.
 */
function raw(url: string, text: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => socket.write(text));
    let data = '';
    socket.on('data', (chunk) => {
      data += chunk;
      if (data.includes('\r\n')) {
        resolve(data.split('\r\n')[0]);
        socket.destroy();
      }
    });
    socket.on('close', () => resolve(data.split('\r\n')[0]));
    socket.on('error', () => undefined);
  });
}

describe('proxy against hostile input', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('answers 413 for a declared body over the limit before authentication or any upstream call', async () => {
    h = await startHarness({ configure: (c) => void (c.connections[0].maxBodyBytes = 100) });
    const res = await fetch(h.proxy.url + '/api/x', { method: 'POST', body: 'x'.repeat(101) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toBe('body_too_large');
    expect(h.decisions.calls).toHaveLength(0);
    expect(h.upstream.requests).toHaveLength(0);
  });

  it('answers 413 for a chunked body that grows past the limit', async () => {
    h = await startHarness({ configure: (c) => void (c.connections[0].maxBodyBytes = 100) });
    const token = await h.token();
    const chunk = 'x'.repeat(80);
    const status = await raw(
      h.proxy.url,
      `POST /api/x HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer ${token}\r\nTransfer-Encoding: chunked\r\n\r\n` +
        `50\r\n${chunk}\r\n50\r\n${chunk}\r\n0\r\n\r\n`,
    );
    expect(status).toBe('HTTP/1.1 413 Payload Too Large');
    expect(h.upstream.requests).toHaveLength(0);
  });

  it('flags malformed JSON for the policy instead of dropping it', async () => {
    h = await startHarness();
    await h.call('/api/x', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":',
    });
    expect(h.decisions.calls[0].input.request).toMatchObject({
      body_status: 'invalid_json',
      body_text: '{"a":',
    });
    expect(h.decisions.calls[0].input.request.body).toBeUndefined();
  });

  it('leaves a body over the policy input limit out, flagged', async () => {
    h = await startHarness({ configure: (c) => void (c.decision = { maxInputBodyBytes: 10 }) });
    await h.call('/api/x', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"long":"value"}',
    });
    const request = h.decisions.calls[0].input.request;
    expect(request.body_status).toBe('too_large');
    expect(request.body_size).toBe(16);
    expect(request.body_text).toBeUndefined();
    expect(h.upstream.requests[0].body).toBe('{"long":"value"}');
  });

  it.each([
    ['/api/public/../admin', '/admin'],
    ['/api//admin', '/admin'],
    ['/api/./admin/', '/admin'],
    ['/api/%61dmin', '/admin'],
    ['/api/public%2F..%2Fadmin', '/admin'],
    ['/api/public/%2e%2e/admin', '/admin'],
  ])('normalises %s so the policy and the upstream both see %s', async (path, expected) => {
    h = await startHarness({
      decide: (input) => ({ allow: input.request.path !== '/admin', reasons: ['no admin'] }),
    });
    const res = await raw(
      h.proxy.url,
      `GET ${path} HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer ${await h.token()}\r\nConnection: close\r\n\r\n`,
    );
    expect(res).toBe('HTTP/1.1 403 Forbidden');
    expect(h.decisions.calls[0].input.request.path).toBe(expected);
    expect(h.upstream.requests).toHaveLength(0);
  });

  it.each([
    ['double encoding', '/api/%252e%252e/admin'],
    ['an encoded NUL', '/api/admin%00.json'],
    ['a backslash', '/api/public%5C..%5Cadmin'],
    ['a path parameter', '/api/admin;jsessionid=1'],
    ['bad percent-encoding', '/api/%zz'],
    ['invalid UTF-8', '/api/%c3%28'],
    ['climbing above the root', '/api/../../etc/passwd'],
    ['full-width dots and letters (NFKC ../admin)', '/api/x/%EF%BC%8E%EF%BC%8E/%EF%BD%81dmin'],
    ['a full-width solidus', '/api/x%EF%BC%8F..%EF%BC%8Fadmin'],
    ['overlong UTF-8 dots', '/api/x/%C0%AE%C0%AE/admin'],
    ['a division slash', '/api/x%E2%88%95..%E2%88%95admin'],
    ['a zero-width space', '/api/ad%E2%80%8Bmin'],
    ['a dotless i', '/api/adm%C4%B1n'],
    ['a trailing dot', '/api/admin.'],
    ['an 8.3 short name', '/api/ADMINI~1'],
    ['an NTFS stream', '/api/admin::$DATA'],
    ['a query escape that is not UTF-8', '/api/x?a=%C0%AE'],
  ])('refuses %s with 400 before the policy', async (_name, path) => {
    h = await startHarness();
    const res = await raw(
      h.proxy.url,
      `GET ${path} HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer ${await h.token()}\r\nConnection: close\r\n\r\n`,
    );
    expect(res).toBe('HTTP/1.1 400 Bad Request');
    expect(h.decisions.calls).toHaveLength(0);
    expect(h.upstream.requests).toHaveLength(0);
  });

  it.each([
    [
      'Content-Length with Transfer-Encoding',
      'Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ],
    ['two Content-Lengths', 'Content-Length: 3\r\nContent-Length: 5\r\n\r\nabcde'],
    ['a coding before chunked', 'Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n'],
    ['a look-alike coding', 'Transfer-Encoding: xchunked\r\n\r\n'],
    ['two Transfer-Encodings', 'Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
    ['two Host headers', 'Host: b\r\nContent-Length: 0\r\n\r\n'],
    ['a space before the colon', 'Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n'],
  ])('refuses %s with 400 (request smuggling)', async (_name, tail) => {
    h = await startHarness();
    const token = await h.token();
    const res = await raw(
      h.proxy.url,
      `POST /api/x HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer ${token}\r\n${tail}`,
    );
    expect(res).toBe('HTTP/1.1 400 Bad Request');
    expect(h.upstream.requests).toHaveLength(0);
  });

  it('drops hop-by-hop headers and those named in Connection, and does not trust X-Forwarded-For', async () => {
    h = await startHarness();
    const status = await raw(
      h.proxy.url,
      `GET /api/x HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer ${await h.token()}\r\n` +
        'Connection: close, x-secret-hop\r\nX-Secret-Hop: 1\r\nX-Forwarded-For: 6.6.6.6\r\nKeep-Alive: timeout=5\r\n\r\n',
    );
    expect(status).toBe('HTTP/1.1 200 OK');
    const seen = h.upstream.requests[0].headers;
    expect(seen['x-secret-hop']).toBeUndefined();
    expect(seen['keep-alive']).toBeUndefined();
    expect(seen['x-forwarded-for']).toBe('127.0.0.1');
  });
});
