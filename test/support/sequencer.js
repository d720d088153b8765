// Plain JS: Jest loads the sequencer outside its transform.
// Jest's own order (the last run's failures first, then the longest files by
// the last run's times), except that with no times recorded (a fresh clone, as
// in CI) it falls back on file size: the conformance ratchets, two tiny files
// that take minutes on one core, would then start last and leave the other
// worker idle. Without recorded times they start first.
import Sequencer from '@jest/test-sequencer';
import { relative } from 'node:path';

const LONGEST = [
  'test/compiler/conformance/baseline.test.ts',
  'test/compiler/conformance/baseline-v0.test.ts',
];

export default class LongestFirstSequencer extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const rank = (test) =>
      test.duration == null ? LONGEST.indexOf(relative(test.context.config.rootDir, test.path)) : -1;
    const first = sorted.filter((test) => rank(test) !== -1).sort((a, b) => rank(a) - rank(b));
    return [...first, ...sorted.filter((test) => rank(test) === -1)];
  }
}
