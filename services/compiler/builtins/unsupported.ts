/**
 * Builtins the host deliberately does not implement, each with the reason.
 * Calls to them fail loudly (`BuiltinNotSupportedError`) rather than
 * pretending to work.
 */
const NATIVE = 'handled by the compiler or WASM runtime, never called on the host';
const METADATA =
  "the compiler replaces each call with the rule's annotations (RewriteRegoMetadataCalls), never called on the host";

/** Builtins the host lacks on purpose, by name, with the reason a call to one gives. */
export const UNSUPPORTED: Readonly<Record<string, string>> = {
  eq: NATIVE,
  assign: NATIVE,
  equal: NATIVE,
  neq: NATIVE,
  lt: NATIVE,
  lte: NATIVE,
  gt: NATIVE,
  gte: NATIVE,
  'internal.member_2': NATIVE,
  'internal.member_3': NATIVE,
  'internal.print':
    'print() calls are dropped from compiled policies; only test and eval compile them (hostBuiltins() answers them there)',
  'internal.test_case': 'only used by `opa test`',
  'rego.metadata.chain': METADATA,
  'rego.metadata.rule': METADATA,
  print:
    'the planner drops print() calls from compiled policies; test and eval compile them as internal.print',
};
