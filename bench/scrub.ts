import { Readable } from 'node:stream';
import { literalScrubber, scrubBuffer } from '../services/proxy/mask/scrub-stream.js';
import { summarise, timeCalls, type BenchResult } from './lib/stats.js';

/**
 * `npm run bench -- scrub`: the cost of scrubbing the injected credential
 * from a response, per MiB of body, against the floor of any scrubber —
 * one search for the secret as it is (`Buffer.indexOf`).
 *   - whole body, no echo (the common case: the check that finds nothing);
 *   - whole body with echoes in several encodings (matched and replaced);
 *   - streamed in 16 KiB chunks (what streamed responses pay);
 *   - a basic credential (`user:password`, two literals).
 * Environment: PORTCULLIS_BENCH_ITERATIONS (30).
 */
const ITERATIONS = Number(process.env.PORTCULLIS_BENCH_ITERATIONS ?? 30);
const SECRET = 'upstream-secret-0123456789abcdef';
const LITERALS = [SECRET, `Bearer ${SECRET}`];

function jsonBody(echoes: string[]): Buffer {
  const rows = Array.from({ length: 9000 }, (_, i) => ({
    id: i,
    name: `user ${i}`,
    email: `u${i}@example.com`,
    note:
      i % 1500 === 0
        ? `echo ${echoes[(i / 1500) % echoes.length] ?? ''}`
        : 'lorem ipsum &amp; 50% %20 \\u0041',
  }));
  return Buffer.from(JSON.stringify(rows));
}

function perMiB(samples: number[], bytes: number): { median_ms: number; p99_ms: number } {
  const scale = (1024 * 1024) / bytes;
  return summarise(samples.map((ms) => ms * scale));
}

async function streamed(body: Buffer, literals: string[]): Promise<void> {
  const chunks: Buffer[] = [];
  for (let at = 0; at < body.length; at += 16 * 1024) chunks.push(body.subarray(at, at + 16 * 1024));
  const out = Readable.from(chunks).pipe(literalScrubber(literals, '[MASKED]'));
  for await (const _chunk of out) void _chunk;
}

export async function run(): Promise<BenchResult> {
  const plain = jsonBody([]);
  const echoes = jsonBody([
    SECRET,
    Buffer.from(`Bearer ${SECRET}`).toString('base64'),
    Buffer.from(SECRET).toString('hex').toUpperCase(),
    encodeURIComponent(SECRET).replace(/-/g, '%2D'),
  ]);
  const options = { iterations: ITERATIONS, warmup: 5 };
  const mib = (plain.length / 1024 / 1024).toFixed(2);
  const rows = [
    {
      name: 'indexOf (floor)',
      ...perMiB(await timeCalls(() => plain.indexOf(SECRET), options), plain.length),
      note: `${mib} MiB JSON, one literal search`,
    },
    {
      name: 'no echo, whole body',
      ...perMiB(await timeCalls(() => scrubBuffer(plain, LITERALS, '[MASKED]'), options), plain.length),
    },
    {
      name: '4 echoes, whole body',
      ...perMiB(await timeCalls(() => scrubBuffer(echoes, LITERALS, '[MASKED]'), options), echoes.length),
    },
    {
      name: 'no echo, 16 KiB chunks',
      ...perMiB(await timeCalls(() => streamed(plain, LITERALS), options), plain.length),
    },
    {
      name: 'basic user:password',
      ...perMiB(
        await timeCalls(() => scrubBuffer(plain, ['robot:' + SECRET, SECRET], '[MASKED]'), options),
        plain.length,
      ),
    },
  ];
  return { title: 'credential scrubbing, ms per MiB of response body', baseline: 'indexOf (floor)', rows };
}
