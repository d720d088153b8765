import fc from 'fast-check';
import { fuzzOptions, fuzzTimeout } from '../../support/fuzz.js';
import { API_KEY, startHarness, type Harness } from '../support/harness.js';
import { rawExchange } from '../support/raw-http.js';
import { rawRequest, requestBytes } from './generators.js';

/**
 * Fuzzing request framing and paths through the proxy, over raw sockets.
 * Invariant: the upstream sees exactly the method, path, query and body
 * the policy saw, or nothing; never a request the policy did not see, never
 * one twice. Every request carries an X-Fuzz-Id the policy and the
 * upstream both see, which pairs them up.
 */

interface Seen {
  method: string;
  path: string;
  query: Record<string, string[]>;
  body: string;
}

/** The policy's view of request `id`. */
function policyView(h: Harness, id: string): Seen[] {
  return h.decisions.calls
    .filter((c) => c.input.phase === 'request' && c.input.request.headers['x-fuzz-id'] === id)
    .map((c) => ({
      method: c.input.request.method,
      path: c.input.request.path,
      query: JSON.parse(JSON.stringify(c.input.request.query)),
      body: c.input.request.body_text ?? '',
    }));
}

/** The upstream's view of request `id`, decoded independently of the proxy's code. */
function upstreamView(h: Harness, id: string): (Seen & { raw: string })[] {
  return h.upstream.requests
    .filter((r) => r.headers['x-fuzz-id'] === id)
    .map((r) => {
      const q = r.url.indexOf('?');
      const rawPath = q < 0 ? r.url : r.url.slice(0, q);
      const query: Record<string, string[]> = {};
      for (const [k, v] of new URLSearchParams(q < 0 ? '' : r.url.slice(q + 1))) (query[k] ??= []).push(v);
      return { method: r.method, path: decodeURIComponent(rawPath), query, body: r.body, raw: r.url };
    });
}

describe('fuzzing request framing and paths through the proxy', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.upstream.reply = () => ({ headers: { 'content-type': 'text/plain' }, body: 'ok' });
  });
  afterAll(async () => h?.close());

  let counter = 0;

  it(
    'the upstream sees what the policy saw, or nothing',
    async () => {
      await fc.assert(
        fc.asyncProperty(rawRequest, rawRequest, async (first, second) => {
          const ids = [`f${++counter}a`, `f${counter}b`];
          let bytes = requestBytes(first, ids[0], API_KEY, !first.tricks.pipelined);
          if (first.tricks.pipelined) bytes += requestBytes(second, ids[1], API_KEY, true);
          await rawExchange(h.proxy.url, Buffer.from(bytes, 'latin1'), { endAfterWrite: true });
          for (const id of ids) {
            const policy = policyView(h, id);
            const upstream = upstreamView(h, id);
            expect(upstream.length).toBeLessThanOrEqual(1);
            expect(policy.length).toBeLessThanOrEqual(1);
            if (upstream.length === 0) continue;
            expect(policy).toHaveLength(1);
            const { raw, ...seen } = upstream[0];
            expect(seen).toEqual(policy[0]);
            // Canonical: no dot segments, no empty segments, nothing a server would resolve again.
            expect(raw.split('?')[0]).not.toMatch(/\/\.\.?(\/|$)|\/\/|%25|%2e|\\/i);
          }
          // Nothing reached the upstream that the policy never saw.
          const known = new Set(h.decisions.calls.map((c) => c.input.request.headers['x-fuzz-id']));
          expect(h.upstream.requests.every((r) => known.has(r.headers['x-fuzz-id'] as string))).toBe(true);
        }),
        fuzzOptions(200),
      );
      // Not vacuous: a good share of the generated requests is well formed enough to go through.
      expect(h.upstream.requests.length).toBeGreaterThan(counter / 10);
    },
    fuzzTimeout(),
  );
});
