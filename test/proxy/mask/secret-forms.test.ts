import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import fc from 'fast-check';
import { base64Cores, buildSecretMatcher } from '../../../services/proxy/mask/secret-forms.js';
import {
  literalScrubber,
  scrubBuffer,
  scrubHeaderValues,
} from '../../../services/proxy/mask/scrub-stream.js';
import { fuzzOptions, fuzzTimeout } from '../../support/fuzz.js';
import { asBytes, base64Core, BYTE_ENCODERS, CHAR_ENCODERS, encodeText, leak } from './secret-encodings.js';

const SECRET = 'Upstream/Secret+0123456789=abc';

const scrub = (text: string, literals = [SECRET]) =>
  scrubBuffer(Buffer.from(text, 'latin1'), literals, '#').toString('latin1');

async function scrubStreamed(bytes: Buffer, cuts: number[], literals: string[]): Promise<Buffer> {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks = [0, ...points].map((p, i, all) => bytes.subarray(p, all[i + 1] ?? bytes.length));
  return buffer(Readable.from(chunks).pipe(literalScrubber(literals, '#')));
}

describe('the scrubber knows every common encoding of the secret', () => {
  it.each(Object.keys(CHAR_ENCODERS))('text written %s', (name) => {
    const echoed = `before ${encodeText(SECRET, () => CHAR_ENCODERS[name])} after`;
    const out = scrub(asBytes(echoed));
    expect(leak(SECRET, out)).toBeNull();
    expect(out).toMatch(/^before .*# after$/);
  });

  it('text written with a different encoding for every character', () => {
    const names = Object.keys(CHAR_ENCODERS);
    for (let shift = 0; shift < names.length; shift++) {
      const echoed = encodeText(SECRET, (i) => CHAR_ENCODERS[names[(i + shift) % names.length]]);
      expect([shift, leak(SECRET, scrub(asBytes(echoed)))]).toEqual([shift, null]);
    }
  });

  it.each(Object.keys(BYTE_ENCODERS))(
    '%s of the secret, of Bearer <secret> and of user:<secret> at every alignment',
    (name) => {
      for (const prefix of ['', 'Bearer ', 'u:', 'us:', 'use:', 'robot-account:']) {
        const value = `${prefix}${SECRET}`;
        const encoded = BYTE_ENCODERS[name](value);
        const out = scrub(`x ${encoded} y`);
        const cores = name.startsWith('base64')
          ? [
              base64Core(
                Buffer.from(value).toString(name === 'base64url' ? 'base64url' : 'base64'),
                Buffer.byteLength(prefix),
                Buffer.byteLength(SECRET),
              ),
            ]
          : [];
        expect([prefix, leak(SECRET, out, cores)]).toEqual([prefix, null]);
      }
    },
  );

  it('secrets in other scripts, with their Latin-1 and UTF-16 forms', () => {
    for (const secret of ['пароль-секрет-42', 'clé-secrète-été', 'トークン秘密の鍵', 'emoji-🔑-secret']) {
      for (const name of Object.keys(CHAR_ENCODERS)) {
        const out = scrub(asBytes(`«${encodeText(secret, () => CHAR_ENCODERS[name])}»`), [secret]);
        expect([secret, name, leak(secret, out)]).toEqual([secret, name, null]);
      }
      for (const name of ['utf16le', 'utf16be', 'hex']) {
        const out = scrub(`«${BYTE_ENCODERS[name](secret)}»`, [secret]);
        expect([secret, name, leak(secret, out)]).toEqual([secret, name, null]);
      }
    }
    const latin1 = Buffer.from('clé-secrète-été', 'latin1').toString('latin1');
    expect(scrub(`«${latin1}»`, ['clé-secrète-été'])).toBe('«#»');
  });

  it('base64 cores cover every alignment', () => {
    const bytes = Buffer.from(SECRET);
    for (let offset = 0; offset < 3; offset++) {
      const encoded = Buffer.concat([Buffer.from('abc').subarray(0, offset), bytes]).toString('base64');
      expect(encoded).toContain(base64Cores(bytes, 'base64')[offset]);
    }
  });

  it('header values, and a header whose name holds the secret', () => {
    const headers: Record<string, string | string[]> = {
      'x-echo': `Basic ${Buffer.from(`robot:${SECRET}`).toString('base64')}`,
      'set-cookie': [`t=${encodeURIComponent(SECRET)}`, 'other=1'],
      [`x-${SECRET.toLowerCase().replace(/[/+=]/g, '-')}`]: '1',
    };
    scrubHeaderValues(headers, [SECRET.replace(/[/+=]/g, '-')], '#');
    scrubHeaderValues(headers, [SECRET], '[✓ masked]');
    expect(leak(SECRET, JSON.stringify(headers))).toBeNull();
    expect(Object.keys(headers)).toEqual(['x-echo', 'set-cookie']);
    // `robot:` encodes to cm9ib3Q6 on its own; every character after it depends on the secret.
    expect(headers['x-echo']).toMatch(/^Basic cm9ib3Q6\[MASKED\]=*$/);
  });

  it('leaves text without the secret alone', () => {
    const body = JSON.stringify({ a: 'Upstream/Secre', b: '%55pstream', c: 'dXBzdHJl', d: '&#85;p' });
    expect(scrub(body)).toBe(body);
  });
});

describe('scrubber properties', () => {
  const secretArb = fc.oneof(
    fc.string({ unit: 'grapheme-ascii', minLength: 8, maxLength: 48 }),
    fc.string({ unit: 'grapheme', minLength: 4, maxLength: 24 }).filter((s) => Buffer.byteLength(s) >= 8),
    fc.uint8Array({ minLength: 12, maxLength: 32 }).map((b) => Buffer.from(b).toString('base64url')),
  );
  const filler = fc.string({
    unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789 ,.{}[]"'),
    maxLength: 60,
  });
  const charEncoder = fc.constantFrom(...Object.values(CHAR_ENCODERS));

  it(
    'no text encoding of any secret survives, however the stream is cut',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          secretArb,
          fc.array(charEncoder, { minLength: 1, maxLength: 6 }),
          filler,
          filler,
          fc.array(fc.nat(400), { maxLength: 8 }),
          async (secret, encoders, before, after, cuts) => {
            const echoed = Buffer.from(
              before + encodeText(secret, (i) => encoders[i % encoders.length]) + after,
              'utf8',
            );
            const whole = scrubBuffer(echoed, [secret], '#');
            expect(leak(secret, whole.toString('latin1'))).toBeNull();
            expect((await scrubStreamed(echoed, cuts, [secret])).equals(whole)).toBe(true);
          },
        ),
        fuzzOptions(150),
      );
    },
    fuzzTimeout(),
  );

  it(
    'no byte encoding of a secret inside a longer value survives',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          secretArb,
          fc.string({ maxLength: 12 }),
          fc.string({ maxLength: 12 }),
          fc.constantFrom(...Object.keys(BYTE_ENCODERS)),
          fc.array(fc.nat(400), { maxLength: 8 }),
          async (secret, prefix, suffix, name, cuts) => {
            fc.pre(Buffer.byteLength(secret) >= 8);
            const value = prefix + secret + suffix;
            const echoed = Buffer.from(`{"echo":"${BYTE_ENCODERS[name](value)}"}`, 'latin1');
            const out = scrubBuffer(echoed, [secret], '#');
            const alphabet = name === 'base64url' ? 'base64url' : 'base64';
            const cores = name.startsWith('base64')
              ? [
                  base64Core(
                    Buffer.from(value).toString(alphabet),
                    Buffer.byteLength(prefix),
                    Buffer.byteLength(secret),
                  ),
                ]
              : [];
            expect(leak(secret, out.toString('latin1'), cores)).toBeNull();
            expect((await scrubStreamed(echoed, cuts, [secret])).equals(out)).toBe(true);
          },
        ),
        fuzzOptions(150),
      );
    },
    fuzzTimeout(),
  );

  it(
    'bodies without the secret pass unchanged',
    () => {
      const secret = 'k3y-' + 'Zq8vN2xW7pL4rT9m';
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
          fc.pre(!text.toLowerCase().includes('k3y'));
          const bytes = Buffer.from(text, 'utf8');
          expect(scrubBuffer(bytes, [secret], '#').equals(bytes)).toBe(true);
        }),
        fuzzOptions(300),
      );
    },
    fuzzTimeout(),
  );

  it('a secret too short to scrub safely gives no matcher', () => {
    expect(buildSecretMatcher(['abc'])).toBeNull();
    expect(buildSecretMatcher([])).toBeNull();
  });
});
