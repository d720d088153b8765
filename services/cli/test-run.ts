/**
 * `portcullis test`: loads policy and data as `opa test` does, runs the
 * tests (or benchmarks them, or measures coverage) and reports them in
 * OPA's formats; `--watch` runs them again whenever a file changes.
 */
import { watch, type FSWatcher } from 'node:fs';
import { PortcullisError } from '../common/errors.js';
import { RegoCompileError } from '../compiler/errors.js';
import { commandLineCache } from '../compiler/cache/index.js';
import { formatMissingDataReads, missingDataReadsIn } from '../compiler/data-refs.js';
import { readPolicySources } from '../compiler/project.js';
import { runPolicyTestSuite, type PolicyTestResult, type PolicyTestRun } from '../compiler/testing.js';
import { splitPrefix } from '../compiler/loader.js';

export interface TestCommandOptions {
  run?: string;
  verbose?: boolean;
  format: string;
  /** True when `--format` was given (pretty coverage) rather than defaulted. */
  formatGiven?: boolean;
  coverage?: boolean;
  threshold: string;
  bench?: boolean;
  benchtime: string;
  strictBuiltinErrors?: boolean;
  watch?: boolean;
  exitZeroOnSkipped?: boolean;
  failOnEmpty?: boolean;
  /** Read the policy as Rego v0. */
  v0Compatible?: boolean;
}

/** Where output goes; tests pass their own. */
export interface TestOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

const stdio: TestOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

const RULE = '-'.repeat(80);

/** A duration as Go prints it (`523.4µs`, `1.234567ms`, `2.5s`), as OPA's reports show them. */
export function goDuration(ms: number): string {
  const ns = Math.round(ms * 1e6);
  const trim = (value: number, unit: string) => `${Number(value.toFixed(6)).toString()}${unit}`;
  if (ns < 1_000) return `${ns}ns`;
  if (ns < 1_000_000) return trim(ns / 1_000, 'µs');
  if (ns < 1_000_000_000) return trim(ns / 1_000_000, 'ms');
  return trim(ns / 1_000_000_000, 's');
}

function outcome(result: PolicyTestResult): string {
  return { pass: 'PASS', fail: 'FAIL', error: 'ERROR', skip: 'SKIPPED' }[result.status];
}

function shortName(result: PolicyTestResult): string {
  return result.name.slice(result.package.length + 1);
}

/** OPA's pretty report: failing (or, verbose, all) tests under their file, then the counts. */
export function prettyReport(results: PolicyTestResult[], verbose: boolean): string {
  const lines: string[] = [];
  let lastFile: string | undefined;
  for (const r of results) {
    if (!verbose && r.status === 'pass') continue;
    if (lastFile !== undefined && lastFile !== r.file) lines.push('');
    lastFile = r.file;
    lines.push(`${r.file}:${r.row}:`);
    lines.push(r.status === 'skip' ? `${r.name}: SKIPPED` : `${r.name}: ${outcome(r)} (${goDuration(r.ms)})`);
    // What the test printed, trimmed and indented between blank lines, as OPA shows it.
    if (r.output?.trim())
      lines.push(
        '',
        ...r.output
          .trim()
          .split('\n')
          .map((line) => `  ${line}`),
        '',
      );
    if (r.status === 'error') lines.push(`  ${(r.failure ?? '').replace(/^error: /, '')}`);
    else if (r.status === 'fail' && r.failure) lines.push(`  ${r.failure}`);
  }
  if (lines.length > 0) lines.push(RULE);
  const total = results.length;
  const count = (status: PolicyTestResult['status']) => results.filter((r) => r.status === status).length;
  const counts: [string, number][] = [
    ['PASS', count('pass')],
    ['FAIL', count('fail')],
    ['SKIPPED', count('skip')],
    ['ERROR', count('error')],
  ];
  for (const [label, n] of counts) if (n > 0) lines.push(`${label}: ${n}/${total}`);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** OPA's JSON report (`opa test --format json`): one object per test. */
export function jsonReport(results: PolicyTestResult[]): string {
  const entries = results.map((r) => ({
    location: { file: r.file, row: r.row, col: r.col },
    package: r.package,
    name: shortName(r),
    ...(r.status === 'fail' ? { fail: true } : {}),
    ...(r.status === 'skip' ? { skip: true } : {}),
    ...(r.status === 'error' ? { error: { message: (r.failure ?? '').replace(/^error: /, '') } } : {}),
    // Go encodes the []byte of print output as base64.
    ...(r.output ? { output: Buffer.from(r.output).toString('base64') } : {}),
    duration: Math.round(r.ms * 1e6),
  }));
  return `${JSON.stringify(entries, null, 2)}\n`;
}

function coverageTable(run: PolicyTestRun): string {
  const lines = ['coverage by file:'];
  for (const [file, entry] of Object.entries(run.coverage!.files)) {
    lines.push(
      `  ${file}: ${(entry.coverage ?? 0).toFixed(2)}% (${entry.covered_lines ?? 0}/${(entry.covered_lines ?? 0) + (entry.not_covered_lines ?? 0)} lines)`,
    );
  }
  lines.push('coverage by rule:');
  for (const rule of run.ruleCoverage ?? []) {
    const total = rule.covered_lines + rule.not_covered_lines;
    lines.push(
      `  ${rule.file}:${rule.row}: ${rule.rule}: ${rule.coverage.toFixed(2)}% (${rule.covered_lines}/${total} lines)`,
    );
  }
  lines.push(`total: ${run.coverage!.coverage.toFixed(2)}%`);
  return `${lines.join('\n')}\n`;
}

function notCoveredLines(run: PolicyTestRun): string {
  const lines = ['Lines not covered:'];
  for (const [file, entry] of Object.entries(run.coverage!.files)) {
    for (const { start, end } of entry.not_covered ?? []) {
      lines.push(`\t${file}:${start.row === end.row ? start.row : `${start.row}-${end.row}`}`);
    }
  }
  return lines.join('\n');
}

function parseNumber(text: string, option: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new PortcullisError(
      'invalid_argument',
      `${option} ${text}: expected a number from ${min} to ${max}`,
    );
  }
  return value;
}

function parseRegex(text: string | undefined): RegExp | undefined {
  if (text === undefined) return undefined;
  try {
    return new RegExp(text);
  } catch (err) {
    throw new PortcullisError('invalid_argument', `--run ${text}: ${(err as Error).message}`);
  }
}

/** Runs the tests once and prints the report; answers the exit code (0, or 2 when tests fail as in OPA). */
export async function runTestsOnce(
  paths: string[],
  options: TestCommandOptions,
  output: TestOutput = stdio,
): Promise<number> {
  const threshold = parseNumber(options.threshold, '--threshold', 0, 100);
  const benchTimeMs = parseNumber(options.benchtime, '--benchtime', 1, 600_000);
  if (options.bench && (options.coverage || threshold > 0)) {
    throw new PortcullisError(
      'invalid_argument',
      'coverage reporting is not supported when benchmarking tests',
    );
  }
  if (!['pretty', 'json'].includes(options.format)) {
    throw new PortcullisError('invalid_argument', `--format ${options.format}: expected pretty or json`);
  }
  const coverage = options.coverage || threshold > 0;
  const sources = readPolicySources(paths, { regoVersion: options.v0Compatible ? 'v0' : 'v1' });
  const run = await runPolicyTestSuite(sources, {
    filter: parseRegex(options.run),
    coverage,
    strictBuiltinErrors: options.strictBuiltinErrors,
    // As `opa test --bench`, benchmarks run without print calls.
    print: !options.bench,
    cache: commandLineCache(),
  });
  for (const line of formatMissingDataReads(missingDataReadsIn(run.dataReads, sources.data))) {
    output.err(`${line}\n`);
  }
  const { results } = run;
  const failing = results.some(
    (r) => r.status === 'fail' || r.status === 'error' || (r.status === 'skip' && !options.exitZeroOnSkipped),
  );
  if (options.bench) {
    const width = Math.max(0, ...results.map((r) => r.name.length));
    for (const r of results) {
      if (r.status !== 'pass') continue;
      const { iterations, nsPerOp } = run.benchmark(r, benchTimeMs);
      output.out(
        `${r.name.padEnd(width)}\t${String(iterations).padStart(10)}\t${nsPerOp.toFixed(0).padStart(12)} ns/op\n`,
      );
    }
    const others = results.filter((r) => r.status !== 'pass');
    if (others.length) output.out(prettyReport(others, false));
  } else if (coverage) {
    if (failing) {
      output.out(prettyReport(results, !!options.verbose));
    } else if (run.coverage!.coverage < threshold) {
      output.err(
        `Code coverage threshold not met: got ${run.coverage!.coverage.toFixed(2)} instead of ${threshold.toFixed(2)}\n` +
          (options.verbose ? `${notCoveredLines(run)}\n` : ''),
      );
      return 2;
    } else if (options.format === 'pretty' && options.formatGiven) {
      output.out(prettyReport(results, !!options.verbose));
      output.out(coverageTable(run));
    } else {
      output.out(`${JSON.stringify(run.coverage, null, 2)}\n`);
    }
  } else if (options.format === 'json') {
    output.out(jsonReport(results));
  } else {
    output.out(prettyReport(results, !!options.verbose));
  }
  if (failing) return 2;
  if (results.length === 0 && options.failOnEmpty) {
    output.err('no tests were run\n');
    return 1;
  }
  return 0;
}

/** Prints an error we raise on purpose the way main.ts does, so a watch loop survives it. */
function reportError(err: unknown, output: TestOutput): void {
  if (err instanceof PortcullisError) output.err(`portcullis: ${err.code}: ${err.message}\n`);
  else if (err instanceof RegoCompileError) output.err(`${err.message}\n`);
  else throw err;
}

export interface TestWatcher {
  close(): void;
  /** Resolves after the run a change started has been reported (for tests and for Ctrl-C). */
  readonly runs: AsyncIterable<number>;
}

/**
 * Runs the tests, then again after every change below the paths (changes
 * arriving during a run start one more run after it). Compile errors are
 * reported and the watch goes on.
 */
export function watchTests(
  paths: string[],
  options: TestCommandOptions,
  output: TestOutput = stdio,
): TestWatcher {
  const watchers: FSWatcher[] = [];
  let running = false;
  let again = false;
  let closed = false;
  const waiting: ((result: IteratorResult<number>) => void)[] = [];
  const done: number[] = [];
  const settle = (code: number) => {
    const next = waiting.shift();
    if (next) next({ value: code, done: false });
    else done.push(code);
  };
  const runOnce = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    let code = 1;
    try {
      code = await runTestsOnce(paths, options, output);
    } catch (err) {
      reportError(err, output);
    }
    output.out(`${'*'.repeat(80)}\nWatching for changes ...\n`);
    running = false;
    settle(code);
    if (again && !closed) {
      again = false;
      await runOnce();
    }
  };
  for (const given of paths) {
    const { path } = splitPrefix(given);
    const watcher = watch(path, { recursive: true }, () => {
      if (!closed) void runOnce();
    });
    watchers.push(watcher);
  }
  void runOnce();
  return {
    close() {
      closed = true;
      for (const w of watchers) w.close();
      for (const next of waiting.splice(0)) next({ value: undefined, done: true });
    },
    runs: {
      [Symbol.asyncIterator]: () => ({
        next: () =>
          new Promise<IteratorResult<number>>((resolve) => {
            const code = done.shift();
            if (code !== undefined) resolve({ value: code, done: false });
            else if (closed) resolve({ value: undefined, done: true });
            else waiting.push(resolve);
          }),
      }),
    },
  };
}

export async function runTestCommand(paths: string[], options: TestCommandOptions): Promise<void> {
  if (!options.watch) {
    process.exitCode = await runTestsOnce(paths, options);
    return;
  }
  const watcher = watchTests(paths, options);
  await new Promise<void>((resolve) => {
    const stop = () => {
      watcher.close();
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
