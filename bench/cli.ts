import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarise, type BenchResult, type BenchRow } from './lib/stats.js';

/** Runs of each command (BENCH_RUNS), interleaved round by round as hyperfine's `--runs` would be, plus warm-up. */
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 2;

const ROOT = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../../' : '../', import.meta.url));
const BIN = join(ROOT, 'bin', 'portcullis.js');

interface Case {
  name: string;
  args: string[];
  /** What the command should answer under, on these machines (issue 16). */
  target?: number;
}

function smallPolicy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pc-bench-cli-'));
  mkdirSync(join(dir, 'one'));
  writeFileSync(
    join(dir, 'one', 'policy.rego'),
    'package one\n\nallow if input.user == "ada"\n\ntest_allow if allow with input as {"user": "ada"}\n',
  );
  return dir;
}

function runOnce(args: string[]): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) {
    throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr || run.stdout}`);
  }
  return ms;
}

/**
 * Wall time of whole `portcullis` invocations, each a new process, beside
 * a bare `node -e 0` (the floor no command can go under). Every round runs
 * every case once, so load on the shared machine hits all cases alike.
 */
export async function run(): Promise<BenchResult> {
  const dir = smallPolicy();
  const policy = join(dir, 'one');
  const cases: Case[] = [
    { name: 'node -e 0 (floor)', args: ['-e', '0'] },
    { name: 'portcullis --version', args: [BIN, '--version'], target: 150 },
    { name: 'portcullis --help', args: [BIN, '--help'] },
    { name: 'test (one-rule policy)', args: [BIN, 'test', policy], target: 600 },
    {
      name: 'eval (one-rule policy, a query)',
      args: [BIN, 'eval', '-d', policy, '-i', join(dir, 'input.json'), 'data.one.allow'],
      target: 600,
    },
    { name: 'test policies/ (gateway)', args: [BIN, 'test', join(ROOT, 'policies')] },
  ];
  writeFileSync(join(dir, 'input.json'), '{"user": "ada"}');
  const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  try {
    for (let round = 0; round < WARMUP + RUNS; round++) {
      for (const c of cases) {
        const ms = runOnce(c.args);
        if (round >= WARMUP) samples.get(c.name)!.push(ms);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const rows: BenchRow[] = cases.map((c) => {
    const { median_ms, p99_ms } = summarise(samples.get(c.name)!);
    const note =
      c.target === undefined ? '' : `target < ${c.target} ms: ${median_ms < c.target ? 'met' : 'NOT met'}`;
    return { name: c.name, median_ms, p99_ms, note };
  });
  return {
    title: `command line, wall time per invocation (${RUNS} interleaved runs each)`,
    baseline: 'node -e 0 (floor)',
    rows,
  };
}
