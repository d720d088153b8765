/**
 * net.lookup_ip_addr through the SDK, and the blocking worker it runs on.
 * Names other than IP literals and `localhost` resolve through a DNS server
 * on loopback that the test runs, never through the machine's resolver.
 */
import { BlockingTimeoutError, runBlocking } from '../../../services/compiler/builtins/blocking.js';
import type { BlockingTask } from '../../../services/compiler/builtins/blocking.js';
import { useLookupServers } from '../../../services/compiler/builtins/index.js';
import { serveDnsHere, startDnsStandIn } from './support/dns-stand-in.js';
import type { DnsStandIn } from './support/dns-stand-in.js';
import { loadQuery } from './support/policy.js';

/** `Atomics.waitAsync` (Node 16+), missing from the ES2022 library types. */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(cell: Int32Array, index: number, value: number): { value: Promise<string> | string };
  }
).waitAsync;

/** Generous: a call that succeeds returns at once; this only bounds a broken one. */
const ANSWER_WITHIN_MS = 30_000;

let dns: DnsStandIn;

beforeAll(async () => {
  // Start the blocking worker with a generous wait, so no test's wait includes its start-up.
  runBlocking({ kind: 'lookup', name: '127.0.0.1' }, ANSWER_WITHIN_MS);
  dns = await startDnsStandIn({
    'svc.example.test': { a: ['10.1.2.3', '10.1.2.4'], aaaa: ['2001:db8::7'] },
    'v4only.example.test': { a: ['10.5.6.7'] },
  });
});

afterAll(async () => {
  useLookupServers(undefined);
  await dns.close();
});

const lookup = (name: string, strict = false) =>
  loadQuery(`package test\n\np := net.lookup_ip_addr(${JSON.stringify(name)})\n`, 'x := data.test.p', {
    strict,
  });

describe('net.lookup_ip_addr', () => {
  it.each([
    ['10.0.0.0', ['10.0.0.0']],
    ['::', ['::']],
    ['0:0:0::1', ['::1']],
    ['2001:DB8:0:0:0:0:0:1', ['2001:db8::1']],
    ['::ffff:10.1.2.3', ['10.1.2.3']],
  ])('answers the IP literal %s with itself, printed as Go prints it', async (name, want) => {
    expect((await lookup(name)).evaluate()).toEqual([{ x: want }]);
  });

  it('resolves localhost to a set of loopback addresses', async () => {
    const [row] = (await lookup('localhost')).evaluate();
    const got = row.x as string[];
    expect(got.length).toBeGreaterThan(0);
    expect(got.every((a) => a === '127.0.0.1' || a === '::1')).toBe(true);
  });

  it('gives the set to set operations', async () => {
    const q = await loadQuery(
      'package test\n\np if net.lookup_ip_addr("10.0.0.1") == {"10.0.0.1"}\n',
      'x := data.test.p',
    );
    expect(q.evaluate()).toEqual([{ x: true }]);
  });

  describe('through a DNS server', () => {
    beforeEach(() => useLookupServers([dns.server]));
    afterEach(() => useLookupServers(undefined));

    it('answers both families as one set', async () => {
      const [row] = (await lookup('svc.example.test')).evaluate();
      expect(row.x).toEqual(['10.1.2.3', '10.1.2.4', '2001:db8::7']);
      expect((await lookup('v4only.example.test')).evaluate()).toEqual([{ x: ['10.5.6.7'] }]);
    });

    it("fails a name that does not exist with Go's error, strictly, and is undefined otherwise", async () => {
      const strict = await lookup('no-such-name.invalid', true);
      expect(() => strict.evaluate()).toThrow(
        expect.objectContaining({
          code: 'eval_builtin_error',
          message: 'net.lookup_ip_addr: lookup no-such-name.invalid: no such host',
        }),
      );
      expect((await lookup('no-such-name.invalid')).evaluate()).toEqual([]);
    });
  });

  it('checks its operand', async () => {
    const q = await loadQuery('package test\n\np := net.lookup_ip_addr(input.n)\n', 'x := data.test.p', {
      strict: true,
    });
    expect(() => q.evaluate({ n: 1 })).toThrow(
      expect.objectContaining({
        code: 'eval_type_error',
        message: 'net.lookup_ip_addr: operand 1 must be string but got number',
      }),
    );
  });
});

describe('runBlocking', () => {
  it('runs a task in the worker and waits for the answer', () => {
    expect(runBlocking({ kind: 'lookup', name: '127.0.0.1' }, ANSWER_WITHIN_MS)).toEqual(['127.0.0.1']);
  });

  it('gives up after the timeout, and the late answer does not leak into the next call', async () => {
    // This thread serves the DNS queries, so while runBlocking holds it in
    // Atomics.wait nothing can answer: the task stalls whatever the load.
    const stalled = await serveDnsHere({ 'late.example.test': { a: ['10.7.7.7'] } });
    try {
      const task: BlockingTask = { kind: 'lookup', name: 'late.example.test', servers: [stalled.server] };
      let timedOut: unknown;
      try {
        runBlocking(task, 50);
      } catch (err) {
        timedOut = err;
      }
      expect(timedOut).toBeInstanceOf(BlockingTimeoutError);
      expect((timedOut as Error).message).toBe('lookup did not finish within 50ms');
      // Free again, this thread answers the queries; wait until the worker has posted the late answer.
      const { answered } = timedOut as BlockingTimeoutError;
      await waitAsync(answered, 0, 0).value;
      expect(stalled.queries.length).toBeGreaterThan(0);
      // The late ['10.7.7.7'] now sits first on the port: the next call must skip it.
      expect(runBlocking({ kind: 'lookup', name: '10.9.8.7' }, ANSWER_WITHIN_MS)).toEqual(['10.9.8.7']);
    } finally {
      await stalled.close();
    }
  });

  it('reports a failed task with its Node error code', () => {
    const task: BlockingTask = { kind: 'lookup', name: 'no-such-name.invalid', servers: [dns.server] };
    expect(() => runBlocking(task, ANSWER_WITHIN_MS)).toThrow(expect.objectContaining({ code: 'ENOTFOUND' }));
  });
});
