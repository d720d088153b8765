import type { LoadedPolicy } from '@open-policy-agent/opa-wasm';
import { loadPolicySync } from './load-policy.js';
import { loadHostBuiltins } from './builtins/host.js';
import { packagePath } from './compile/resolve.js';
import {
  coverageReport,
  instrumentModules,
  probeIndex,
  ruleCoverage,
  type CoverageReport,
  type RuleCoverage,
} from './coverage.js';
import { checkBuiltinsAvailable, hostCalledBuiltins, parseModules } from './index.js';
import { compileAndPlan } from './plan/index.js';
import type { Module } from './rego/ast.js';
import { generateWasm } from './wasm/index.js';
import type { PolicySources } from './project.js';

/** OPA runs rules named `test_*` and reports `todo_test_*` ones as skipped. */
const TEST_PREFIX = 'test_';
const SKIP_PREFIX = 'todo_test_';

/** One Rego unit test: a rule named `test_*`, passing when it is defined and true. */
export interface PolicyTestResult {
  /** `data.<package>.test_name` (a second definition of a name is `test_name#01`, as OPA names it) */
  name: string;
  /** `data.<package>` */
  package: string;
  file: string;
  row: number;
  col: number;
  passed: boolean;
  /** `fail`: undefined or not true; `error`: evaluation failed; `skip`: a `todo_test_*` rule. */
  status: 'pass' | 'fail' | 'error' | 'skip';
  /** Evaluation error, or what the rule gave instead of true. */
  failure?: string;
  ms: number;
  /** The lines its `print()` calls printed, each ending in a newline (absent when none). */
  output?: string;
}

export interface BenchmarkResult {
  /** Evaluations timed. */
  iterations: number;
  nsPerOp: number;
}

export interface PolicyTestOptions {
  /** Only tests whose full name (`data.pkg.test_x`) matches. */
  filter?: RegExp;
  /** Record which expressions and rule heads ran (OPA's `--coverage`). */
  coverage?: boolean;
  /** Builtin errors fail the test instead of making the call undefined. */
  strictBuiltinErrors?: boolean;
  /**
   * Compile `print()` calls and keep what each test prints (`output`), as
   * `opa test` does; `opa test --bench` drops them.
   * @defaultValue true
   */
  print?: boolean;
}

export interface PolicyTestRun {
  results: PolicyTestResult[];
  /** The modules as parsed (before coverage probes). */
  modules: Module[];
  /** With `coverage`: OPA's report, and the same per rule. */
  coverage?: CoverageReport;
  ruleCoverage?: RuleCoverage[];
  /** Milliseconds spent compiling. */
  compileMs: number;
  /**
   * Times each passing test over and over (as `opa test --bench`): doubles
   * the iteration count until one round lasts `benchTimeMs`.
   */
  benchmark(test: PolicyTestResult, benchTimeMs: number): BenchmarkResult;
}

interface TestRule {
  entrypoint: string;
  name: string;
  pkg: string;
  file: string;
  row: number;
  col: number;
  skip: boolean;
}

/** Test rules in module order; later definitions of a name are renamed `name#01`, `name#02`, … as OPA does. */
function findTestRules(modules: Module[], filter?: RegExp): TestRule[] {
  const tests: TestRule[] = [];
  const count = new Map<string, number>();
  for (const module of modules) {
    const pkg = packagePath(module);
    for (const rule of module.rules) {
      const head = rule.head;
      const first = head.ref.value[0];
      if (head.ref.value.length !== 1 || first.type !== 'var' || head.args?.length) continue;
      const ruleName = first.value;
      const skip = ruleName.startsWith(SKIP_PREFIX);
      if (!skip && !ruleName.startsWith(TEST_PREFIX)) continue;
      const base = `data.${[...pkg, ruleName].join('.')}`;
      const seen = count.get(base) ?? 0;
      count.set(base, seen + 1);
      const unique = seen === 0 ? ruleName : `${ruleName}#${String(seen).padStart(2, '0')}`;
      if (seen > 0) {
        // Each definition runs as a test of its own.
        head.ref = { ...head.ref, value: [{ ...first, value: unique }] };
        head.name = unique;
      }
      const name = `data.${[...pkg, unique].join('.')}`;
      if (filter && !filter.test(name)) continue;
      tests.push({
        entrypoint: [...pkg, unique].join('/'),
        name,
        pkg: `data.${pkg.join('.')}`,
        file: module.file,
        row: rule.location?.row ?? head.location?.row ?? 0,
        col: rule.location?.col ?? head.location?.col ?? 0,
        skip,
      });
    }
  }
  return tests;
}

function describeError(err: unknown): string {
  return typeof err === 'string' ? err : (err as Error).message;
}

/**
 * Compiles every `test_*` rule as an entrypoint of one module and evaluates
 * each through the opa-wasm SDK with the sources' data.
 */
export async function runPolicyTestSuite(
  sources: PolicySources,
  options: PolicyTestOptions = {},
): Promise<PolicyTestRun> {
  const started = performance.now();
  const parsed = parseModules(sources.rego);
  const tests = findTestRules(parsed, options.filter);
  const runnable = tests.filter((t) => !t.skip);
  const instrumented = options.coverage ? instrumentModules(parsed) : undefined;
  let policy: LoadedPolicy | undefined;
  const hits = new Set<number>();
  const print = options.print ?? true;
  let printed: string[] = [];
  if (runnable.length > 0) {
    const planned = compileAndPlan(
      instrumented?.modules ?? parsed,
      runnable.map((t) => t.entrypoint),
      { print },
    );
    checkBuiltinsAvailable(planned.policy, print ? ['internal.print'] : []);
    const wasm = generateWasm(planned.policy);
    const builtins = await loadHostBuiltins({
      strict: options.strictBuiltinErrors,
      names: hostCalledBuiltins(planned.policy),
      print: (line) => printed.push(line),
    });
    if (instrumented) {
      const trace = builtins.trace;
      builtins.trace = (note: unknown) => {
        const probe = probeIndex(note);
        if (probe === undefined) return trace(note);
        hits.add(probe);
        return true;
      };
    }
    // The synchronous loader: the asynchronous one tests `instanceof Response`, which loads node's fetch.
    policy = loadPolicySync(wasm, undefined, builtins);
    policy.setData(sources.data);
  }
  const compileMs = performance.now() - started;
  const evaluate = (test: TestRule): string | undefined => {
    const resultSet = policy!.evaluate({}, test.entrypoint) as { result: unknown }[];
    if (resultSet.length === 0) return 'undefined';
    if (resultSet[0].result !== true) return `got ${JSON.stringify(resultSet[0].result)}`;
    return undefined;
  };
  const results = tests.map((test): PolicyTestResult => {
    const base = {
      name: test.name,
      package: test.pkg,
      file: test.file,
      row: test.row,
      col: test.col,
    };
    if (test.skip) return { ...base, passed: false, status: 'skip', ms: 0 };
    printed = [];
    const t0 = performance.now();
    let failure: string | undefined;
    let status: PolicyTestResult['status'] = 'pass';
    try {
      failure = evaluate(test);
      if (failure) status = 'fail';
    } catch (err) {
      failure = `error: ${describeError(err)}`;
      status = 'error';
    }
    const ms = performance.now() - t0;
    const output = printed.length ? printed.map((line) => `${line}\n`).join('') : undefined;
    return { ...base, passed: status === 'pass', status, failure, ms, ...(output ? { output } : {}) };
  });
  const byName = new Map(tests.map((t) => [t.name, t]));
  return {
    results,
    modules: parsed,
    compileMs,
    ...(instrumented
      ? { coverage: coverageReport(instrumented, hits), ruleCoverage: ruleCoverage(instrumented, hits) }
      : {}),
    benchmark(result, benchTimeMs) {
      const test = byName.get(result.name);
      if (!test || !policy) throw new Error(`no compiled test ${result.name}`);
      let n = 1;
      for (;;) {
        const t0 = process.hrtime.bigint();
        for (let i = 0; i < n; i++) evaluate(test);
        const ns = Number(process.hrtime.bigint() - t0);
        if (ns >= benchTimeMs * 1e6 || n >= 1e9) return { iterations: n, nsPerOp: ns / n };
        // Aim past the target, as Go's testing.Benchmark does, at most 100× per step.
        const perOp = Math.max(ns / n, 1);
        n = Math.max(n + 1, Math.min(n * 100, Math.ceil((1.2 * benchTimeMs * 1e6) / perOp)));
      }
    },
  };
}

/** The results alone (see runPolicyTestSuite). */
export async function runPolicyTests(
  sources: PolicySources,
  options: PolicyTestOptions = {},
): Promise<PolicyTestResult[]> {
  return (await runPolicyTestSuite(sources, options)).results;
}
