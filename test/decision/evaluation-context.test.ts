import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundle } from '../../services/compiler/project.js';
import { startDecisionService } from '../../services/decision/index.js';

/** OPA fixes the clock for one evaluation: every time.now_ns() in it agrees. */
describe('decision service evaluation context', () => {
  it('gives every time.now_ns() of one evaluation the same value, and a later one a new value', async () => {
    const source = [
      'package clock',
      '',
      'a := time.now_ns()',
      'b := x if {',
      '  some i in numbers.range(1, 300000)',
      '  i == 300000',
      '  x := time.now_ns()',
      '}',
      'result := {"same": a == b, "at": a}',
    ].join('\n');
    const { bundle } = await buildBundle(
      { rego: [{ file: 'clock.rego', source }], data: {} },
      { entrypoints: ['clock/result'] },
    );
    const dir = mkdtempSync(join(tmpdir(), 'pc-clock-'));
    writeFileSync(join(dir, 'clock.tar.gz'), bundle);
    const service = await startDecisionService({ bundles: [join(dir, 'clock.tar.gz')], port: 0, workers: 1 });
    try {
      const ask = async () => {
        const res = await fetch(`${service.url}/v1/data/clock/result`, {
          method: 'POST',
          body: '{"input": {}}',
          headers: { 'content-type': 'application/json' },
        });
        return ((await res.json()) as { result: { same: boolean; at: number } }).result;
      };
      const first = await ask();
      // Wait for the clock (millisecond resolution) to move past the first answer's, rather than
      // sleep and hope it has; `at` arrives as a double, so compare whole milliseconds.
      const firstMs = Math.round(first.at / 1e6);
      while (Date.now() <= firstMs) await new Promise((r) => setTimeout(r, 1));
      const second = await ask();
      expect(first.same).toBe(true);
      expect(second.same).toBe(true);
      expect(second.at).toBeGreaterThan(first.at);
    } finally {
      await service.close();
    }
  });
});
