import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { fuzzOptions, fuzzTimeout } from '../../support/fuzz.js';
import {
  asBytes,
  base64Core,
  BYTE_ENCODERS,
  CHAR_ENCODERS,
  encodeText,
  leak,
} from '../mask/secret-encodings.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * Fuzzing response bodies through masking and credential scrubbing.
 * Invariant: whatever the upstream answers — the injected credential echoed
 * in any documented encoding, anywhere in the body, a field to mask at any
 * depth, gzip or not, cut in any chunks — the caller never gets a form of
 * the credential nor the masked value, on the streamed, inspected and
 * masked paths, and the response-phase decision input never holds the
 * credential either.
 */

/** Streamed (scrubbed only), inspected (buffered, asked again), masked. */
const PATHS = ['/api/s', '/api/i', '/api/m'] as const;

interface Echo {
  /** The echo as it appears in the body, and the base64 cores the oracle looks for. */
  text: string;
  cores: string[];
}

/** The secret written some documented way, possibly inside a longer encoded value. */
function echoOf(
  secret: string,
  how: { kind: 'text' | 'bytes'; pick: number[]; name: string; prefix: string },
): Echo {
  if (how.kind === 'text') {
    const names = Object.keys(CHAR_ENCODERS);
    return {
      text: encodeText(secret, (i) => CHAR_ENCODERS[names[how.pick[i % how.pick.length] % names.length]]),
      cores: [],
    };
  }
  const value = how.prefix + secret;
  const text = BYTE_ENCODERS[how.name](value);
  const alphabet = how.name === 'base64url' ? 'base64url' : 'base64';
  const cores = how.name.startsWith('base64')
    ? [
        base64Core(
          Buffer.from(value).toString(alphabet),
          Buffer.byteLength(how.prefix),
          Buffer.byteLength(secret),
        ),
      ]
    : [];
  return { text, cores };
}

const echoHow = fc.record({
  kind: fc.constantFrom('text' as const, 'bytes' as const),
  pick: fc.array(fc.nat(100), { minLength: 1, maxLength: 5 }),
  // Encodings whose text survives inside a JSON string as it is.
  name: fc.constantFrom('base64', 'base64url', 'base64InJson', 'base64InUrl', 'hex', 'hexUpper', 'hexColons'),
  prefix: fc.constantFrom('', 'Bearer ', 'u:', 'ab:', 'robot:'),
});

/** A JSON document with `marker` under an `ssn` key `depth` levels down and the echo as a value or a key. */
function documentWith(
  filler: Record<string, unknown>,
  depth: number,
  marker: string,
  echo: string,
  echoAsKey: boolean,
): unknown {
  let inner: Record<string, unknown> = {
    ...filler,
    ssn: marker,
    [echoAsKey ? echo : 'note']: echoAsKey ? 1 : `see ${echo} here`,
  };
  for (let i = 0; i < depth; i++) inner = i % 2 === 0 ? { level: i, items: [inner] } : { wrap: inner };
  return inner;
}

const responseCase = fc.record({
  how: echoHow,
  filler: fc.dictionary(fc.string({ unit: 'grapheme-ascii', maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), {
    maxKeys: 4,
  }),
  depth: fc.nat(6),
  echoAsKey: fc.boolean(),
  type: fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/vnd.api+json',
    'text/plain',
  ),
  gzip: fc.boolean(),
  cuts: fc.array(fc.nat(2000), { maxLength: 6 }),
  marker: fc
    .string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 12, maxLength: 12 })
    .map((h) => `pii-${h}`),
});

describe('fuzzing responses through masking and scrubbing', () => {
  let h: Harness;
  let plan: { body: Buffer; type: string; gzip: boolean; cuts: number[] } | undefined;

  beforeAll(async () => {
    h = await startHarness({
      decide: (input) => {
        const path = input.request.path;
        return {
          allow: true,
          inspect_response: input.phase === 'request' && path === '/i',
          mask: path === '/m' ? { fields: ['**.ssn'], detectors: ['email'] } : null,
        };
      },
    });
    // The upstream answers the planned body, cut where the plan says.
    h.upstream.server.removeAllListeners('request');
    h.upstream.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      req.resume();
      const { body, type, gzip, cuts } = plan!;
      const bytes = gzip ? gzipSync(body) : body;
      res.writeHead(200, { 'content-type': type, ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
      const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
      [0, ...points].forEach((p, i, all) => res.write(bytes.subarray(p, all[i + 1] ?? bytes.length)));
      res.end();
    });
  });
  afterAll(async () => h?.close());

  it(
    'no form of the credential and no masked value reaches the caller',
    async () => {
      let masked = 0;
      const authorization = `Bearer ${await h.token()}`;
      await fc.assert(
        fc.asyncProperty(responseCase, async (c) => {
          const echo = echoOf(h.secret, c.how);
          const json = c.type !== 'text/plain';
          const text = json
            ? JSON.stringify(documentWith(c.filler, c.depth, c.marker, echo.text, c.echoAsKey))
            : `ssn=${c.marker}\nnote: ${echo.text}\n`;
          plan = { body: Buffer.from(text, 'utf8'), type: c.type, gzip: c.gzip, cuts: c.cuts };
          for (const path of PATHS) {
            const before = h.decisions.calls.length;
            const res = await h.call(path, { headers: { authorization } });
            const seen = asBytes(res.text);
            expect([path, leak(h.secret, seen, echo.cores)]).toEqual([path, null]);
            if (path === '/api/m') {
              // Masked, or refused (a text body cannot have its fields masked): never passed with the value.
              expect([path, res.status === 200 || res.status === 502]).toEqual([path, true]);
              expect(seen).not.toContain(c.marker);
              if (res.status === 200) masked++;
            } else {
              expect([path, res.status]).toEqual([path, 200]);
            }
            for (const call of h.decisions.calls.slice(before))
              expect([path, leak(h.secret, asBytes(JSON.stringify(call.input)), echo.cores)]).toEqual([
                path,
                null,
              ]);
          }
        }),
        fuzzOptions(40),
      );
      // Not vacuous: the masked path did answer, masked, most of the time.
      expect(masked).toBeGreaterThan(10);
    },
    fuzzTimeout(),
  );
});
