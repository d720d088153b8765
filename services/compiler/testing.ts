import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { hostBuiltins } from './builtins/index.js';
import { packagePath } from './compile/resolve.js';
import { compileRego, parseModules } from './index.js';
import type { PolicySources } from './project.js';

/** One Rego unit test: a rule named `test_*`, passing when it is defined and true. */
export interface PolicyTestResult {
  /** `data.<package>.test_name` */
  name: string;
  file: string;
  row: number;
  passed: boolean;
  /** Evaluation error, or what the rule gave instead of true. */
  failure?: string;
  ms: number;
}

interface TestRule {
  entrypoint: string;
  name: string;
  file: string;
  row: number;
}

function findTestRules(sources: PolicySources, filter?: RegExp): TestRule[] {
  const seen = new Map<string, TestRule>();
  for (const module of parseModules(sources.rego)) {
    const pkg = packagePath(module);
    for (const rule of module.rules) {
      const head = rule.head;
      const last = head.ref.value[head.ref.value.length - 1];
      const ruleName =
        head.name ?? (head.ref.value.length === 1 && last.type === 'var' ? last.value : undefined);
      if (!ruleName?.startsWith('test_') || head.args?.length || head.ref.value.length !== 1) continue;
      const path = [...pkg, ruleName];
      const name = `data.${path.join('.')}`;
      if (filter && !filter.test(name)) continue;
      if (!seen.has(name)) {
        seen.set(name, {
          entrypoint: path.join('/'),
          name,
          file: module.file,
          row: rule.location?.row ?? head.location?.row ?? 0,
        });
      }
    }
  }
  return [...seen.values()];
}

/**
 * Compiles every `test_*` rule as an entrypoint of one module and evaluates
 * each through the opa-wasm SDK with the sources' data.
 */
export async function runPolicyTests(
  sources: PolicySources,
  options: { filter?: RegExp } = {},
): Promise<PolicyTestResult[]> {
  const tests = findTestRules(sources, options.filter);
  if (tests.length === 0) return [];
  const compiled = compileRego(sources.rego, { entrypoints: tests.map((t) => t.entrypoint) });
  const policy = await loadPolicy(compiled.wasm, undefined, hostBuiltins());
  policy.setData(sources.data);
  return tests.map((test) => {
    const started = performance.now();
    let failure: string | undefined;
    try {
      const resultSet = policy.evaluate({}, test.entrypoint) as { result: unknown }[];
      if (resultSet.length === 0) failure = 'undefined';
      else if (resultSet[0].result !== true) failure = `got ${JSON.stringify(resultSet[0].result)}`;
    } catch (err) {
      failure = `error: ${typeof err === 'string' ? err : (err as Error).message}`;
    }
    return {
      name: test.name,
      file: test.file,
      row: test.row,
      passed: failure === undefined,
      failure,
      ms: performance.now() - started,
    };
  });
}
