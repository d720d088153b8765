import { writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { MAX_JSON_DEPTH } from '../../services/common/json-depth.js';
import { startDecisionService, type RunningDecisionService } from '../../services/decision/index.js';
import { fuzzOptions, fuzzTimeout } from '../support/fuzz.js';
import { appBundle } from './e2e/policy.js';
import { cleanup, tempDir } from './support.js';

/**
 * Fuzzing the decision API. Invariant: whatever arrives — any method,
 * path, query, headers, encoding and body, or bytes that are not HTTP —
 * the service answers with a status below 500 or the policy's own failure
 * (`evaluation_error`: a conflict, a strict builtin error), never an
 * internal error, and keeps serving.
 */

/** Codes a 500 may carry: the policy failed on this input, which the API reports as OPA does. */
const POLICY_FAILURES = new Set(['evaluation_error', 'eval_cancel_error']);

const nested = (depth: number) => '['.repeat(depth) + '0' + ']'.repeat(depth);

const segment = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      'app',
      'allow',
      'reasons',
      'rev',
      'num',
      'conflict',
      'system',
      'main',
      'log',
      'mask',
      'drop',
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '..',
      '.',
      '',
      '%2F',
      '%zz',
      '%00',
      '__proto__',
      'constructor',
      '%E2%80%8B',
      '0',
      '-1',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }).map(encodeURIComponent) },
);

const path = fc.oneof(
  { weight: 5, arbitrary: fc.array(segment, { maxLength: 4 }).map((s) => '/v1/data/' + s.join('/')) },
  { weight: 2, arbitrary: fc.array(segment, { maxLength: 3 }).map((s) => '/v0/data/' + s.join('/')) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '/',
      '/health',
      '/health?bundles',
      '/health?plugins',
      '/v1/status',
      '/metrics',
      '/v1/data',
      '/v1/policies',
      '/x',
    ),
  },
);

const input = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record(
      {
        user: fc.constantFrom('alice', 'bob', 1, null),
        s: fc.oneof(fc.string(), fc.constant('12')),
        a: fc.boolean(),
        b: fc.boolean(),
        n: fc.integer({ min: 0, max: 20 }),
        password: fc.string(),
        token: fc.string(),
        drop: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(MAX_JSON_DEPTH - 1, MAX_JSON_DEPTH, MAX_JSON_DEPTH + 1, 5000)
      .map((d) => JSON.parse(nested(Math.min(d, MAX_JSON_DEPTH - 1)))),
  },
);

/** The body as text: `{"input": ...}`, the bare input, deep text, or garbage. */
const bodyText = fc.oneof(
  { weight: 4, arbitrary: input.map((i) => JSON.stringify({ input: i })) },
  { weight: 2, arbitrary: input.map((i) => JSON.stringify(i) ?? '') },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(MAX_JSON_DEPTH, MAX_JSON_DEPTH + 2, 20_000)
      .map((d) => `{"input":${nested(d)}}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      'null',
      '[]',
      '{"input":',
      '{"__proto__":{"input":1}}',
      '1e999',
      '{"input":1e400}',
      '\u0000',
      '\ufeff{}',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
);

const query = fc
  .subarray([
    'pretty',
    'metrics=true',
    'provenance',
    'strict-builtin-errors',
    'explain=full',
    'instrument',
    'input=%7B%22user%22%3A%22alice%22%7D',
    'input=%7Bbad',
    `input=${encodeURIComponent(nested(MAX_JSON_DEPTH + 1))}`,
  ])
  .map((params) => (params.length ? '?' + params.join('&') : ''));

const encoding = fc.constantFrom('none', 'none', 'gzip', 'deflate', 'br', 'x-unknown', 'gzip-lie');

const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH'),
  path,
  query,
  body: bodyText,
  encoding,
  contentType: fc.constantFrom(
    undefined,
    'application/json',
    'text/plain',
    'application/x-www-form-urlencoded',
  ),
  deadline: fc.constantFrom(undefined, '1', '100', '0', '-5', 'abc', '1e9', 'NaN'),
});

function encode(body: Buffer, encodingName: string): Buffer {
  if (encodingName === 'gzip') return gzipSync(body);
  if (encodingName === 'deflate') return deflateSync(body);
  if (encodingName === 'br') return brotliCompressSync(body);
  return body;
}

/** Raw bytes the service must survive: valid requests cut or mutated, and noise. */
const rawBytes = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
  fc
    .tuple(
      fc.constantFrom(
        'POST /v1/data/app/allow HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n{"input":{"user":1}}',
        'POST /v1/data/app/allow HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"inp\r\n0\r\n\r\n',
        'GET /v1/data/app/allow?input=%7B%7D HTTP/1.1\r\nHost: x\r\n\r\n',
        'POST / HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\nabcd',
      ),
      fc.nat(300),
      fc.uint8Array({ maxLength: 8 }),
    )
    .map(([text, at, noise]) => {
      const bytes = Buffer.from(text, 'latin1');
      const cut = at % (bytes.length + 1);
      return Buffer.concat([bytes.subarray(0, cut), Buffer.from(noise), bytes.subarray(cut)]);
    }),
);

function rawSend(url: string, bytes: Buffer): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
  });
}

describe('fuzzing the decision API', () => {
  let dir: string;
  let service: RunningDecisionService;
  beforeAll(async () => {
    dir = await tempDir('fuzz-api');
    const file = join(dir, 'bundle.tar.gz');
    await writeFile(file, await appBundle('fuzz'));
    service = await startDecisionService({
      bundles: [file],
      workers: 1,
      evalTimeoutMs: 5000,
      maxInputBytes: 256 * 1024,
    });
  }, 60_000);
  afterAll(async () => {
    await service?.close();
    await cleanup(dir);
  });

  it(
    'never answers an internal error and keeps serving',
    async () => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const plain = Buffer.from(r.body, 'utf8');
          const lie = r.encoding === 'gzip-lie';
          const headers: Record<string, string> = {};
          if (r.contentType) headers['content-type'] = r.contentType;
          if (r.encoding !== 'none') headers['content-encoding'] = lie ? 'gzip' : r.encoding;
          if (r.deadline !== undefined) headers['x-portcullis-deadline-ms'] = r.deadline;
          const withBody = !['GET', 'HEAD'].includes(r.method);
          const res = await fetch(service.url + r.path + r.query, {
            method: r.method,
            headers,
            body: withBody
              ? lie || r.encoding === 'x-unknown'
                ? plain
                : encode(plain, r.encoding)
              : undefined,
          });
          const text = await res.text();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500) {
            // A HEAD answer has no body to name its code: the one reason a valid
            // request can fail is the short deadline the caller asked for.
            const code =
              r.method === 'HEAD'
                ? r.deadline === '1' || r.deadline === '100'
                  ? 'eval_cancel_error'
                  : 'unknown (HEAD)'
                : (JSON.parse(text) as { code?: string }).code;
            expect([r, res.status, POLICY_FAILURES.has(code ?? '') ? 'a policy failure' : code]).toEqual([
              r,
              res.status,
              'a policy failure',
            ]);
          }
        }),
        fuzzOptions(250),
      );
      // Not vacuous: decisions were made, and requests refused.
      expect(statuses.get(200) ?? 0).toBeGreaterThan(20);
      expect([...statuses.keys()].some((s) => s >= 400 && s < 500)).toBe(true);
      expect((await fetch(`${service.url}/health`)).status).toBe(200);
    },
    fuzzTimeout(),
  );

  it(
    'survives bytes that are not HTTP',
    async () => {
      await fc.assert(
        fc.asyncProperty(rawBytes, async (bytes) => {
          await rawSend(service.url, bytes);
        }),
        fuzzOptions(150),
      );
      const res = await fetch(`${service.url}/v1/data/app/allow`, {
        method: 'POST',
        body: JSON.stringify({ input: { user: 'alice' } }),
      });
      expect(await res.json()).toMatchObject({ result: true });
    },
    fuzzTimeout(),
  );
});
