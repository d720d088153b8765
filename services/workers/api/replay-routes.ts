import express, { type Express, type Request, type RequestHandler } from 'express';
import type { AuditStore } from '../../audit/store/store.js';
import { parseDurationMs } from '../../common/duration.js';
import type { ReplayConfig } from '../../replay/config.js';
import type { CandidateClient } from '../../replay/decision-client.js';
import { ReplayError } from '../../replay/errors.js';
import { runReplay } from '../../replay/run.js';

export interface ReplayRoutesOptions {
  /** Authenticates the caller (createCallerAuth). */
  callerAuth: RequestHandler;
  /** Callers must be in this group. */
  group: string;
  config: ReplayConfig;
  /** The audit store the recorded decisions are read from. */
  store: () => Promise<AuditStore | undefined>;
  /** The decision service's candidate API; undefined when replay has no token. */
  client?: CandidateClient;
  /** @defaultValue Date.now */
  now?: () => number;
}

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function text(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ReplayError('replay_invalid', `${name}: give it once, as text`);
  return value;
}

/** `24h`, `7d` (that long ago) or an RFC 3339 time. */
function timeParam(req: Request, name: string, now: number): Date | undefined {
  const value = text(req, name);
  if (value === undefined) return undefined;
  const ago = parseDurationMs(value);
  if (ago !== undefined) return new Date(now - ago);
  if (TIME.test(value) && !Number.isNaN(Date.parse(value))) return new Date(value);
  throw new ReplayError('replay_invalid', `${name}: "${value}" is neither like 24h nor an RFC 3339 time`);
}

/**
 * `POST /v1/replay?since=24h&until=…&connection=crm&limit=1000&baseline=live` with a
 * candidate bundle (.tar.gz) as the body: the recorded decisions are
 * re-evaluated against it on the decision service, in its live pool, and
 * the answer is the report (services/replay/report.ts). For callers of the
 * replay group (a replay reads recorded decision inputs).
 */
export function mountReplayRoutes(app: Express, options: ReplayRoutesOptions): void {
  const { config } = options;
  const now = options.now ?? Date.now;
  const inGroup: RequestHandler = (req, _res, next) => {
    if (!req.caller?.groups.includes(options.group))
      return next(
        new ReplayError('replay_forbidden', `replaying recorded decisions needs the ${options.group} group`),
      );
    next();
  };
  const body = express.raw({ type: () => true, limit: config.maxBundleBytes });
  app.post('/v1/replay', options.callerAuth, inGroup, body, async (req, res) => {
    const known = new Set(['since', 'until', 'connection', 'limit', 'baseline']);
    for (const name of Object.keys(req.query))
      if (!known.has(name)) throw new ReplayError('replay_invalid', `unknown parameter ${name}`);
    const at = now();
    const since = timeParam(req, 'since', at) ?? new Date(at - 24 * 3600_000);
    const until = timeParam(req, 'until', at);
    const limitText = text(req, 'limit');
    const limit = limitText === undefined ? config.maxDecisions : Number(limitText);
    if (!/^\d{1,9}$/.test(limitText ?? '1') || limit < 1 || limit > config.maxDecisions)
      throw new ReplayError('replay_invalid', `limit: 1 to ${config.maxDecisions}`);
    const baseline = text(req, 'baseline') ?? 'live';
    if (baseline !== 'live' && baseline !== 'recorded')
      throw new ReplayError(
        'replay_invalid',
        'baseline: live (the live bundles now) or recorded (as decided)',
      );
    const bundle = req.body as unknown;
    if (!Buffer.isBuffer(bundle) || bundle.length === 0)
      throw new ReplayError('replay_invalid', 'send the candidate bundle (.tar.gz) as the request body');
    if (!options.client)
      throw new ReplayError(
        'replay_unavailable',
        'replay is off: set replay.token (and the decision service has it too)',
      );
    const store = await options.store();
    if (!store) throw new ReplayError('replay_unavailable', 'no audit store to read recorded decisions from');
    const report = await runReplay({
      store,
      client: options.client,
      bundle,
      filter: { since, until, connection: text(req, 'connection'), limit },
      chunkSize: config.chunkSize,
      baseline,
    });
    res.json(report);
  });
}
