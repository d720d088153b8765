import fc from 'fast-check';
import { EventContinuity } from '../../../services/proxy/sse/continuity.js';
import { fuzzOptions } from '../../support/fuzz.js';

const SECRET = 'sk-live-7Hq2LmZp9XwR4tVb';

/** Every run of 8 characters of the secret that `text` still shows. */
function pieces(text: string, secret = SECRET): string[] {
  return Array.from({ length: secret.length - 7 }, (_, i) => secret.slice(i, i + 8)).filter((p) =>
    text.includes(p),
  );
}

describe('the credential across events', () => {
  it('a secret cut at any point between two events is masked, never shown whole', () => {
    for (let cut = 1; cut < SECRET.length; cut++) {
      const c = EventContinuity.for([SECRET], '[MASKED]')!;
      const first = c.scrub('/delta', `token: ${SECRET.slice(0, cut)}`);
      const second = c.scrub('/delta', `${SECRET.slice(cut)} and more`);
      const joined = first + second;
      expect(joined).not.toContain(SECRET);
      expect(pieces(joined)).toEqual([]);
      expect(joined).toContain('[MASKED]');
      // What follows the secret is not the secret's: it stays.
      expect(second.endsWith(' and more')).toBe(true);
    }
  });

  it('follows each JSON path on its own, over many events', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: SECRET.length }), { minLength: 1, maxLength: 5 }), (cuts) => {
        const points = [0, ...new Set(cuts)].sort((a, b) => a - b);
        const c = EventContinuity.for([SECRET], '[MASKED]')!;
        let joined = '';
        for (let i = 0; i < points.length; i++) {
          const part = SECRET.slice(points[i], points[i + 1] ?? SECRET.length);
          // Another path between the parts changes nothing for this one.
          c.scrub('/id', `chunk-${i}`);
          joined += c.scrub('/choices/0/delta/content', part);
        }
        expect(pieces(joined)).toEqual([]);
      }),
      fuzzOptions(200),
    );
  });

  it('catches encoded forms cut between events (percent, base64)', () => {
    const percent = [...SECRET].map((ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`).join('');
    const base64 = Buffer.from(SECRET).toString('base64');
    for (const encoded of [percent, base64]) {
      for (const cut of [5, Math.floor(encoded.length / 2), encoded.length - 3]) {
        const c = EventContinuity.for([SECRET], '[MASKED]')!;
        const joined = c.scrub('#data', `x=${encoded.slice(0, cut)}`) + c.scrub('#data', encoded.slice(cut));
        expect(joined).not.toContain(encoded);
        expect(joined).toContain('[MASKED]');
      }
    }
  });

  it("leaves ordinary text alone, even text sharing a few of the secret's first characters", () => {
    const c = EventContinuity.for([SECRET], '[MASKED]')!;
    const texts = ['Hello', ' world, the sk-', 'live feed is up', 'sk-li', 've is not it'];
    expect(texts.map((t) => c.scrub('/content', t))).toEqual(texts);
  });

  it('masks a whole secret behind its header prefix without touching what follows', () => {
    // The credential's literals as a bearer connection sends them.
    const c = EventContinuity.for([SECRET, `Bearer ${SECRET}`], '[MASKED]')!;
    const text = `{"authorization":"Bearer ${SECRET}","accept":"*/*"}`;
    expect(c.scrub('/result/content/0/text', text)).toBe(
      '{"authorization":"Bearer [MASKED]","accept":"*/*"}',
    );
    // Any other bearer token, even base64-encoded as a Basic or Bearer header would be, stays.
    const other = Buffer.from('Bearer another-token-entirely').toString('base64');
    expect(c.scrub('/other', `auth ${other}`)).toBe(`auth ${other}`);
  });

  it('keeps a bounded memory however many paths a stream invents', () => {
    const c = EventContinuity.for([SECRET], '[MASKED]')!;
    for (let i = 0; i < 5000; i++) c.scrub(`/p${i}`, `value ${i} ${'x'.repeat(100)}`);
    expect((c as unknown as { carry: Map<string, string> }).carry.size).toBeLessThanOrEqual(256);
  });

  it('is off when there is no credential long enough to scrub', () => {
    expect(EventContinuity.for([], '[MASKED]')).toBeNull();
    expect(EventContinuity.for(['abc'], '[MASKED]')).toBeNull();
  });
});
