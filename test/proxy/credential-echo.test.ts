import { startHarness, type Harness } from './support/harness.js';
import type { DecisionFn, UpstreamReply } from './support/servers.js';
import {
  asBytes,
  base64Core,
  BYTE_ENCODERS,
  CHAR_ENCODERS,
  encodeText,
  leak,
} from './mask/secret-encodings.js';

/**
 * An upstream echoing the injected credential, in the forms a debugging
 * endpoint or an error page uses, never gets it to the caller: streamed,
 * inspected or masked.
 */

/** Streamed (no mask), buffered for the response-phase decision only, buffered and masked. */
const PATHS = ['/api/s', '/api/i', '/api/m'];

const decide: DecisionFn = (input) => {
  const path = input.request.path as string;
  return {
    allow: true,
    inspect_response: input.phase === 'request' && path === '/i',
    mask: path === '/m' ? { detectors: ['email'] } : null,
  };
};

describe('the injected credential echoed back', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ decide });
  });
  afterAll(async () => h?.close());

  async function everyPath(check: (text: string, status: number) => void): Promise<void> {
    for (const path of PATHS) {
      const res = await h.call(path);
      check(res.text, res.status);
    }
  }

  it('as base64 of the whole Authorization value, and of user:<secret> at every alignment', async () => {
    h.upstream.reply = (req) => ({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        auth: Buffer.from(String(req.headers.authorization)).toString('base64'),
        basic: ['a', 'ab', 'abc'].map((user) => Buffer.from(`${user}:${h.secret}`).toString('base64')),
      }),
    });
    const cores = [
      base64Core(Buffer.from(`Bearer ${h.secret}`).toString('base64'), 7, h.secret.length),
      ...['a', 'ab', 'abc'].map((u) =>
        base64Core(Buffer.from(`${u}:${h.secret}`).toString('base64'), u.length + 1, h.secret.length),
      ),
    ];
    await everyPath((text, status) => {
      expect(status).toBe(200);
      expect(leak(h.secret, text, cores)).toBeNull();
    });
  });

  it.each([
    ['hex', BYTE_ENCODERS.hex],
    ['upper-case hex', BYTE_ENCODERS.hexUpper],
    ['HTML character references', (s: string) => encodeText(s, () => CHAR_ENCODERS.htmlDecimal)],
    ['upper case', (s: string) => s.toUpperCase()],
    ['JSON escapes', (s: string) => encodeText(s, () => CHAR_ENCODERS.jsonU)],
  ])('as %s', async (_name, encode) => {
    h.upstream.reply = () => ({
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: `<p>token: ${encode(h.secret)}</p>`,
    });
    await everyPath((text, status) => {
      expect(status).toBe(200);
      expect(leak(h.secret, asBytes(text))).toBeNull();
    });
  });

  it('in a UTF-16 body that declares no charset', async () => {
    h.upstream.reply = () => ({
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from(`\ufefftoken=${h.secret}`, 'utf16le'),
    });
    for (const path of ['/api/s', '/api/i']) {
      const res = await fetch(h.proxy.url + path, {
        headers: { authorization: `Bearer ${await h.token()}` },
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(res.status).toBe(200);
      expect(leak(h.secret, bytes.toString('latin1'))).toBeNull();
    }
  });

  it('refuses a body in a charset the scrubber cannot read', async () => {
    for (const type of [
      'text/plain; charset=utf-16',
      'application/json; charset="UTF-32LE"',
      'text/plain; charset=ibm037',
    ]) {
      h.upstream.reply = () => ({
        headers: { 'content-type': type },
        body: Buffer.from(h.secret, 'utf16le'),
      });
      await everyPath((text, status) => {
        expect([type, status, JSON.parse(text).error]).toEqual([type, 502, 'response_not_maskable']);
      });
    }
  });

  it('asked for in byte ranges that cut it in pieces: the range is not passed on', async () => {
    // An upstream that honours Range, echoing the credential at a known place.
    h.upstream.reply = (req): UpstreamReply => {
      const whole = Buffer.from(`echo: ${h.secret} end`);
      const range = /^bytes=(\d+)-(\d+)$/.exec(String(req.headers.range ?? ''));
      if (!range) return { headers: { 'content-type': 'text/plain' }, body: whole };
      const [from, to] = [Number(range[1]), Number(range[2])];
      return {
        status: 206,
        headers: { 'content-type': 'text/plain', 'content-range': `bytes ${from}-${to}/${whole.length}` },
        body: whole.subarray(from, to + 1),
      };
    };
    const half = 6 + Math.floor(h.secret.length / 2);
    for (const path of PATHS) {
      const first = await h.call(path, { headers: { range: `bytes=0-${half}` } });
      const second = await h.call(path, { headers: { range: `bytes=${half + 1}-200` } });
      expect([path, first.status, second.status]).toEqual([path, 200, 200]);
      expect(leak(h.secret, first.text + second.text)).toBeNull();
      expect(first.text).toBe('echo: [MASKED] end');
    }
    expect(h.upstream.requests.every((r) => r.headers.range === undefined)).toBe(true);
  });

  it('split into one-byte chunks by the upstream', async () => {
    h.upstream.reply = undefined;
    const base = h.upstream.server.listeners('request')[0] as (...args: unknown[]) => void;
    h.upstream.server.removeAllListeners('request');
    h.upstream.server.on('request', (req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain' });
      const echo = Buffer.from(
        `echo ${Buffer.from(`Bearer ${h.secret}`).toString('base64')} ${h.secret} end`,
      );
      for (const byte of echo) res.write(Buffer.from([byte]));
      res.end();
    });
    try {
      await everyPath((text, status) => {
        expect(status).toBe(200);
        expect(
          leak(h.secret, text, [
            base64Core(Buffer.from(`Bearer ${h.secret}`).toString('base64'), 7, h.secret.length),
          ]),
        ).toBeNull();
        expect(text).toMatch(/^echo .*\[MASKED\].* \[MASKED\] end$/);
      });
    } finally {
      h.upstream.server.removeAllListeners('request');
      h.upstream.server.on('request', base);
    }
  });
});
