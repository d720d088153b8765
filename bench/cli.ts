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
  /** Environment on top of the bench's (the compile cache of each case). */
  env?: Record<string, string>;
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

/** `0m1.250s` (the shell's `times`) in ms. */
function shellTime(text: string): number {
  const m = /^(\d+)m([\d.]+)s$/.exec(text);
  return m ? (Number(m[1]) * 60 + Number(m[2])) * 1000 : NaN;
}

/**
 * Runs a command once through the shell, which reports its children's CPU
 * time (`times`): CPU time stays meaningful on a machine others load,
 * where wall time mostly measures the wait for a core.
 */
function runOnce(args: string[], env: Record<string, string> = {}): { wallMs: number; cpuMs: number } {
  const script = '"$@" >/dev/null 2>&1; status=$?; times >&2; exit $status';
  const started = process.hrtime.bigint();
  const run = spawnSync('/bin/sh', ['-c', script, 'sh', process.execPath, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  // 2 is `test`'s answer when a test fails: still a complete run to time.
  if (run.status !== 0 && run.status !== 2) {
    const again = spawnSync(process.execPath, args, {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
    throw new Error(`${args.join(' ')} exited ${run.status}: ${again.stderr || again.stdout}`);
  }
  const [user, sys] = run.stderr.trim().split('\n').pop()!.trim().split(/\s+/).map(shellTime);
  return { wallMs, cpuMs: user + sys };
}

/**
 * Wall time (and CPU time, in the note) of whole `portcullis`
 * invocations, each a new process, beside a bare `node -e 0` (the floor no
 * command can go under). Every round runs every case once, so load on the
 * shared machine hits all cases alike.
 */
export async function run(): Promise<BenchResult> {
  const dir = smallPolicy();
  const policy = join(dir, 'one');
  // test and eval keep compiled modules in a cache (PORTCULLIS_CACHE_DIR): the warm-up fills
  // this one, so those rows measure a run of unchanged sources; the `cache off` rows compile each time.
  const cached = { PORTCULLIS_CACHE_DIR: join(dir, 'cache') };
  const uncached = { PORTCULLIS_CACHE_DIR: 'off' };
  const evalArgs = [BIN, 'eval', '-d', policy, '-i', join(dir, 'input.json'), 'data.one.allow'];
  const cases: Case[] = [
    { name: 'node -e 0 (floor)', args: ['-e', '0'] },
    { name: 'portcullis --version', args: [BIN, '--version'], target: 150 },
    { name: 'portcullis --help', args: [BIN, '--help'] },
    { name: 'test (one-rule, warm cache)', args: [BIN, 'test', policy], env: cached, target: 600 },
    { name: 'test (one-rule, cold: no cache)', args: [BIN, 'test', policy], env: uncached, target: 600 },
    { name: 'eval (a query, warm cache)', args: evalArgs, env: cached, target: 600 },
    { name: 'eval (a query, cold: no cache)', args: evalArgs, env: uncached, target: 600 },
    { name: 'test policies/ (warm cache)', args: [BIN, 'test', join(ROOT, 'policies')], env: cached },
    { name: 'test policies/ (cold: no cache)', args: [BIN, 'test', join(ROOT, 'policies')], env: uncached },
  ];
  writeFileSync(join(dir, 'input.json'), '{"user": "ada"}');
  const samples = new Map<string, { wallMs: number; cpuMs: number }[]>(cases.map((c) => [c.name, []]));
  try {
    for (let round = 0; round < WARMUP + RUNS; round++) {
      for (const c of cases) {
        const run = runOnce(c.args, c.env);
        if (round >= WARMUP) samples.get(c.name)!.push(run);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const rows: BenchRow[] = cases.map((c) => {
    const runs = samples.get(c.name)!;
    const { median_ms, p99_ms } = summarise(runs.map((r) => r.wallMs));
    const cpu = summarise(runs.map((r) => r.cpuMs));
    // On a loaded machine wall time is mostly the wait for a core: the target is judged on both.
    const met = (ms: number) => (ms < c.target! ? 'met' : 'NOT met');
    const target =
      c.target === undefined
        ? ''
        : `; target < ${c.target} ms: wall ${met(median_ms)}, CPU ${met(cpu.median_ms)}`;
    const note = `CPU median ${cpu.median_ms.toFixed(0)} ms, p99 ${cpu.p99_ms.toFixed(0)} ms${target}`;
    return { name: c.name, median_ms, p99_ms, note };
  });
  return {
    title: `command line, wall time per invocation (${RUNS} interleaved runs each)`,
    baseline: 'node -e 0 (floor)',
    rows,
  };
}
