/** OPA fixes time.now_ns for one evaluation; through the SDK with hostBuiltins' default context. */
import { loadQuery } from './support/policy.js';

const source = [
  'package test',
  '',
  'p := [t0, t1] if {',
  '  t0 := time.now_ns()',
  '  test.sleep("10ms")',
  '  t1 := time.now_ns()',
  '}',
].join('\n');

describe('time.now_ns within and across evaluations', () => {
  it('gives every call of one evaluation the same time, and the next evaluation a later one', async () => {
    const q = await loadQuery(source, 'x := data.test.p');
    const [first] = q.evaluate();
    const [t0, t1] = first.x as number[];
    expect(t1).toBe(t0);
    // A later evaluation is one after a turn of the event loop, once the clock (millisecond
    // resolution) has moved past t0: wait for both rather than sleep and hope. t0 arrives as a
    // double, so compare whole milliseconds.
    const t0Ms = Math.round(t0 / 1e6);
    do await new Promise((resolve) => setTimeout(resolve, 1));
    while (Date.now() <= t0Ms);
    const [second] = q.evaluate();
    expect((second.x as number[])[0]).toBeGreaterThan(t0);
  });
});
