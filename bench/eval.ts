import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { hostBuiltins } from '../services/compiler/builtins/index.js';
import { compileRego, type RegoFile } from '../services/compiler/index.js';
import { readPolicySources } from '../services/compiler/project.js';
import { medianRow, summarise, timeCalls, type BenchResult, type BenchRow } from './lib/stats.js';

const RBAC_DIR = fileURLToPath(new URL('../../bench/policies/rbac', import.meta.url));
const RBAC_DIR_SRC = fileURLToPath(new URL('./policies/rbac', import.meta.url));

/** OPA's own compiler output for a policy like bench/policies/rbac, per evaluate() call (issue 3). */
const OPA_EVAL_MS = 0.0047;
/** OPA's smallest policy.wasm (issue 3). */
const OPA_WASM_BYTES = 139 * 1024;

function rbacSources() {
  for (const dir of [RBAC_DIR_SRC, RBAC_DIR]) {
    try {
      return readPolicySources([dir]);
    } catch {
      // try the next location (running from dist/ or from the sources)
    }
  }
  throw new Error('bench/policies/rbac not found');
}

/** A policy of `n` rules of the usual shapes, to time the compiler on something large. */
export function generatedPolicy(n: number): RegoFile {
  const lines = ['package big', ''];
  for (let i = 0; i < n; i++) {
    switch (i % 4) {
      case 0:
        lines.push(
          `allow_${i} if {`,
          `  input.user == "u${i}"`,
          `  some role in data.roles[input.user]`,
          `  role == "r${i}"`,
          '}',
        );
        break;
      case 1:
        lines.push(
          `names_${i} contains name if {`,
          `  some item in input.items`,
          `  item.kind == "k${i}"`,
          '  name := item.name',
          '}',
        );
        break;
      case 2:
        lines.push(`limit_${i} := x if {`, `  x := count(input.items) + ${i}`, `  x > 3`, '} else := 0');
        break;
      default:
        lines.push(
          `check_${i}(x) if {`,
          `  startswith(x, "p${i}")`,
          '}',
          `uses_${i} if check_${i}(input.path)`,
        );
    }
  }
  lines.push(
    '',
    'allow if {',
    ...Array.from({ length: Math.ceil(n / 4) }, (_, k) => `  not allow_${k * 4}`),
    '}',
  );
  return { file: 'big.rego', source: lines.join('\n') };
}

/** evaluate() calls are timed in batches: one sample is the mean of a batch. */
const EVAL_TIMING = { iterations: 200, batch: 100, warmup: 2000 };
const EVAL_ROUNDS = 5;

/** Floor timings (bench/lib/floor-timing.ts), one summary per round, from a process of their own. */
function floorRoundsInOwnProcess(input: unknown): { median_ms: number; p99_ms: number }[] {
  const script = fileURLToPath(new URL('./lib/floor-timing.js', import.meta.url));
  const output = execFileSync(process.execPath, [script, JSON.stringify(input), String(EVAL_ROUNDS)], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return JSON.parse(output) as { median_ms: number; p99_ms: number }[];
}

/** Fresh processes used to time a cold compile (each pays binaryen's and V8's start-up once). */
const COLD_RUNS = 5;

/**
 * Milliseconds of the first compileRego of the 200-rule policy in a new
 * process: the "cold" figure. Module loading is not counted.
 */
function coldCompile(): { ms: number; wasm: number; bytes: number } {
  const compiler = new URL('../services/compiler/index.js', import.meta.url).href;
  const script = [
    `const { compileRego } = await import(${JSON.stringify(compiler)});`,
    `const { generatedPolicy } = await import(${JSON.stringify(import.meta.url)});`,
    'const file = generatedPolicy(200);',
    'const started = performance.now();',
    "const out = compileRego([file], { entrypoints: ['big/allow'] });",
    'const ms = performance.now() - started;',
    'process.stdout.write(JSON.stringify({ ms, wasm: out.timings.wasm, bytes: out.wasm.length }));',
  ].join('\n');
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(output) as { ms: number; wasm: number; bytes: number };
}

export async function run(): Promise<BenchResult[]> {
  const sources = rbacSources();
  const cold = compileRego(sources.rego, { entrypoints: ['rbac/allow', 'rbac/decision'] });
  const policy = await loadPolicy(cold.wasm, undefined, hostBuiltins());
  policy.setData(sources.data);
  const inputs = {
    'allow (role grant)': { user: 'bob', action: 'read', resource: { type: 'invoice' } },
    'allow (inherited)': { user: 'dave', action: 'read', resource: { type: 'report' } },
    'deny (no grant)': { user: 'bob', action: 'delete', resource: { type: 'customer' } },
  };
  const rows: BenchRow[] = [
    { name: 'OPA wasm (issue figure)', median_ms: OPA_EVAL_MS, p99_ms: NaN, note: 'rbac allow' },
  ];
  const floorRounds = floorRoundsInOwnProcess(inputs['allow (role grant)']);
  const cases: [string, () => unknown][] = [
    ...Object.entries(inputs).map(([name, input]): [string, () => unknown] => [
      `portcullis ${name}`,
      () => policy.evaluate(input, 'rbac/allow'),
    ]),
    [
      'portcullis decision object (sprintf on host)',
      () => policy.evaluate(inputs['deny (no grant)'], 'rbac/decision'),
    ],
  ];
  // Rounds interleave the cases, so that the JIT's and the machine's drift reach each of them alike.
  const rounds = new Map<string, BenchRow[]>(cases.map(([name]) => [name, []]));
  for (let round = 0; round < EVAL_ROUNDS; round++) {
    for (const [name, call] of cases) {
      const stats = summarise(await timeCalls(call, EVAL_TIMING));
      rounds.get(name)?.push({ name, ...stats, per_sec: 1000 / stats.median_ms });
    }
  }
  const floorRow = medianRow(floorRounds.map((r) => ({ name: 'SDK floor (a module doing no work)', ...r })));
  const policyRows = cases.map(([name]) => medianRow(rounds.get(name) ?? []));
  rows.push({ ...floorRow, per_sec: undefined, note: 'what evaluate() costs around any policy' });
  for (const row of policyRows) {
    const own = (row.median_ms - floorRow.median_ms) * 1000;
    rows.push({ ...row, note: `${own.toFixed(1)} µs above the floor` });
  }

  const compileRows: BenchRow[] = [];
  const coldMs = cold.timings.parse + cold.timings.plan + cold.timings.wasm;
  compileRows.push({
    name: 'rbac (cold, first in process)',
    median_ms: coldMs,
    p99_ms: NaN,
    note: `parse ${cold.timings.parse.toFixed(0)} / plan ${cold.timings.plan.toFixed(0)} / wasm ${cold.timings.wasm.toFixed(0)} ms; ${cold.wasm.length} bytes (OPA ${OPA_WASM_BYTES})`,
  });
  const big = generatedPolicy(200);
  const bigSamples: number[] = [];
  let bigSize = 0;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const out = compileRego([big], { entrypoints: ['big/allow'] });
    bigSamples.push(performance.now() - started);
    bigSize = out.wasm.length;
  }
  const colds = Array.from({ length: COLD_RUNS }, () => coldCompile());
  compileRows.push({
    name: '200-rule policy, cold (new process)',
    ...summarise(colds.map((c) => c.ms)),
    note: `wasm phase median ${summarise(colds.map((c) => c.wasm)).median_ms.toFixed(0)} ms; ${colds[0].bytes} bytes; ${COLD_RUNS} processes`,
  });
  compileRows.push({
    name: '200-rule policy (warm, in process)',
    ...summarise(bigSamples),
    note: `first (after rbac) ${bigSamples[0].toFixed(0)} ms; ${bigSize} bytes`,
  });
  return [
    {
      title: 'evaluate() per call through the opa-wasm SDK (rbac policy)',
      baseline: 'OPA wasm (issue figure)',
      rows,
    },
    {
      title: 'compile time (Rego → policy.wasm)',
      baseline: 'rbac (cold, first in process)',
      rows: compileRows,
    },
  ];
}
