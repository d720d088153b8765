import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import {
  startDecisionService,
  type DecisionEvent,
  type RunningDecisionService,
} from '../../services/decision/index.js';
import { cleanup, getJson, postJson, tempDir, writeFiles } from './support.js';

/*
 * The REST API over a data-only bundle: everything except wasm evaluation
 * (covered by the end-to-end tests once the compiler produces modules).
 */

let dir: string;
let service: RunningDecisionService;
const events: DecisionEvent[] = [];

beforeAll(async () => {
  dir = await tempDir('api');
  await writeFiles(dir, {
    '.manifest': { revision: 'rev-1', roots: ['acme', 'system'] },
    'acme/data.json': { users: { alice: { admin: true } }, list: [1, 2, 3] },
    'system/main/data.json': { decision: 'allow' },
  });
  service = await startDecisionService({
    bundles: [dir],
    maxInputBytes: 1024,
    workers: 1,
    onDecisionEvent: (e) => events.push(e),
  });
});

afterAll(async () => {
  await service.close();
  await cleanup(dir);
});

describe('/v1/data', () => {
  test('GET a document', async () => {
    const { status, body } = await getJson(`${service.url}/v1/data/acme/users/alice`);
    expect(status).toBe(200);
    expect(body.result).toEqual({ admin: true });
    expect(body.decision_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('GET the whole data document and an array element', async () => {
    expect((await getJson(`${service.url}/v1/data`)).body.result.acme.list).toEqual([1, 2, 3]);
    expect((await getJson(`${service.url}/v1/data/acme/list/1`)).body.result).toBe(2);
  });

  test('undefined is 200 without a result key', async () => {
    const { status, body } = await getJson(`${service.url}/v1/data/acme/nobody`);
    expect(status).toBe(200);
    expect('result' in body).toBe(false);
    expect(body.decision_id).toBeDefined();
  });

  test('POST with input, provenance and metrics', async () => {
    const { status, body } = await postJson(`${service.url}/v1/data/acme/users?provenance&metrics=true`, {
      input: { user: 'alice' },
    });
    expect(status).toBe(200);
    expect(body.result.alice.admin).toBe(true);
    expect(body.provenance.bundles).toEqual({ [dir]: { revision: 'rev-1' } });
    expect(typeof body.metrics.timer_server_handler_ns).toBe('number');
    expect(body.warning).toBeUndefined();
  });

  test('POST without input warns as OPA does', async () => {
    const { body } = await postJson(`${service.url}/v1/data/acme/list`, {});
    expect(body.warning).toEqual({
      code: 'api_usage_warning',
      message: "'input' key missing from the request",
    });
    expect(body.result).toEqual([1, 2, 3]);
  });

  test('pretty output is indented', async () => {
    const res = await fetch(`${service.url}/v1/data/acme/users/alice?pretty=true`);
    expect(await res.text()).toContain('\n  "result": {\n    "admin": true\n  }');
  });

  test('a gzip-encoded body is accepted, and the limit applies to its inflated size', async () => {
    const small = gzipSync(JSON.stringify({ input: { user: 'alice' } }));
    const ok = await getJson(`${service.url}/v1/data/acme/users/alice`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: small,
    });
    expect(ok.body.result).toEqual({ admin: true });
    const bomb = gzipSync(JSON.stringify({ input: { pad: 'x'.repeat(5000) } }));
    expect(bomb.length).toBeLessThan(1024);
    const refused = await getJson(`${service.url}/v1/data/acme`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: bomb,
    });
    expect(refused.status).toBe(413);
  });

  test('an unknown content encoding is 415, a corrupt gzip body 400', async () => {
    const unknown = await getJson(`${service.url}/v1/data/acme`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'zstd' },
      body: '{}',
    });
    expect(unknown.status).toBe(415);
    expect(unknown.body.message).toContain('zstd');
    const corrupt = await getJson(`${service.url}/v1/data/acme`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: 'not gzip at all',
    });
    expect(corrupt.status).toBe(400);
    expect(corrupt.body.message).toContain('not valid gzip');
  });

  test('malformed JSON is 400 invalid_parameter', async () => {
    const { status, body } = await postJson(`${service.url}/v1/data/acme`, '{"input": ');
    expect(status).toBe(400);
    expect(body.code).toBe('invalid_parameter');
    expect(body.message).toContain('malformed JSON');
  });

  test('a body that is not an object is 400', async () => {
    const { status } = await postJson(`${service.url}/v1/data/acme`, '[1]');
    expect(status).toBe(400);
  });

  test('input over the limit is 413', async () => {
    const { status, body } = await postJson(`${service.url}/v1/data/acme`, {
      input: { pad: 'x'.repeat(2000) },
    });
    expect(status).toBe(413);
    expect(body).toEqual({
      code: 'invalid_parameter',
      message: 'request body too large: the limit is 1024 bytes',
    });
  });

  test('a body declared over the limit is refused at once and the connection closed', async () => {
    const { port } = new URL(service.url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.write(
      'POST /v1/data/acme HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 104857600\r\n\r\n{"input": ',
    );
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    // the server ends the connection without waiting for the 100 MiB it was promised
    await new Promise((resolve) => socket.on('close', resolve));
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(answer).toContain('the limit is 1024 bytes');
  });

  test('malformed input query parameter is 400', async () => {
    const { status } = await getJson(`${service.url}/v1/data/acme?input=%7Bnope`);
    expect(status).toBe(400);
  });

  test('a bad deadline header is 400', async () => {
    const { status, body } = await getJson(`${service.url}/v1/data/acme`, {
      headers: { 'x-portcullis-deadline-ms': 'soon' },
    });
    expect(status).toBe(400);
    expect(body.message).toContain('x-portcullis-deadline-ms');
  });
});

describe('/v0/data and the default decision', () => {
  test('v0 answers the bare value', async () => {
    const { status, body } = await postJson(`${service.url}/v0/data/acme/users/alice`, { any: 'input' });
    expect(status).toBe(200);
    expect(body).toEqual({ admin: true });
  });

  test('v0 undefined is 404 undefined_document', async () => {
    const { status, body } = await postJson(`${service.url}/v0/data/acme/missing`, {});
    expect(status).toBe(404);
    expect(body.code).toBe('undefined_document');
  });

  test('POST / answers system/main', async () => {
    const { status, body } = await postJson(`${service.url}/`, { user: 'x' });
    expect(status).toBe(200);
    expect(body).toEqual({ decision: 'allow' });
  });
});

describe('health, status, metrics and unknown routes', () => {
  test('/health and /health?bundles', async () => {
    expect(await getJson(`${service.url}/health`)).toMatchObject({ status: 200, body: {} });
    expect(await getJson(`${service.url}/health?bundles`)).toMatchObject({ status: 200, body: {} });
  });

  test('/v1/status reports the bundle and decision logs', async () => {
    const { status, body } = await getJson(`${service.url}/v1/status`);
    expect(status).toBe(200);
    expect(body.result.bundles[dir]).toMatchObject({ name: dir, active_revision: 'rev-1' });
    expect(body.result.plugins.bundle.state).toBe('OK');
    expect(body.result.labels.version).toBe('0.1.0');
    expect(body.result.decision_logs.queue).toBeNull();
  });

  test('/metrics is Prometheus text that counts requests', async () => {
    await getJson(`${service.url}/v1/data/acme`);
    const res = await fetch(`${service.url}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await res.text();
    expect(text).toContain('# TYPE portcullis_decision_requests_total counter');
    expect(text).toMatch(/portcullis_decision_requests_total\{handler="GET \/v1\/data",code="200"\} \d+/);
    expect(text).toContain(`portcullis_bundle_active{bundle="${dir}"} 1`);
    expect(text).toMatch(/portcullis_decision_request_duration_seconds_bucket\{[^}]*le="\+Inf"[^}]*\} \d+/);
    // The process's own metrics come after the service's.
    expect(text).toContain('# TYPE process_cpu_seconds_total counter');
  });

  test('unknown routes are 404 with a code', async () => {
    const { status, body } = await getJson(`${service.url}/v2/nothing`);
    expect(status).toBe(404);
    expect(body.code).toBe('resource_not_found');
  });

  test('a known route asked with another method is 405 with Allow', async () => {
    const res = await fetch(`${service.url}/v0/data/acme`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(await res.json()).toEqual({
      code: 'method_not_allowed',
      message: 'GET is not allowed on /v0/data; use POST',
    });
    const del = await fetch(`${service.url}/v1/data/acme`, { method: 'DELETE' });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, POST');
  });

  test('a path that is not valid percent-encoding is 400', async () => {
    const { status, body } = await getJson(`${service.url}/v1/data/acme/%E0%A4%A`);
    expect(status).toBe(400);
    expect(body.message).toContain('percent-encoding');
  });

  test('percent-encoded segments are decoded, and a trailing slash is the same document', async () => {
    expect((await getJson(`${service.url}/v1/data/acme/users/ali%63e`)).body.result).toEqual({ admin: true });
    expect((await getJson(`${service.url}/v1/data/acme/list/`)).body.result).toEqual([1, 2, 3]);
  });
});

describe('decision log events', () => {
  test('carry OPA fields and continue the incoming trace', async () => {
    events.length = 0;
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const { body } = await postJson(
      `${service.url}/v1/data/acme/users/alice`,
      { input: { user: 'alice' } },
      { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    );
    await service.context.decisionLogger.settle();
    const event = events.find((e) => e.decision_id === body.decision_id)!;
    expect(event).toMatchObject({
      path: 'acme/users/alice',
      input: { user: 'alice' },
      result: { admin: true },
      bundles: { [dir]: { revision: 'rev-1' } },
      trace_id: traceId,
    });
    expect(event.span_id).toMatch(/^[0-9a-f]{16}$/);
    expect(event.labels.id).toBeDefined();
    expect(new Date(event.timestamp).toString()).not.toBe('Invalid Date');
    expect(event.requested_by).toContain('127.0.0.1');
  });
});
