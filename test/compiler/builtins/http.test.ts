/**
 * http.send through the SDK against a real HTTP server. The server runs in a
 * worker thread: http.send blocks the calling thread while it waits.
 */
import { Worker } from 'node:worker_threads';
import { loadQuery } from './support/policy.js';

const SERVER = `
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
let hits = 0;
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const send = (status, type, text, extra = {}) => {
      res.writeHead(status, { 'content-type': type, ...extra });
      res.end(text);
    };
    switch (req.url) {
      case '/json': return send(200, 'application/json', '{"hello": "world"}');
      case '/yaml': return send(200, 'application/yaml', 'a: [1, 2]');
      case '/text': return send(200, 'text/plain', '{"not": "decoded"}');
      case '/echo': return send(200, 'application/json', JSON.stringify({ method: req.method, headers: req.headers, body }));
      case '/count': return send(200, 'application/json', String(++hits));
      case '/redirect': return send(302, 'text/plain', '', { location: '/json' });
      case '/slow': return setTimeout(() => send(200, 'text/plain', 'late'), 2000);
      default: return send(404, 'text/plain', 'nope');
    }
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

let worker: Worker;
let base: string;

beforeAll(async () => {
  worker = new Worker(SERVER, { eval: true });
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await worker.terminate();
});

/** Evaluates `x := http.send(<request>)` where the request is Rego text with BASE standing for the server. */
async function send(request: string, strict = false): Promise<Record<string, unknown>> {
  const source = `package test\n\np := http.send(${request.replaceAll('BASE', base)})\n`;
  const [row] = (await loadQuery(source, 'x := data.test.p', { strict })).evaluate();
  return row?.x as Record<string, unknown>;
}

describe('http.send', () => {
  it("answers OPA's response object, decoding a JSON body", async () => {
    const res = await send('{"method": "get", "url": "BASE/json"}');
    expect(res).toEqual({
      status: '200 OK',
      status_code: 200,
      body: { hello: 'world' },
      raw_body: '{"hello": "world"}',
      headers: expect.objectContaining({ 'content-type': ['application/json'] }),
    });
  });

  it('decodes YAML by content type, and leaves other bodies null unless forced', async () => {
    expect((await send('{"method": "get", "url": "BASE/yaml"}')).body).toEqual({ a: [1, 2] });
    expect((await send('{"method": "get", "url": "BASE/text"}')).body).toBeNull();
    expect((await send('{"method": "get", "url": "BASE/text", "force_json_decode": true}')).body).toEqual({
      not: 'decoded',
    });
  });

  it('sends the method upper-cased, the body as JSON, raw_body verbatim, and the headers', async () => {
    const res = await send(
      '{"method": "post", "url": "BASE/echo", "body": {"a": [1, 2]}, "headers": {"x-foo": "bar"}}',
    );
    expect(res.body).toEqual(
      expect.objectContaining({
        method: 'POST',
        body: '{"a":[1,2]}',
        headers: expect.objectContaining({ 'x-foo': 'bar' }),
      }),
    );
    const raw = await send(
      '{"method": "put", "url": "BASE/echo", "raw_body": "a=1", "body": {"ignored": true}}',
    );
    expect(raw.body).toEqual(expect.objectContaining({ method: 'PUT', body: 'a=1' }));
  });

  it('does not follow redirects unless enable_redirect is set', async () => {
    expect((await send('{"method": "get", "url": "BASE/redirect"}')).status_code).toBe(302);
    const followed = await send('{"method": "get", "url": "BASE/redirect", "enable_redirect": true}');
    expect(followed.body).toEqual({ hello: 'world' });
  });

  it('sends an identical request once per evaluation', async () => {
    const source = `package test\n\np := [a, b] if {\n  a := http.send({"method": "get", "url": "${base}/count"}).body\n  b := http.send({"method": "get", "url": "${base}/count"}).body\n}\n`;
    const q = await loadQuery(source, 'x := data.test.p');
    const [first] = q.evaluate();
    const [a, b] = first.x as number[];
    expect(b).toBe(a);
    await Promise.resolve();
    const [second] = q.evaluate();
    expect((second.x as number[])[0]).toBeGreaterThan(a);
  });

  it('times out a slow server: an error when raise_error holds, an error object otherwise', async () => {
    await expect(
      send('{"method": "get", "url": "BASE/slow", "timeout": "100ms"}', true),
    ).rejects.toMatchObject({
      code: 'eval_builtin_error',
      message: `http.send: Get ${base}/slow: request timed out`,
    });
    const res = await send('{"method": "get", "url": "BASE/slow", "timeout": "100ms", "raise_error": false}');
    expect(res).toEqual({
      status_code: 0,
      error: {
        code: 'eval_http_send_network_error',
        message: `Get "${base}/slow": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
      },
    });
  });

  it("reports a refused connection with Go's text", async () => {
    const res = await send('{"method": "get", "url": "http://127.0.0.1:1/", "raise_error": false}');
    expect(res.error).toEqual({
      code: 'eval_http_send_network_error',
      message: 'Get "http://127.0.0.1:1/": dial tcp 127.0.0.1:1: connect: connection refused',
    });
  });

  it('checks the request object before sending anything', async () => {
    await expect(
      send('{"bad_key": "bad_value", "method": "get", "url": "BASE"}', true),
    ).rejects.toMatchObject({
      code: 'eval_type_error',
      message: 'http.send: operand 1 invalid request parameters(s): {"bad_key"}',
    });
    await expect(send('{"method": "get"}', true)).rejects.toMatchObject({
      code: 'eval_type_error',
      message: 'http.send: operand 1 missing required request parameters(s): {"url"}',
    });
    await expect(send('{"method": "get", "url": "BASE", "raise_error": "no"}', true)).rejects.toMatchObject({
      code: 'eval_builtin_error',
      message: 'http.send: invalid value for raise_error field',
    });
    await expect(send('{"method": "get", "url": "ftp://x/"}', true)).rejects.toMatchObject({
      message: 'http.send: Get "ftp://x/": unsupported protocol scheme "ftp"',
    });
    expect(await send('{"method": 1, "url": "BASE", "raise_error": false}')).toEqual({
      status_code: 0,
      error: { code: 'eval_http_send_internal_error', message: '"method" must be a string' },
    });
  });
});
