import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import fc from 'fast-check';
import { literalScrubber, scrubBuffer } from '../../../services/proxy/mask/scrub-stream.js';

async function throughStream(chunks: string[], literals: string[]): Promise<string> {
  return text(Readable.from(chunks.map((c) => Buffer.from(c))).pipe(literalScrubber(literals, '#')));
}

describe('literal scrubbing', () => {
  it('catches a secret split across chunks', async () => {
    expect(await throughStream(['abc sec', 'ret-to', 'ken xyz'], ['secret-token'])).toBe('abc # xyz');
  });

  it('streams the same result as the whole-buffer form, for any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.array(fc.nat(40), { maxLength: 6 }), async (filler, cuts) => {
        const whole = `${filler}TOPSECRET${filler}TOPSECRET`;
        const points = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points].map((p, i, all) => whole.slice(p, all[i + 1] ?? whole.length));
        const streamed = await throughStream(chunks, ['TOPSECRET']);
        expect(streamed).toBe(scrubBuffer(Buffer.from(whole), ['TOPSECRET'], '#').toString());
        expect(streamed).not.toContain('TOPSECRET');
      }),
      { numRuns: 100 },
    );
  });
});
