/**
 * Bounds for the fuzzing campaign (fast-check properties and raw-socket
 * generators). `npm test` runs the short mode: a fixed seed and a small
 * number of runs, so the same cases run every time and a failure is a
 * finding, not luck. `PORTCULLIS_FUZZ=long` is the nightly mode: a fresh
 * seed each run (fast-check prints it with any counterexample), many more
 * runs, each property stopped after `PORTCULLIS_FUZZ_SECONDS` (300).
 * `PORTCULLIS_FUZZ_SEED` replays a seed in either mode.
 */

export const FUZZ_LONG = process.env.PORTCULLIS_FUZZ === 'long';

const SHORT_SEED = 20261127;
const LONG_FACTOR = 1000;

function seconds(): number {
  const value = Number(process.env.PORTCULLIS_FUZZ_SECONDS ?? 300);
  return Number.isFinite(value) && value > 0 ? value : 300;
}

function seed(): number | undefined {
  const given = process.env.PORTCULLIS_FUZZ_SEED;
  if (given !== undefined && given !== '') return Number(given);
  return FUZZ_LONG ? undefined : SHORT_SEED;
}

/** fast-check parameters for a property that runs `shortRuns` times in the short mode. */
export function fuzzOptions(shortRuns: number): {
  numRuns: number;
  seed?: number;
  interruptAfterTimeLimit?: number;
  markInterruptAsFailure: false;
} {
  const s = seed();
  return {
    numRuns: FUZZ_LONG ? shortRuns * LONG_FACTOR : shortRuns,
    ...(s === undefined ? {} : { seed: s }),
    ...(FUZZ_LONG ? { interruptAfterTimeLimit: seconds() * 1000 } : {}),
    markInterruptAsFailure: false,
  };
}

/** The Jest timeout for a fuzzing test: the time limit and a margin in the long mode. */
export function fuzzTimeout(shortMs = 60_000): number {
  return FUZZ_LONG ? seconds() * 1000 + 120_000 : shortMs;
}
