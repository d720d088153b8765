/**
 * Instructions per raw `opa_eval` of OPA's RBAC example, counted by
 * valgrind's callgrind: steady where times on a loaded machine are not.
 * For each module (ours, OPA 1.10's rbac.wasm, the SDK floor) and input,
 * a process warms up, then calls `opa_eval` N times on one input (the JS
 * call included; the input text is written once); a second process makes
 * no calls after the warm-up; the difference over N is the count per call.
 * Usage (after `npm run build`): node dist/bench/eval-instructions.js [N] [ours|opa|floor]
 * Needs valgrind; takes minutes (every process runs under callgrind).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { compileRego } from '../services/compiler/index.js';
import { floorModule } from './lib/floor-module.js';
import { inputLabel, readOpaReference, REFERENCE_ENTRYPOINT } from './lib/opa-reference.js';

const WARMUP_ROUNDS = 5000;

/** In the child: warm up on every input, then `calls` raw evaluations of input `which`. */
async function child(wasmPath: string, which: number, calls: number): Promise<void> {
  const reference = readOpaReference();
  const policy = await loadPolicy(readFileSync(wasmPath));
  policy.setData(reference.data);
  const internals = policy as unknown as {
    wasmInstance: { exports: { opa_eval: (...args: number[]) => number } };
    mem: { buffer: ArrayBuffer };
    dataAddr: number;
    dataHeapPtr: number;
    entrypoints: Record<string, number>;
  };
  const entrypoint = internals.entrypoints[REFERENCE_ENTRYPOINT];
  const texts = reference.inputs.map((input) => new TextEncoder().encode(JSON.stringify(input)));
  const { opa_eval } = internals.wasmInstance.exports;
  const at = internals.dataHeapPtr;
  // The input text stays below the heap: written once per input, nothing allocated per call (fewer
  // collections, which make process-to-process counts differ).
  const place = (text: Uint8Array): void => new Uint8Array(internals.mem.buffer).set(text, at);
  const evaluate = (len: number): number => opa_eval(0, entrypoint, internals.dataAddr, at, len, at + len, 0);
  let sink = 0;
  for (const text of texts) {
    place(text);
    for (let r = 0; r < WARMUP_ROUNDS; r++) sink += evaluate(text.length);
  }
  if (which >= 0) {
    place(texts[which]);
    for (let i = 0; i < calls; i++) sink += evaluate(texts[which].length);
  }
  if (sink === -1) process.stdout.write('');
}

/** Instructions the whole child process ran (valgrind's summary, on stdout through --log-fd=1). */
function countOf(wasmPath: string, which: number, calls: number): number {
  const script = fileURLToPath(import.meta.url);
  const args = [
    '--tool=callgrind',
    '--callgrind-out-file=/dev/null',
    '--log-fd=1',
    process.execPath,
    '--no-liftoff',
    '--no-wasm-dynamic-tiering',
    '--single-threaded',
    script,
    'child',
    wasmPath,
    String(which),
    String(calls),
  ];
  const output = execFileSync('valgrind', args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const match = /Collected : (\d+)/.exec(output);
  if (!match) throw new Error(`no callgrind summary in:\n${output.slice(-2000)}`);
  return Number(match[1]);
}

async function main(): Promise<void> {
  if (process.argv[2] === 'child') {
    await child(process.argv[3], Number(process.argv[4]), Number(process.argv[5]));
    return;
  }
  const calls = Number(process.argv[2] ?? 20_000);
  const reference = readOpaReference();
  const dir = mkdtempSync(join(tmpdir(), 'eval-instructions-'));
  try {
    const modules: [string, Uint8Array][] = [
      [
        'ours',
        compileRego([{ file: 'rbac.rego', source: reference.rego }], { entrypoints: [REFERENCE_ENTRYPOINT] })
          .wasm,
      ],
      ["OPA 1.10's", reference.opaWasm],
      ['SDK floor', floorModule(REFERENCE_ENTRYPOINT)],
    ];
    const only = process.argv[3];
    for (const [name, bytes] of modules) {
      if (only && !name.toLowerCase().startsWith(only.toLowerCase().replace('floor', 'sdk'))) continue;
      const path = join(dir, `${name.replace(/\W/g, '')}.wasm`);
      writeFileSync(path, bytes);
      const base = countOf(path, -1, 0);
      const rows = reference.inputs.map((input, i) => {
        const perCall = Math.round((countOf(path, i, calls) - base) / calls);
        return `${inputLabel(input)}: ${perCall.toLocaleString('en-US')}`;
      });
      process.stdout.write(`${name}: ${rows.join('; ')}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
