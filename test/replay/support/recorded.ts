import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../../services/common/logger.js';
import { startDecisionService, type RunningDecisionService } from '../../../services/decision/index.js';
import type { DecisionServiceOptions } from '../../../services/decision/options.js';
import { hashApiKey } from '../../../services/proxy/identity/api-keys.js';
import { startWorkers } from '../../../services/workers/index.js';
import { dropSchema, testPostgresUrl, uniqueSchema } from '../../support/postgres.js';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../../support/redis.js';
import type { AskedDecision } from './bundles.js';

export const AUDITOR_KEY = 'pc_test_replay_auditor_' + 'a'.repeat(24);
export const ENGINEER_KEY = 'pc_test_replay_engineer_' + 'e'.repeat(24);
export const REPLAY_TOKEN = 'replay-token-' + 't'.repeat(32);

export const identity = {
  apiKeys: [
    { id: 'ann', sha256: hashApiKey(AUDITOR_KEY), subject: 'ann', groups: ['auditors'] },
    { id: 'eve', sha256: hashApiKey(ENGINEER_KEY), subject: 'eve', groups: ['engineers'] },
  ],
};

/**
 * A decision service recording its decision logs on the audit stream, and
 * workers exporting them to a PostgreSQL store of their own and serving
 * `/v1/replay` against that decision service: the parts a replay runs on.
 */
export async function startRecordingStack(
  liveBundle: string,
  decisionOptions: Partial<DecisionServiceOptions> = {},
) {
  const prefix = uniquePrefix('replay');
  const schema = uniqueSchema('replay');
  const spool = await mkdtemp(join(tmpdir(), 'pc-replay-spool-'));
  const decision: RunningDecisionService = await startDecisionService({
    bundles: [liveBundle],
    redisUrl: testRedisUrl(),
    redisPrefix: prefix,
    // One evaluation worker: decision logs reach the store in the order asked (the tests count the newest N).
    workers: 1,
    candidates: { token: REPLAY_TOKEN },
    ...decisionOptions,
  });
  const workers = await startWorkers({
    redisUrl: testRedisUrl(),
    prefix,
    host: '127.0.0.1',
    port: 0,
    logger: createLogger({ level: 'silent' }),
    audit: {
      identity,
      config: {
        spool: { dir: spool },
        transport: { trimIntervalMs: 50 },
        sinks: [
          { type: 'postgres', name: 'store', url: testPostgresUrl(), schema, batch: { timeoutMs: 50 } },
        ],
      },
    },
    replay: {
      identity,
      decisionUrl: decision.url,
      config: { token: { value: REPLAY_TOKEN }, chunkSize: 40 },
    },
  });
  const store = (await workers.audit!.store())!;

  /** Asks the decision service each decision, one after the other. */
  const ask = async (decisions: AskedDecision[]) => {
    for (const d of decisions) {
      const res = await fetch(`${decision.url}/v1/data/${d.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ input: d.input }),
      });
      if (!res.ok) throw new Error(`decision answered ${res.status}: ${await res.text()}`);
    }
  };

  /** Waits, export tick by export tick, until the store holds `count` events of `kind`. */
  const stored = async (kind: string, count: number) => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const page = await store.query({ kind, limit: 1000 });
      if (page.events.length >= count) return page.events;
      if (Date.now() > deadline)
        throw new Error(`the store holds ${page.events.length} ${kind} events, not ${count}`);
      await workers.audit!.exporter.nextTick();
    }
  };

  return {
    prefix,
    decision,
    workers,
    store,
    ask,
    stored,
    async close() {
      await workers.close();
      await decision.close();
      await deleteKeys(prefix);
      await dropSchema(schema);
      await rm(spool, { recursive: true, force: true });
    },
  };
}
