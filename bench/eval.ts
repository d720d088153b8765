import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { loadPolicy, type LoadedPolicy } from '@open-policy-agent/opa-wasm';
import { hostBuiltins } from '../services/compiler/builtins/index.js';
import { compileRego, type RegoFile } from '../services/compiler/index.js';
import { readPolicySources } from '../services/compiler/project.js';
import { projectRoot } from '../services/compiler/wasm/runtime-artifact.js';
import { SAMPLE_INPUT } from './decision.js';
import { inputLabel, readOpaReference, REFERENCE_ENTRYPOINT } from './lib/opa-reference.js';
import { median, summarise, timeInterleaved, type BenchResult, type BenchRow } from './lib/stats.js';

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
const EVAL_TIMING = { iterations: 100, batch: 50, warmup: 2000 };
const EVAL_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

/** One round of the floor (bench/lib/floor-timing.ts), timed in a process of its own. */
function floorRoundInOwnProcess(input: unknown): { median_ms: number; p99_ms: number } {
  const script = fileURLToPath(new URL('./lib/floor-timing.js', import.meta.url));
  const output = execFileSync(
    process.execPath,
    [script, JSON.stringify(input), '1', JSON.stringify(EVAL_TIMING)],
    { encoding: 'utf8', timeout: 120_000 },
  );
  return (JSON.parse(output) as { median_ms: number; p99_ms: number }[])[0];
}

/** Both modules' answers on every input; the bench reports nothing when one differs. */
function checkSameAnswers(ours: LoadedPolicy, opa: LoadedPolicy, inputs: object[]): void {
  const differences = inputs.flatMap((input) => {
    const mine = ours.evaluate(input, REFERENCE_ENTRYPOINT) as unknown;
    const theirs = opa.evaluate(input, REFERENCE_ENTRYPOINT) as unknown;
    return isDeepStrictEqual(mine, theirs)
      ? []
      : [`${JSON.stringify(input)}: ours ${JSON.stringify(mine)}, OPA's ${JSON.stringify(theirs)}`];
  });
  if (differences.length > 0)
    throw new Error(`our compile of rbac.rego answers differently from OPA's:\n${differences.join('\n')}`);
}

interface RoundFigures {
  median_ms: number;
  p99_ms: number;
}

/** The median over rounds of each figure. */
function overRounds(rounds: RoundFigures[]): RoundFigures {
  return { median_ms: median(rounds.map((r) => r.median_ms)), p99_ms: median(rounds.map((r) => r.p99_ms)) };
}

const us = (ms: number): string => `${(ms * 1000).toFixed(1)} µs`;

/**
 * OPA's RBAC example (../shared/opa-reference/rbac) through the unmodified
 * SDK: OPA 1.10's own rbac.wasm and our compile of the same rbac.rego, in
 * this one process, same data, same inputs. Every round times the floor
 * (in its own process), then each input with ours and OPA's batch by batch
 * in turn, then all inputs in turn, then the gateway policy. A ratio is
 * ours over OPA's in the same round, and the figure the median over rounds.
 */
async function sideBySide(): Promise<{ table: BenchResult; oursBytes: number; opaBytes: number }> {
  const reference = readOpaReference();
  const compiled = compileRego([{ file: 'rbac.rego', source: reference.rego }], {
    entrypoints: [REFERENCE_ENTRYPOINT],
  });
  const ours = await loadPolicy(compiled.wasm, undefined, hostBuiltins());
  const opa = await loadPolicy(reference.opaWasm);
  ours.setData(reference.data);
  opa.setData(reference.data);
  checkSameAnswers(ours, opa, reference.inputs);

  const gatewaySources = readPolicySources([join(projectRoot(), 'policies')]);
  const gatewayWasm = compileRego(gatewaySources.rego, { entrypoints: ['gateway/decision'] }).wasm;
  // Host builtin calls are counted over the first evaluation only (a flag test per call after it).
  let countCalls = true;
  const hostCalls = new Map<string, number>();
  const gatewayBuiltins = hostBuiltins();
  for (const [name, fn] of Object.entries(gatewayBuiltins)) {
    gatewayBuiltins[name] = (...args: unknown[]) => {
      if (countCalls) hostCalls.set(name, (hostCalls.get(name) ?? 0) + 1);
      return fn(...args);
    };
  }
  const gateway = await loadPolicy(gatewayWasm, undefined, gatewayBuiltins);
  gateway.setData(gatewaySources.data);
  const gatewayAnswer = gateway.evaluate(SAMPLE_INPUT, 'gateway/decision') as {
    result?: { allow?: boolean };
  }[];
  countCalls = false;
  if (gatewayAnswer[0]?.result?.allow !== true)
    throw new Error(`the gateway policy does not allow the sample input: ${JSON.stringify(gatewayAnswer)}`);
  const hostCallNote =
    hostCalls.size === 0
      ? 'no host builtin call'
      : `host builtin calls: ${[...hostCalls].map(([name, n]) => `${name} x${n}`).join(', ')}`;

  const inputs = reference.inputs;
  const pairs: { label: string; ours: () => unknown; opa: () => unknown; calls: number }[] = inputs.map(
    (input) => ({
      label: inputLabel(input),
      ours: () => ours.evaluate(input, REFERENCE_ENTRYPOINT),
      opa: () => opa.evaluate(input, REFERENCE_ENTRYPOINT),
      calls: 1,
    }),
  );
  pairs.push({
    label: `all ${inputs.length} inputs in turn`,
    ours: () => {
      for (const input of inputs) ours.evaluate(input, REFERENCE_ENTRYPOINT);
    },
    opa: () => {
      for (const input of inputs) opa.evaluate(input, REFERENCE_ENTRYPOINT);
    },
    calls: inputs.length,
  });

  const floorRounds: RoundFigures[] = [];
  const pairRounds = pairs.map(() => ({
    ours: [] as RoundFigures[],
    opa: [] as RoundFigures[],
    ratio: [] as number[],
    p99Ratio: [] as number[],
    aboveRatio: [] as number[],
  }));
  const gatewayRounds: RoundFigures[] = [];
  for (let round = 0; round < EVAL_ROUNDS; round++) {
    const floor = floorRoundInOwnProcess(inputs[0]);
    floorRounds.push(floor);
    const timing = { ...EVAL_TIMING, warmup: round === 0 ? EVAL_TIMING.warmup : 0 };
    pairs.forEach((pair, i) => {
      const [mine, theirs] = timeInterleaved([pair.ours, pair.opa], timing).map((samples) => {
        const s = summarise(samples);
        return { median_ms: s.median_ms / pair.calls, p99_ms: s.p99_ms / pair.calls };
      });
      const r = pairRounds[i];
      r.ours.push(mine);
      r.opa.push(theirs);
      r.ratio.push(mine.median_ms / theirs.median_ms);
      r.p99Ratio.push(mine.p99_ms / theirs.p99_ms);
      r.aboveRatio.push((mine.median_ms - floor.median_ms) / (theirs.median_ms - floor.median_ms));
    });
    const [gatewaySamples] = timeInterleaved(
      [() => gateway.evaluate(SAMPLE_INPUT, 'gateway/decision')],
      timing,
    );
    gatewayRounds.push(summarise(gatewaySamples));
  }

  const floor = overRounds(floorRounds);
  const rows: BenchRow[] = [
    {
      name: 'SDK floor (a module doing no work)',
      ...floor,
      per_sec: 1000 / floor.median_ms,
      note: 'own process; the SDK around any module: JSON and text conversions',
    },
  ];
  pairs.forEach((pair, i) => {
    const r = pairRounds[i];
    const theirs = overRounds(r.opa);
    const mine = overRounds(r.ours);
    rows.push({ name: `OPA 1.10: ${pair.label}`, ...theirs, per_sec: 1000 / theirs.median_ms });
    rows.push({
      name: `ours:     ${pair.label}`,
      ...mine,
      per_sec: 1000 / mine.median_ms,
      ratio: median(r.ratio),
      note:
        `p99 x${median(r.p99Ratio).toFixed(2)}; above the floor ${us(mine.median_ms - floor.median_ms)} ` +
        `vs ${us(theirs.median_ms - floor.median_ms)}: x${median(r.aboveRatio).toFixed(2)}`,
    });
  });
  const gatewayFigures = overRounds(gatewayRounds);
  rows.push({
    name: 'ours:     gateway policy, gateway/decision',
    ...gatewayFigures,
    per_sec: 1000 / gatewayFigures.median_ms,
    note: `policies/gateway, bench/decision.ts's input; ${us(gatewayFigures.median_ms - floor.median_ms)} above the floor; ${hostCallNote}`,
  });
  return {
    table: {
      title:
        `evaluate() through the opa-wasm SDK: OPA's RBAC example (${REFERENCE_ENTRYPOINT}), OPA 1.10's rbac.wasm ` +
        `and ours in one process, ${EVAL_ROUNDS} interleaved rounds (median); x = ours / OPA's in the same round`,
      baseline: "OPA's, same input",
      rows,
    },
    oursBytes: compiled.wasm.length,
    opaBytes: reference.opaWasm.length,
  };
}

/** Fresh processes used to time a cold compile (each pays binaryen's and V8's start-up once). */
const COLD_RUNS = 5;

/**
 * Milliseconds of the first compileRego of the 200-rule policy in a new
 * process: the issue's "cold" figure. Module loading is not counted.
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
  const cold = compileRego([{ file: 'rbac.rego', source: readOpaReference().rego }], {
    entrypoints: [REFERENCE_ENTRYPOINT],
  });
  const { table, oursBytes, opaBytes } = await sideBySide();

  const compileRows: BenchRow[] = [];
  const coldMs = cold.timings.parse + cold.timings.plan + cold.timings.wasm;
  compileRows.push({
    name: 'OPA rbac example (cold, first in process)',
    median_ms: coldMs,
    p99_ms: NaN,
    note: `parse ${cold.timings.parse.toFixed(0)} / plan ${cold.timings.plan.toFixed(0)} / wasm ${cold.timings.wasm.toFixed(0)} ms; ${oursBytes} bytes (OPA's rbac.wasm ${opaBytes})`,
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
    table,
    {
      title: 'compile time (Rego → policy.wasm)',
      baseline: 'OPA rbac example (cold, first in process)',
      rows: compileRows,
    },
  ];
}
