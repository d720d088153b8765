/** net.lookup_ip_addr through the SDK, and the blocking worker it runs on. */
import { BlockingTimeoutError, runBlocking } from '../../../services/compiler/builtins/blocking.js';
import { loadQuery } from './support/policy.js';

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
    expect(runBlocking({ kind: 'lookup', name: '127.0.0.1' }, 5000)).toEqual(['127.0.0.1']);
  });

  it('gives up after the timeout, and the late answer does not leak into the next call', () => {
    expect(() => runBlocking({ kind: 'lookup', name: 'localhost' }, 0)).toThrow(BlockingTimeoutError);
    expect(() => runBlocking({ kind: 'lookup', name: 'localhost' }, 0)).toThrow(
      'lookup did not finish within 0ms',
    );
    expect(runBlocking({ kind: 'lookup', name: '10.9.8.7' }, 5000)).toEqual(['10.9.8.7']);
  });

  it('reports a failed task with its Node error code', () => {
    expect(() => runBlocking({ kind: 'lookup', name: 'no-such-name.invalid' }, 5000)).toThrow(
      expect.objectContaining({ code: 'ENOTFOUND' }),
    );
  });
});
