/** Introspection builtins the host can answer: `opa.runtime` and `trace`. */
import { stringOperand } from './operands.js';
import { register } from './registry.js';

register({
  // OPA reports its config, env and version; a WASM host has none of OPA's runtime, so the object is empty.
  'opa.runtime': () => ({}),
  // Traces are only collected by OPA's explain mode, which compiled policies do not have.
  trace: (note) => {
    stringOperand(note, 1);
    return true;
  },
});
