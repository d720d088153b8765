import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { POLICIES_DIR } from '../services/cli/demo-setup.js';
import { createLogger } from '../services/common/logger.js';
import { buildBundle, readPolicySources } from '../services/compiler/project.js';
import { startDecisionService } from '../services/decision/index.js';
import { hashApiKey } from '../services/proxy/identity/api-keys.js';
import type { ReplayReport } from '../services/replay/report.js';
import { startWorkers } from '../services/workers/index.js';
import { SAMPLE_INPUT } from './decision.js';
import { costNote, measuredLoad, medianOfRounds, type MeasuredRow } from './lib/load.js';
import { median, type BenchResult } from './lib/stats.js';

const DECISIONS = Number(process.env.BENCH_REPLAY_DECISIONS ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** The target for replays: recorded decisions re-evaluated per second. */
const TARGET_PER_SEC = 5000;
const TOKEN = 'bench-replay-token-' + 'b'.repeat(24);
const AUDITOR_KEY = 'pc_bench_auditor_' + 'a'.repeat(24);
const PATH = 'gateway/decision';

/**
 * CPU time of this process's main thread and of its other threads (the
 * evaluation workers, V8's and libuv's helpers), in microseconds, from
 * Linux's /proc; undefined elsewhere.
 */
function threadCpuUs(): { main: number; other: number } | undefined {
  try {
    const usPerTick = 1e6 / 100; // USER_HZ
    let main = 0;
    let other = 0;
    for (const tid of readdirSync('/proc/self/task')) {
      // Fields after the command name: utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      const us = (Number(fields[11]) + Number(fields[12])) * usPerTick;
      if (Number(tid) === process.pid) main += us;
      else other += us;
    }
    return { main, other };
  } catch {
    return undefined;
  }
}

/** The gateway policy, and a candidate where developers lose reads on crm (so some answers change). */
async function gatewayBundles(dir: string) {
  const build = async (name: string, src: string) => {
    const { bundle } = await buildBundle(readPolicySources([src]), {
      entrypoints: [PATH, 'system/log/mask'],
      revision: name,
    });
    const path = join(dir, `${name}.tar.gz`);
    writeFileSync(path, bundle);
    return path;
  };
  const live = await build('bench-live', POLICIES_DIR);
  const src = join(dir, 'candidate');
  cpSync(POLICIES_DIR, src, { recursive: true });
  const dataFile = join(src, 'gateway', 'data.json');
  const data = JSON.parse(readFileSync(dataFile, 'utf8'));
  const crm = data.config.connections.crm;
  crm.rules = crm.rules.map((r: { roles: string[]; methods: string[] }) =>
    r.methods.includes('GET') ? { ...r, roles: r.roles.filter((role) => role !== 'developer') } : r,
  );
  writeFileSync(dataFile, JSON.stringify(data));
  return { live, candidate: await build('bench-candidate', src) };
}

/** Recorded inputs: reads on github and crm, each by its own subject. */
function inputOf(i: number) {
  const crm = i % 2 === 1;
  const path = crm ? `/customers/${i}` : `/repos/acme/api${i}`;
  return {
    ...SAMPLE_INPUT,
    identity: { ...SAMPLE_INPUT.identity, sub: `user-${i % 50}` },
    connection: { name: crm ? 'crm' : 'github', tags: [] },
    request: { ...SAMPLE_INPUT.request, path, segments: path.split('/').filter(Boolean) },
  };
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const client = new Redis(redisUrl);
  try {
    const keys = await client.keys(`${prefix}:*`);
    if (keys.length > 0) await client.del(...keys);
  } finally {
    client.disconnect();
  }
}

/**
 * Replay: DECISIONS decision logs recorded through a decision service into
 * a PostgreSQL audit store, then `POST /v1/replay` of a candidate bundle
 * over all of them, timed end to end (reading the store, the candidate and
 * live evaluations in the decision service's pool, the report), against
 * the live bundles now (the default) and against the recorded decisions.
 */
async function replayBench(bundles: { live: string; candidate: string }): Promise<BenchResult> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const postgresUrl = process.env.PORTCULLIS_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const prefix = `portcullis-bench-replay-${process.pid}`;
  const schema = `pc_bench_replay_${process.pid}`;
  const spool = mkdtempSync(join(tmpdir(), 'pc-bench-replay-spool-'));
  const identity = {
    apiKeys: [{ id: 'ann', sha256: hashApiKey(AUDITOR_KEY), subject: 'ann', groups: ['auditors'] }],
  };
  const decision = await startDecisionService({
    bundles: [bundles.live],
    redisUrl,
    redisPrefix: prefix,
    candidates: { token: TOKEN },
  });
  const workers = await startWorkers({
    redisUrl,
    prefix,
    host: '127.0.0.1',
    port: 0,
    logger: createLogger({ level: 'silent' }),
    audit: {
      identity,
      config: {
        spool: { dir: spool },
        sinks: [{ type: 'postgres', name: 'store', url: postgresUrl, schema, batch: { timeoutMs: 50 } }],
      },
    },
    replay: {
      identity,
      decisionUrl: decision.url,
      config: { token: { value: TOKEN }, maxDecisions: Math.max(DECISIONS, 1000) },
    },
  });
  const db = new pg.Client({ connectionString: postgresUrl });
  await db.connect();
  try {
    for (let i = 0; i < DECISIONS; i += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, DECISIONS - i) }, async (_, j) => {
          const res = await fetch(`${decision.url}/v1/data/${PATH}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ input: inputOf(i + j) }),
          });
          if (!res.ok) throw new Error(`decision answered ${res.status}`);
          await res.arrayBuffer();
        }),
      );
    }
    const deadline = Date.now() + 300_000;
    for (;;) {
      const { rows } = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM "${schema}".events WHERE kind = 'decision_log'`,
      );
      if (Number(rows[0].n) >= DECISIONS) break;
      if (Date.now() > deadline)
        throw new Error(`only ${rows[0].n} of ${DECISIONS} decision logs were stored`);
      await workers.audit!.exporter.nextTick();
    }
    const candidate = readFileSync(bundles.candidate);
    // CPU of this process (workers, decision service and its evaluation threads) per replayed decision.
    const cpuUs: Record<'live' | 'recorded', number[]> = { live: [], recorded: [] };
    // The same split by thread: the main thread (HTTP, JSON, the store, comparison) and the rest.
    const threadUs: Record<'live' | 'recorded', { main: number; other: number }[]> = {
      live: [],
      recorded: [],
    };
    const replay = async (baseline: 'live' | 'recorded') => {
      const threadsBefore = threadCpuUs();
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const res = await fetch(`${workers.url}/v1/replay?since=1h&baseline=${baseline}`, {
        method: 'POST',
        headers: { 'x-api-key': AUDITOR_KEY, 'content-type': 'application/gzip' },
        body: candidate,
      });
      const report = (await res.json()) as ReplayReport;
      const ms = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      cpuUs[baseline].push((cpu.user + cpu.system) / DECISIONS);
      const threadsAfter = threadCpuUs();
      if (threadsBefore && threadsAfter)
        threadUs[baseline].push({
          main: (threadsAfter.main - threadsBefore.main) / DECISIONS,
          other: (threadsAfter.other - threadsBefore.other) / DECISIONS,
        });
      if (!res.ok) throw new Error(`replay answered ${res.status}: ${JSON.stringify(report)}`);
      if (report.replayed !== DECISIONS) throw new Error(`replayed ${report.replayed}, not ${DECISIONS}`);
      if (report.changes.allow_to_deny === 0) throw new Error('the candidate changed nothing');
      return { ms, perSec: (DECISIONS / ms) * 1000, report };
    };
    await replay('recorded'); // warm-up: the candidate's first load, the store's caches
    cpuUs.recorded.length = 0;
    threadUs.recorded.length = 0;
    const times: Record<'live' | 'recorded', number[]> = { live: [], recorded: [] };
    let last: ReplayReport | undefined;
    for (let round = 0; round < ROUNDS; round++) {
      for (const baseline of ['live', 'recorded'] as const) {
        const { ms, report } = await replay(baseline);
        times[baseline].push(ms);
        last = report;
      }
    }
    const row = (baseline: 'live' | 'recorded', name: string) => {
      const ms = median(times[baseline]);
      const perSec = (DECISIONS / ms) * 1000;
      const cpu = median(cpuUs[baseline]);
      const threads = threadUs[baseline].length
        ? ` (main thread ${median(threadUs[baseline].map((t) => t.main)).toFixed(0)} us, ` +
          `other threads ${median(threadUs[baseline].map((t) => t.other)).toFixed(0)} us)`
        : '';
      return {
        name,
        median_ms: ms,
        p99_ms: Math.max(...times[baseline]),
        per_sec: Math.round(perSec),
        ratio: perSec / TARGET_PER_SEC,
        note:
          `${(perSec / TARGET_PER_SEC).toFixed(2)}x the ${TARGET_PER_SEC}/s target; ` +
          `${cpu.toFixed(0)} us CPU per decision (all threads${threads}), ${Math.round(2e6 / cpu)}/s if two cores were free`,
      };
    };
    return {
      title: `POST /v1/replay over ${DECISIONS} recorded gateway decisions, ${ROUNDS} rounds (median; p99 column: slowest round)`,
      baseline: `target ${TARGET_PER_SEC}/s`,
      rows: [
        {
          name: `target ${TARGET_PER_SEC}/s`,
          median_ms: (DECISIONS / TARGET_PER_SEC) * 1000,
          p99_ms: (DECISIONS / TARGET_PER_SEC) * 1000,
          per_sec: TARGET_PER_SEC,
          note: `allow→deny in the candidate: ${last!.changes.allow_to_deny}`,
        },
        row('live', 'replay, baseline live (default)'),
        row('recorded', 'replay, baseline recorded'),
      ],
    };
  } finally {
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await db.end();
    await workers.close();
    await decision.close();
    await deleteKeys(redisUrl, prefix);
    rmSync(spool, { recursive: true, force: true });
  }
}

/**
 * Shadow: the decision service's throughput at 64 connections with the
 * candidate as a shadow bundle (every decision sampled) against the same
 * service without one, rounds interleaved.
 */
async function shadowBench(bundles: { live: string; candidate: string }): Promise<BenchResult> {
  const services = [
    { name: 'decision service, no shadow', shadow: undefined },
    { name: '+ shadow bundle, every decision', shadow: 1 },
    { name: '+ shadow bundle, sampleRate 0.1', shadow: 0.1 },
  ];
  const running = await Promise.all(
    services.map((s) =>
      startDecisionService({
        bundles: [bundles.live],
        port: 0,
        ...(s.shadow === undefined ? {} : { shadow: { bundle: bundles.candidate, sampleRate: s.shadow } }),
      }),
    ),
  );
  try {
    const rounds: MeasuredRow[][] = services.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, service] of services.entries()) {
        rounds[i].push(
          await measuredLoad(service.name, `${running[i].url}/v1/data/${PATH}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ input: inputOf(1) }),
            connections: 64,
            seconds: SECONDS,
            warmupSeconds: round === 0 ? 2 : 0,
          }),
        );
      }
    }
    const [none, ...shadowed] = rounds.map(medianOfRounds);
    const rows = await Promise.all(
      shadowed.map(async (row, i) => {
        const status = (await (await fetch(`${running[i + 1].url}/v1/status`)).json()) as {
          result: { shadow?: { decisions?: unknown } };
        };
        return {
          ...row,
          ratio: row.per_sec! / none.per_sec!,
          note:
            `throughput ${((row.per_sec! / none.per_sec!) * 100).toFixed(0)}% of no shadow (target 80%); ` +
            `${costNote(row)}; shadowed: ${JSON.stringify(status.result.shadow?.decisions)}`,
        };
      }),
    );
    return {
      title: `POST /v1/data/${PATH} (a crm read the candidate denies), 64 connections, ${SECONDS} s x ${ROUNDS} rounds (median)`,
      baseline: none.name,
      rows: [{ ...none, note: costNote(none) }, ...rows],
    };
  } finally {
    for (const service of running) await service.close();
  }
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pc-bench-replay-'));
  try {
    const bundles = await gatewayBundles(dir);
    return [await replayBench(bundles), await shadowBench(bundles)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
