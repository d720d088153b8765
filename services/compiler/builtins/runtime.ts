/** Introspection builtins the host can answer: `opa.runtime`, `trace`, and OPA's test-only `test.sleep`. */
import { BuiltinFailure } from './errors.js';
import { stringOperand } from './operands.js';
import { register } from './registry.js';
import { parseDuration } from './time.js';

/** `test.sleep` blocks the thread (host builtins are synchronous), so it is capped. */
const MAX_SLEEP_MS = 1000;

register('runtime', {
  // OPA reports its config, env and version; a WASM host has none of OPA's runtime, so the object is empty.
  'opa.runtime': () => ({}),
  // Traces are only collected by OPA's explain mode, which compiled policies do not have.
  trace: (note) => {
    stringOperand(note, 1);
    return true;
  },
  'test.sleep'(duration) {
    const ms = Number(parseDuration(stringOperand(duration, 1)) / 1_000_000n);
    if (ms > MAX_SLEEP_MS) throw new BuiltinFailure(`sleeps longer than ${MAX_SLEEP_MS}ms are not allowed`);
    if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    return null;
  },
});
