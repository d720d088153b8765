/**
 * `portcullis test`'s engine: runs the compiled tests through the opa-wasm
 * SDK. The compile itself (test-compile.ts: parser, planner, binaryen) is
 * loaded only when the compile cache, if one is given, has no entry.
 */
import type { LoadedPolicy } from '@open-policy-agent/opa-wasm';
import { loadPolicySync } from './load-policy.js';
import { loadHostBuiltins } from './builtins/host.js';
import { CompileCache, cacheKey } from './cache/store.js';
import { compilerId } from './cache/compiler-id.js';
import type { CoverageReport, RuleCoverage } from './coverage.js';
import type { DataReadSummary } from './data-refs.js';
import type { PolicySources } from './project.js';
import type { CompiledTests, TestRule } from './test-compile.js';

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
  /**
   * Reuse the compiled module of sources compiled before (not with
   * `coverage`, whose report needs the parsed modules).
   * @defaultValue none: every run compiles
   */
  cache?: CompileCache;
}

export interface PolicyTestRun {
  results: PolicyTestResult[];
  /** What the modules read from `data` and provide themselves (for missing-data warnings). */
  dataReads: DataReadSummary;
  /** With `coverage`: OPA's report, and the same per rule. */
  coverage?: CoverageReport;
  ruleCoverage?: RuleCoverage[];
  /** Milliseconds spent compiling (or reading the compiled module from the cache). */
  compileMs: number;
  /** Whether the compiled module came from the cache. */
  fromCache: boolean;
  /**
   * Times each passing test over and over (as `opa test --bench`): doubles
   * the iteration count until one round lasts `benchTimeMs`.
   */
  benchmark(test: PolicyTestResult, benchTimeMs: number): BenchmarkResult;
}

function describeError(err: unknown): string {
  return typeof err === 'string' ? err : (err as Error).message;
}

/** What the cache keeps of compiled tests (the module aside). */
interface CachedTests {
  tests: TestRule[];
  builtins: string[];
  dataReads: DataReadSummary;
  hasModule: boolean;
}

function testsCacheKey(sources: PolicySources, options: PolicyTestOptions, print: boolean): string {
  const filter = options.filter ? `${options.filter.source}/${options.filter.flags}` : '';
  return cacheKey([
    compilerId(),
    'test',
    JSON.stringify({ print, filter }),
    ...sources.rego.flatMap((f) => [f.file, f.regoVersion ?? 'v1', f.source]),
  ]);
}

/** The compiled tests, from the cache when it has them (and into it when it did not). */
async function compiledTests(
  sources: PolicySources,
  options: PolicyTestOptions,
  print: boolean,
): Promise<{ compiled: CompiledTests; fromCache: boolean }> {
  const cache = options.coverage ? undefined : options.cache;
  const key = cache ? testsCacheKey(sources, options, print) : undefined;
  if (cache && key) {
    const hit = cache.get<CachedTests>(key);
    if (hit) {
      const { tests, builtins, dataReads, hasModule } = hit.meta;
      return {
        compiled: { tests, builtins, dataReads, wasm: hasModule ? hit.wasm : undefined },
        fromCache: true,
      };
    }
  }
  const { compileTests } = await import('./test-compile.js');
  const compiled = compileTests(sources, { filter: options.filter, coverage: options.coverage, print });
  if (cache && key) {
    const { tests, builtins, dataReads, wasm } = compiled;
    cache.put<CachedTests>(key, {
      meta: { tests, builtins, dataReads, hasModule: wasm !== undefined },
      wasm: wasm ?? new Uint8Array(),
    });
  }
  return { compiled, fromCache: false };
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
  const print = options.print ?? true;
  const { compiled, fromCache } = await compiledTests(sources, options, print);
  const { tests, instrumented } = compiled;
  const coverage = instrumented ? await import('./coverage.js') : undefined;
  let policy: LoadedPolicy | undefined;
  const hits = new Set<number>();
  let printed: string[] = [];
  if (compiled.wasm) {
    const builtins = await loadHostBuiltins({
      strict: options.strictBuiltinErrors,
      names: compiled.builtins,
      print: (line) => printed.push(line),
    });
    if (coverage) {
      const trace = builtins.trace;
      builtins.trace = (note: unknown) => {
        const probe = coverage.probeIndex(note);
        if (probe === undefined) return trace(note);
        hits.add(probe);
        return true;
      };
    }
    // The synchronous loader: the asynchronous one tests `instanceof Response`, which loads node's fetch.
    policy = loadPolicySync(compiled.wasm, undefined, builtins);
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
    dataReads: compiled.dataReads,
    compileMs,
    fromCache,
    ...(instrumented && coverage
      ? {
          coverage: coverage.coverageReport(instrumented, hits),
          ruleCoverage: coverage.ruleCoverage(instrumented, hits),
        }
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
