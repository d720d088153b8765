/**
 * The compile half of `portcullis test`: finds the `test_*` rules and
 * compiles them as entrypoints of one module, with what the report needs
 * besides (data reads, coverage probes), as plain data the compile cache
 * can keep. testing.ts imports this module only when the cache has no
 * entry, so a cached run loads neither the parser nor binaryen.
 */
import { packagePath } from './compile/resolve.js';
import { instrumentModules, type InstrumentedModules } from './coverage.js';
import { dataReadSummary, type DataReadSummary } from './data-refs.js';
import { checkBuiltinsAvailable, hostCalledBuiltins, parseModules } from './index.js';
import { compileAndPlan } from './plan/index.js';
import type { Module } from './rego/ast.js';
import { generateWasm } from './wasm/index.js';
import type { PolicySources } from './project.js';

/** OPA runs rules named `test_*` and reports `todo_test_*` ones as skipped. */
const TEST_PREFIX = 'test_';
const SKIP_PREFIX = 'todo_test_';

/** A test found in the modules: what `test` runs and reports. */
export interface TestRule {
  /** The rule path compiled as an entrypoint (`pkg/test_x`). */
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

export interface CompileTestsOptions {
  /** Only tests whose full name (`data.pkg.test_x`) matches. */
  filter?: RegExp;
  /** Instrument the modules with coverage probes. */
  coverage?: boolean;
  /** Compile `print()` calls (as `internal.print`). */
  print: boolean;
}

/** The compiled tests: plain data (but `instrumented`) and the module. */
export interface CompiledTests {
  tests: TestRule[];
  /** Absent when no test is runnable (all skipped or filtered out). */
  wasm?: Uint8Array;
  /** The builtins the module calls on the host. */
  builtins: string[];
  dataReads: DataReadSummary;
  /** With `coverage`: the probes compiled into the module. */
  instrumented?: InstrumentedModules;
}

/** Parses the sources, finds the tests and compiles the runnable ones; throws RegoCompileError. */
export function compileTests(sources: PolicySources, options: CompileTestsOptions): CompiledTests {
  const parsed = parseModules(sources.rego);
  const tests = findTestRules(parsed, options.filter);
  const runnable = tests.filter((t) => !t.skip);
  const instrumented = options.coverage ? instrumentModules(parsed) : undefined;
  const dataReads = dataReadSummary(parsed);
  if (runnable.length === 0) return { tests, builtins: [], dataReads, instrumented };
  const planned = compileAndPlan(
    instrumented?.modules ?? parsed,
    runnable.map((t) => t.entrypoint),
    { print: options.print },
  );
  checkBuiltinsAvailable(planned.policy, options.print ? ['internal.print'] : []);
  return {
    tests,
    wasm: generateWasm(planned.policy),
    builtins: hostCalledBuiltins(planned.policy),
    dataReads,
    instrumented,
  };
}
