/**
 * http.send through the SDK against a real HTTP server. The server runs in a
 * worker thread: http.send blocks the calling thread while it waits.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  MAX_ATTEMPT_TIMEOUT_MS,
  MAX_BODY_BYTES,
  MAX_OVERALL_WAIT_MS,
  MAX_PEM_FILE_BYTES,
  MAX_RETRY_ATTEMPTS,
  attemptTimeoutMs,
  retryAttempts,
  retryBudgetMs,
} from '../../../services/compiler/builtins/http.js';
import { loadQuery } from './support/policy.js';

const SERVER = `
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
const { maxBody } = require('node:worker_threads').workerData;
let hits = 0;
// Streams past the body cap; stops when the client hangs up.
const huge = (res, declared) => {
  const total = maxBody + (1 << 20);
  res.writeHead(200, { 'content-type': 'text/plain', ...(declared ? { 'content-length': total } : {}) });
  const chunk = Buffer.alloc(1 << 16, 97);
  let sent = 0;
  res.on('error', () => {});
  const pump = () => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return res.once('drain', pump);
    }
    res.end();
  };
  pump();
};
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
      case '/huge': return huge(res, false);
      case '/huge-declared': return huge(res, true);
      case '/slow': return; // never answers: only the client's timeout ends the request
      default: return send(404, 'text/plain', 'nope');
    }
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

let worker: Worker;
let base: string;

beforeAll(async () => {
  worker = new Worker(SERVER, { eval: true, workerData: { maxBody: MAX_BODY_BYTES } });
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

  it.each(['/huge', '/huge-declared'])(
    'fails a response body past the cap at %s, and the next request still works',
    async (path) => {
      const res = await send(`{"method": "get", "url": "BASE${path}", "raise_error": false}`);
      const message = `Get "${base}${path}": response body too large (more than ${MAX_BODY_BYTES} bytes)`;
      expect(res).toEqual({ status_code: 0, error: { code: 'eval_http_send_network_error', message } });
      await expect(send(`{"method": "get", "url": "BASE${path}"}`, true)).rejects.toMatchObject({
        code: 'eval_builtin_error',
        message: `http.send: ${message}`,
      });
      expect((await send('{"method": "get", "url": "BASE/json"}')).body).toEqual({ hello: 'world' });
    },
  );
});

describe('http.send TLS files', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'http-send-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const fileError = async (field: string, file: string) =>
    (
      await send(
        `{"method": "get", "url": "BASE/json", "${field}": ${JSON.stringify(file)}, "raise_error": false}`,
      )
    ).error;

  it.each(['tls_ca_cert_file', 'tls_client_cert_file', 'tls_client_key_file'])(
    'refuses a device as %s without reading it',
    async (field) => {
      expect(await fileError(field, '/dev/zero')).toEqual({
        code: 'eval_http_send_internal_error',
        message: 'read /dev/zero: not a regular file',
      });
    },
  );

  it('refuses a FIFO without blocking on it', async () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(await fileError('tls_ca_cert_file', fifo)).toEqual({
      code: 'eval_http_send_internal_error',
      message: `read ${fifo}: not a regular file`,
    });
  });

  it('refuses a file past the size limit, and names a missing one', async () => {
    const big = join(dir, 'big.pem');
    writeFileSync(big, Buffer.alloc(MAX_PEM_FILE_BYTES + 1, 65));
    expect(await fileError('tls_ca_cert_file', big)).toEqual({
      code: 'eval_http_send_internal_error',
      message: `read ${big}: file larger than ${MAX_PEM_FILE_BYTES} bytes`,
    });
    const missing = join(dir, 'missing.pem');
    expect((await fileError('tls_client_key_file', missing)) as { message: string }).toMatchObject({
      message: `open ${missing}: no such file or directory`,
    });
  });
});

describe('http.send limits', () => {
  it.each([
    ['100ms', 100],
    [2_000_000, 2],
    [1, 1],
    ['0', 5000],
    [0, 5000],
    ['-5s', 5000],
    ['1000h', MAX_ATTEMPT_TIMEOUT_MS],
    [String(2 ** 31 * 1e6 + 5e6), MAX_ATTEMPT_TIMEOUT_MS],
    [String(2n ** 62n), MAX_ATTEMPT_TIMEOUT_MS],
  ])('takes timeout %p as %p ms per attempt', (timeout, ms) => {
    expect(attemptTimeoutMs(timeout)).toBe(ms);
  });

  it('clamps max_retry_attempts rather than refusing it', () => {
    expect(retryAttempts({ max_retry_attempts: 3 })).toBe(3);
    expect(retryAttempts({ max_retry_attempts: 1e12 })).toBe(MAX_RETRY_ATTEMPTS);
    expect(retryAttempts({})).toBe(0);
  });

  it('bounds the retry budget: attempts plus the longest backoff, at most the overall cap', () => {
    expect(retryBudgetMs(100, 0)).toBe(100);
    expect(retryBudgetMs(100, 2)).toBe(300 + Math.ceil(100 * 1.1 + 160 * 1.1));
    expect(retryBudgetMs(MAX_ATTEMPT_TIMEOUT_MS, MAX_RETRY_ATTEMPTS)).toBe(MAX_OVERALL_WAIT_MS);
  });
});
