import { fileURLToPath } from 'node:url';
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { hostBuiltins } from '../services/compiler/builtins/index.js';
import { compileRego, type RegoFile } from '../services/compiler/index.js';
import { readPolicySources } from '../services/compiler/project.js';
import { summarise, timeCalls, type BenchResult, type BenchRow } from './lib/stats.js';

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
  for (const [name, input] of Object.entries(inputs)) {
    const samples = await timeCalls(() => policy.evaluate(input, 'rbac/allow'), {
      iterations: 300,
      batch: 100,
      warmup: 2000,
    });
    const stats = summarise(samples);
    rows.push({ name: `portcullis ${name}`, ...stats, per_sec: 1000 / stats.median_ms });
  }
  const decisionSamples = await timeCalls(() => policy.evaluate(inputs['deny (no grant)'], 'rbac/decision'), {
    iterations: 300,
    batch: 50,
    warmup: 1000,
  });
  rows.push({ name: 'portcullis decision object (sprintf on host)', ...summarise(decisionSamples) });

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
  compileRows.push({
    name: '200-rule policy (first run is cold)',
    ...summarise(bigSamples),
    note: `first ${bigSamples[0].toFixed(0)} ms; ${bigSize} bytes`,
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
