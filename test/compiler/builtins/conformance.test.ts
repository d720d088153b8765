/**
 * OPA's conformance cases as builtin tables: every literal call lifted from
 * the v1 cases is run on the host implementation and compared with OPA's
 * expected value or error. Known differences are listed with a reason.
 */
import {
  BuiltinError,
  allBuiltins,
  callBuiltin,
  hostImplementation,
  lookupBuiltin,
  unsupportedReason,
} from '../../../services/compiler/builtins/index.js';
import { toJSONText } from '../../../services/compiler/builtins/values.js';
import type { Value } from '../../../services/compiler/builtins/index.js';
import { allConformanceModules, liftedConformanceCases } from './support/conformance-calls.js';
import type { LiftedCase, LiftedTerm, LiteralCall } from './support/conformance-calls.js';

/** Cases whose expectation the host cannot meet, with the reason. */
const SETS_AS_ARRAYS = 'sets reach host builtins as arrays; the WASM runtime answers this natively';
const KNOWN_DIFFERENCES: Record<string, string> = {
  'typebuiltin/is_array': SETS_AS_ARRAYS,
  'typebuiltin/is_set': SETS_AS_ARRAYS,
  'typenamebuiltin/type_name': SETS_AS_ARRAYS,
  'netcidrcontainsmatches/sets of strings': `${SETS_AS_ARRAYS}: set elements become array indexes`,
  'netcidrcontainsmatches/sets of tuples': `${SETS_AS_ARRAYS}: set elements become array indexes`,
  'strings/sprintf: float too big': 'numbers reach host builtins as JS doubles: 2e308 is already Infinity',
  'jsonbuiltins/yaml unmarshal error':
    "the yaml package's parse errors are worded differently from go-yaml's",
};

type Outcome = { kind: 'value'; value: Value | undefined } | { kind: 'error'; error: BuiltinError };

function evaluate(c: LiftedCase): Outcome {
  const env = new Map<string, Value>();
  const valueOf = (t: LiftedTerm): Value => (t.kind === 'lit' ? t.value : (env.get(t.name) as Value));
  const undefinedResult: Outcome = { kind: 'value', value: undefined };
  for (const st of c.statements) {
    if (st.kind === 'bind') {
      env.set(st.name, valueOf(st.term));
      continue;
    }
    const call = withOutputTerm(st.call, lookupBuiltin(st.call.name)?.arity);
    let result: unknown;
    try {
      result = callBuiltin(call.name, call.args.map(valueOf));
    } catch (err) {
      if (err instanceof BuiltinError) return { kind: 'error', error: err };
      throw err;
    }
    if (result === undefined) return undefinedResult;
    if (call.expected !== undefined) {
      if (canonical(valueOf(call.expected)) !== canonical(result as Value)) return undefinedResult;
    } else if (call.outPattern) {
      if (!Array.isArray(result) || result.length !== call.outPattern.length) return undefinedResult;
      call.outPattern.forEach((n, i) => env.set(n, (result as Value[])[i]));
    } else if (call.out) {
      const bound = env.get(call.out);
      if (bound !== undefined && canonical(bound) !== canonical(result as Value)) return undefinedResult;
      env.set(call.out, result as Value);
    } else if (result === false) return undefinedResult;
  }
  switch (c.head.kind) {
    case 'true':
      return { kind: 'value', value: true };
    case 'var':
      return { kind: 'value', value: env.get(c.head.name) };
    default:
      return { kind: 'value', value: c.head.names.map((n) => env.get(n) as Value) };
  }
}

/** Splits a term in the output position (one argument past the arity) off the arguments. */
function withOutputTerm(call: LiteralCall, arity: number | undefined): LiteralCall {
  if (arity === undefined || call.out || call.outPattern || call.args.length !== arity + 1) return call;
  return { ...call, args: call.args.slice(0, arity), expected: call.args[arity] };
}

/** Canonical JSON: sorted keys, and integral floats written as integers, as OPA's JSON compares them. */
function canonical(v: Value | undefined): string {
  return v === undefined ? 'undefined' : toJSONText(v, true);
}

/** Builtins whose result changes from call to call (OPA also flags the JWT ones, which are stable here). */
const VOLATILE = new Set([
  'time.now_ns',
  'uuid.rfc4122',
  'rand.intn',
  'http.send',
  'net.lookup_ip_addr',
  'opa.runtime',
]);

// GraphQL cases run end to end in graphql/conformance.test.ts: their multi-line
// schema literals lose indentation when lifted here, which moves error columns.
const lifted = liftedConformanceCases().filter(
  (c) =>
    !c.file.startsWith('graphql/') &&
    c.statements.every(
      (st) => st.kind === 'bind' || (hostImplementation(st.call.name) && !VOLATILE.has(st.call.name)),
    ),
);

describe('literal builtin calls from OPA conformance cases', () => {
  it('finds a substantial number of cases', () => {
    expect(lifted.length).toBeGreaterThan(200);
  });

  it.each(lifted.map((c) => [`${c.file} ${c.note}`, c] as const))('%s', (_label, c) => {
    if (KNOWN_DIFFERENCES[c.note]) return;
    const outcome = evaluate(c);
    if (c.wantErrorCode || c.wantError) {
      expect(outcome.kind).toBe('error');
      if (outcome.kind !== 'error') return;
      if (c.wantErrorCode) expect(outcome.error.code).toBe(c.wantErrorCode);
      if (c.wantError) {
        const withoutLocation = c.wantError.replace(/^[^\s:]+:\d+: /, '');
        expect(`${outcome.error.code}: ${outcome.error.message}`).toContain(withoutLocation);
      }
      return;
    }
    // Without strict builtin errors a failing call is undefined.
    if (outcome.kind === 'error' && !c.wantDefined) return;
    if (outcome.kind === 'error') throw outcome.error;
    expect(canonical(outcome.value)).toBe(c.wantDefined ? canonical(c.want) : 'undefined');
  });
});

describe('catalog coverage', () => {
  it('declares every builtin the conformance modules call', () => {
    const names = new Set<string>();
    const call = /(?<![\w.])([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)+|[a-z_][a-z0-9_]*)\(/g;
    for (const module of allConformanceModules()) {
      const declared = new Set<string>();
      for (const m of module.matchAll(/^\s*([a-z_][a-z0-9_]*)\s*\(/gm)) declared.add(m[1]);
      for (const m of module.matchAll(call)) {
        const name = m[1];
        if (name.startsWith('data.') || name.startsWith('input.')) continue;
        names.add(name);
      }
    }
    const knownBuiltin = [...names].filter((n) => n.includes('.') || lookupBuiltin(n));
    const missing = [...names].filter(
      (n) => n.includes('.') && !lookupBuiltin(n) && !/^(foo|test|data|input)\./.test(n),
    );
    expect(knownBuiltin.length).toBeGreaterThan(150);
    expect(missing).toEqual([]);
  });

  it('gives every catalog entry a host implementation or a reason why not', () => {
    const unaccounted = allBuiltins()
      .map((b) => b.name)
      .filter((name) => !hostImplementation(name) && !unsupportedReason(name));
    expect(unaccounted).toEqual([]);
  });
});
