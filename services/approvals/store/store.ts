import type { RedisClient } from '../../common/redis.js';
import { carryTrace } from '../../common/trace-context.js';
import { ApprovalError } from '../errors.js';
import type {
  ApprovalRecord,
  ApprovalRequirement,
  ApprovalStatus,
  Grant,
  GrantStatus,
  RequestView,
  Requester,
  Review,
  ReviewChannel,
  ReviewDecision,
} from '../types.js';
import { ApprovalKeys } from './keys.js';
import { SCRIPTS, type ScriptName } from './scripts.js';

export interface ApprovalStoreOptions {
  /** Key prefix of the deployment (`redis.prefix`). */
  prefix: string;
  /** The clock every transition is stamped with (unix ms). @defaultValue Date.now */
  now?: () => number;
  /** How long settled records stay readable after their deadline. @defaultValue 7 days */
  keepMs?: number;
  /** Approximate cap of the transitions stream. @defaultValue 100000 */
  streamMaxLength?: number;
}

/** What a new record holds besides what the store fills in. */
export interface NewRecord {
  id: string;
  status: 'pending' | 'executed';
  expires_at: number;
  requester: Requester;
  connection: string;
  digest: string;
  requirement: ApprovalRequirement;
  policy_reasons: string[];
  caller_reason: string;
  request: RequestView;
  decision_id: string;
  mode: 'hold' | 'async';
  break_glass_reason: string | null;
}

export type ReviewOutcome =
  | { kind: 'recorded'; approvals: number }
  | { kind: 'approved'; executable_until: number }
  | { kind: 'denied' }
  | { kind: 'post_review'; outcome: 'pending' | 'approved' | 'denied' };

export interface ListFilter {
  status?: ApprovalStatus;
  connection?: string;
  requester?: string;
  /** Only records created before this time (the cursor of the previous page). */
  before?: number;
  /** @defaultValue 50 */
  limit?: number;
  /** Further condition (who may see it), applied while paging. */
  where?: (record: ApprovalRecord) => boolean;
}

type ScriptReply = [number, (string | number)?];
type ScriptRunner = (...args: (string | number)[]) => Promise<ScriptReply | number>;

const DAY_MS = 24 * 3600 * 1000;
/** The index keeps entries this much longer than records, so listing never misses a live one. */
const INDEX_SLACK_MS = 31 * DAY_MS;

/** Connection failures are an outage (503); a script error is a bug and stays one. */
function storeFailure(err: unknown): unknown {
  if (err instanceof ApprovalError) return err;
  const name = (err as { name?: string })?.name;
  if (name === 'ReplyError') return err;
  return new ApprovalError('approval_store_unavailable', undefined, { cause: err });
}

function parseJson<T>(text: string | undefined, fallback: T): T {
  if (text === undefined || text === '') return fallback;
  return JSON.parse(text) as T;
}

function numberOrNull(text: string | undefined): number | null {
  return text === undefined || text === '' ? null : Number(text);
}

/**
 * The approval domain's Redis store: records, reviews, grants, the
 * transitions stream and the change notices. Every transition is one Lua
 * script (scripts.ts); this class runs them and turns their return codes
 * into outcomes or typed errors. The only module that knows the keys.
 */
export class ApprovalStore {
  readonly keys: ApprovalKeys;
  readonly now: () => number;
  private readonly keepMs: number;
  private readonly maxlen: number;
  private readonly scripts: Record<ScriptName, ScriptRunner>;

  constructor(
    readonly redis: RedisClient,
    options: ApprovalStoreOptions,
  ) {
    this.keys = new ApprovalKeys(options.prefix);
    this.now = options.now ?? Date.now;
    this.keepMs = options.keepMs ?? 7 * DAY_MS;
    this.maxlen = options.streamMaxLength ?? 100_000;
    const scripts = {} as Record<ScriptName, ScriptRunner>;
    for (const [name, script] of Object.entries(SCRIPTS) as [ScriptName, (typeof SCRIPTS)[ScriptName]][]) {
      if (!(name in redis)) redis.defineCommand(name, script);
      const command = (redis as unknown as Record<string, ScriptRunner>)[name];
      scripts[name] = (...args) => command.apply(redis, args);
    }
    this.scripts = scripts;
  }

  private async run(name: ScriptName, keys: string[], args: Record<string, unknown>): Promise<ScriptReply> {
    // Whoever made the transition (a request, a review, an expiry job): its events carry that trace.
    const traced = carryTrace();
    const payload = JSON.stringify({
      now: this.now(),
      maxlen: this.maxlen,
      channel: this.keys.changes,
      keep_ms: this.keepMs,
      ...(traced ? { traceparent: traced.traceparent } : {}),
      ...args,
    });
    try {
      const reply = await this.scripts[name](...keys, payload);
      return (Array.isArray(reply) ? reply : [reply]) as ScriptReply;
    } catch (err) {
      throw storeFailure(err);
    }
  }

  private approvalKeys(id: string): string[] {
    return [this.keys.approval(id), this.keys.reviews(id), this.keys.pending, this.keys.events];
  }

  // ------------------------------------------------------------ approvals

  async create(record: NewRecord): Promise<void> {
    const now = this.now();
    const grant = record.requirement.grant;
    const breakGlass = record.break_glass_reason !== null;
    const fields: Record<string, string> = {
      id: record.id,
      status: record.status,
      created_at: String(now),
      expires_at: String(record.expires_at),
      requester_sub: record.requester.sub,
      requester: JSON.stringify(record.requester),
      connection: record.connection,
      digest: record.digest,
      requirement: JSON.stringify(record.requirement),
      policy_reasons: JSON.stringify(record.policy_reasons),
      caller_reason: record.caller_reason,
      request: JSON.stringify(record.request),
      decision_id: record.decision_id,
      mode: record.mode,
      min_approvals: String(record.requirement.min_approvals),
      approvals: '0',
      grant_id: '',
      grant_methods: grant && !breakGlass ? JSON.stringify(grant.methods) : '',
      grant_paths: grant && !breakGlass ? JSON.stringify(grant.paths) : '',
      grant_duration_ms: grant ? String(grant.duration_seconds * 1000) : '',
      grant_max_uses: grant?.max_uses != null ? String(grant.max_uses) : '',
      break_glass: breakGlass ? '1' : '0',
      break_glass_reason: record.break_glass_reason ?? '',
      post_review: breakGlass ? 'pending' : '',
      executed_at: breakGlass ? String(now) : '',
    };
    const [created] = await this.run(
      'approvalCreate',
      [this.keys.approval(record.id), this.keys.pending, this.keys.index, this.keys.events],
      {
        id: record.id,
        fields,
        pending: record.status === 'pending',
        keep_until: record.expires_at + this.keepMs,
        index_floor: now - this.keepMs - INDEX_SLACK_MS,
        event: breakGlass
          ? {
              type: 'approval.break_glass',
              to: 'executed',
              actor: record.requester.sub,
              via: 'proxy',
              reason: record.break_glass_reason,
            }
          : {
              type: 'approval.requested',
              to: 'pending',
              actor: record.requester.sub,
              via: 'proxy',
              reason: record.caller_reason,
            },
      },
    );
    if (created !== 1) throw new Error(`approval id ${record.id} already exists`);
  }

  async get(id: string): Promise<ApprovalRecord | undefined> {
    const [record] = await this.getMany([id]);
    return record;
  }

  /** Records in the order asked; missing ones are left out. */
  async getMany(ids: readonly string[]): Promise<ApprovalRecord[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.keys.approval(id)).hgetall(this.keys.reviews(id));
    let replies: [Error | null, unknown][];
    try {
      replies = (await pipeline.exec()) ?? [];
    } catch (err) {
      throw storeFailure(err);
    }
    const records: ApprovalRecord[] = [];
    for (let i = 0; i < ids.length; i++) {
      const [errA, hash] = replies[2 * i];
      const [errR, reviews] = replies[2 * i + 1];
      if (errA || errR) throw storeFailure(errA ?? errR);
      const fields = hash as Record<string, string>;
      if (!fields || !fields.id) continue;
      records.push(toRecord(fields, reviews as Record<string, string>));
    }
    return records;
  }

  /** Newest first, `limit` records at most, with the cursor of the next page. */
  async list(filter: ListFilter = {}): Promise<{ items: ApprovalRecord[]; next: number | null }> {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
    const items: ApprovalRecord[] = [];
    let max = filter.before === undefined ? '+inf' : `(${filter.before}`;
    // Bounded work per page, whatever the filter: the cursor lets the caller go on.
    for (let scanned = 0; scanned < 2000 && items.length < limit;) {
      let page: string[];
      try {
        page = await this.redis.zrevrangebyscore(this.keys.index, max, '-inf', 'WITHSCORES', 'LIMIT', 0, 100);
      } catch (err) {
        throw storeFailure(err);
      }
      if (page.length === 0) return { items, next: null };
      const ids: string[] = [];
      for (let i = 0; i < page.length; i += 2) ids.push(page[i]);
      scanned += ids.length;
      const records = new Map((await this.getMany(ids)).map((r) => [r.id, r]));
      for (let i = 0; i < page.length; i += 2) {
        const record = records.get(page[i]);
        max = `(${page[i + 1]}`;
        if (!record || !matches(record, filter)) continue;
        items.push(record);
        if (items.length === limit) return { items, next: Number(page[i + 1]) };
      }
    }
    return { items, next: Number(max.slice(1)) };
  }

  async review(
    record: ApprovalRecord,
    review: Review,
    options: { grantId: string; executeWindowMs: number },
  ): Promise<ReviewOutcome> {
    const grantKeys = [
      this.keys.grant(options.grantId),
      this.keys.subjectGrants(record.connection, record.requester.sub),
      this.keys.grants,
    ];
    const [code, value] = await this.run('approvalReview', [...this.approvalKeys(record.id), ...grantKeys], {
      sub: review.sub,
      decision: review.decision,
      reason: review.reason,
      via: review.via,
      review: JSON.stringify(review),
      grant_id: options.grantId,
      execute_window_ms: options.executeWindowMs,
    });
    switch (code) {
      case 1:
        return { kind: 'recorded', approvals: Number(value) };
      case 2:
        return { kind: 'approved', executable_until: Number(value) };
      case 3:
        return { kind: 'denied' };
      case 4:
        return { kind: 'post_review', outcome: value as 'pending' | 'approved' | 'denied' };
      case -1:
        throw new ApprovalError('approval_not_found');
      case -2:
        throw new ApprovalError('approval_settled', `this approval is already ${value}`, {
          details: { status: value },
        });
      case -3:
        throw new ApprovalError('already_reviewed');
      case -4:
        throw new ApprovalError('approval_expired');
      case -5:
        throw new ApprovalError('self_approval');
      default:
        throw new Error(`approvalReview returned ${code}`);
    }
  }

  /** Approved → executed for the request bound to `digest` by `subject`. */
  async execute(id: string, subject: string, digest: string): Promise<void> {
    const [code, value] = await this.run('approvalExecute', this.approvalKeys(id), { subject, digest });
    switch (code) {
      case 1:
        return;
      case -1:
        throw new ApprovalError('approval_not_found');
      case -2:
        throw new ApprovalError('approval_mismatch');
      case -3:
        throw new ApprovalError('approval_used');
      case -4:
        throw new ApprovalError('approval_not_approved', `this approval is ${value}`, {
          details: { status: value },
        });
      case -6:
        throw new ApprovalError('approval_expired');
      default:
        throw new Error(`approvalExecute returned ${code}`);
    }
  }

  async cancel(id: string, actor: string, via: ReviewChannel | 'proxy', reason: string): Promise<void> {
    const [code, value] = await this.run('approvalCancel', this.approvalKeys(id), { actor, via, reason });
    if (code === 1) return;
    if (code === -1) throw new ApprovalError('approval_not_found');
    if (code === -2)
      throw new ApprovalError('approval_settled', `this approval is already ${value}`, {
        details: { status: value },
      });
    if (code === -4) throw new ApprovalError('approval_expired');
    throw new Error(`approvalCancel returned ${code}`);
  }

  /**
   * Expired: true; not yet due: the deadline; nothing to expire: false.
   * With `by` (an admin), a pending approval expires now whatever its deadline.
   */
  async expire(
    id: string,
    by?: { actor: string; via: ReviewChannel; reason: string },
  ): Promise<true | false | { due: number }> {
    const [code, value] = await this.run('approvalExpire', this.approvalKeys(id), by ?? {});
    if (code === 1) return true;
    if (code === 0) return { due: Number(value) };
    return false;
  }

  /** The id of the newest transition (its stream entry), or '0-0': changes whenever anything does. */
  async lastTransition(): Promise<string> {
    try {
      const [entry] = await this.redis.xrevrange(this.keys.events, '+', '-', 'COUNT', 1);
      return entry?.[0] ?? '0-0';
    } catch (err) {
      throw storeFailure(err);
    }
  }

  async revoke(record: ApprovalRecord, actor: string, via: ReviewChannel, reason: string): Promise<void> {
    const keys = [
      ...this.approvalKeys(record.id),
      this.keys.grant(record.grant_id ?? 'none'),
      this.keys.subjectGrants(record.connection, record.requester.sub),
      this.keys.grants,
    ];
    const [code, value] = await this.run('approvalRevoke', keys, { actor, via, reason });
    if (code === 1) return;
    if (code === -1) throw new ApprovalError('approval_not_found');
    if (code === -2)
      throw new ApprovalError('approval_settled', `an approval that is ${value} cannot be revoked`, {
        details: { status: value },
      });
    throw new Error(`approvalRevoke returned ${code}`);
  }

  // --------------------------------------------------------------- grants

  private grantKeys(grant: Pick<Grant, 'id' | 'connection' | 'subject'>): string[] {
    return [
      this.keys.grant(grant.id),
      this.keys.subjectGrants(grant.connection, grant.subject),
      this.keys.grants,
      this.keys.events,
    ];
  }

  async grant(id: string): Promise<Grant | undefined> {
    let fields: Record<string, string>;
    try {
      fields = await this.redis.hgetall(this.keys.grant(id));
    } catch (err) {
      throw storeFailure(err);
    }
    return fields.id ? toGrant(fields) : undefined;
  }

  /** The subject's active grants on the connection (two round trips at most). */
  async activeGrants(connection: string, subject: string): Promise<Grant[]> {
    const now = this.now();
    try {
      const ids = await this.redis.zrangebyscore(
        this.keys.subjectGrants(connection, subject),
        `(${now}`,
        '+inf',
      );
      if (ids.length === 0) return [];
      return await this.grantsById(ids, now);
    } catch (err) {
      throw storeFailure(err);
    }
  }

  /** Every active grant, soonest to end first. */
  async allActiveGrants(limit = 200): Promise<Grant[]> {
    const now = this.now();
    try {
      const ids = await this.redis.zrangebyscore(this.keys.grants, `(${now}`, '+inf', 'LIMIT', 0, limit);
      return await this.grantsById(ids, now);
    } catch (err) {
      throw storeFailure(err);
    }
  }

  private async grantsById(ids: string[], now: number): Promise<Grant[]> {
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.keys.grant(id));
    const replies = (await pipeline.exec()) ?? [];
    const grants: Grant[] = [];
    for (const [err, fields] of replies) {
      if (err) throw err;
      const hash = fields as Record<string, string>;
      if (!hash.id) continue;
      const grant = toGrant(hash);
      if (grant.status === 'active' && grant.expires_at > now) grants.push(grant);
    }
    return grants;
  }

  /** Counts one use; the remaining uses (null: no limit). */
  async useGrant(grant: Grant): Promise<number | null> {
    const [code, value] = await this.run('grantUse', this.grantKeys(grant), {});
    if (code === 1) return Number(value) < 0 ? null : Number(value);
    if (code === -1) throw new ApprovalError('grant_not_found');
    if (code === -2)
      throw new ApprovalError('grant_inactive', `this grant is ${value}`, { details: { status: value } });
    if (code === -3)
      throw new ApprovalError('grant_inactive', 'this grant has expired', { details: { status: 'expired' } });
    throw new Error(`grantUse returned ${code}`);
  }

  async expireGrant(grant: Grant): Promise<true | false | { due: number }> {
    const [code, value] = await this.run('grantExpire', this.grantKeys(grant), {});
    if (code === 1) return true;
    if (code === 0) return { due: Number(value) };
    return false;
  }

  // ------------------------------------------------- channel bookkeeping

  /** True the first time `key` is claimed in `namespace` within `ttlMs`; false after. */
  async claimOnce(namespace: string, key: string, ttlMs: number): Promise<boolean> {
    try {
      const set = await this.redis.set(this.keys.once(namespace, key), '1', 'PX', Math.max(1, ttlMs), 'NX');
      return set === 'OK';
    } catch (err) {
      throw storeFailure(err);
    }
  }

  /** Remembers what a channel delivered for an approval (e.g. the Slack message to update later). */
  async recordNotification(id: string, target: string, ref: unknown, keepUntil: number): Promise<void> {
    try {
      await this.redis
        .multi()
        .hset(this.keys.notified(id), target, JSON.stringify(ref))
        .pexpireat(this.keys.notified(id), keepUntil + this.keepMs)
        .exec();
    } catch (err) {
      throw storeFailure(err);
    }
  }

  async notifications(id: string): Promise<Map<string, unknown>> {
    try {
      const fields = await this.redis.hgetall(this.keys.notified(id));
      return new Map(Object.entries(fields).map(([target, ref]) => [target, JSON.parse(ref) as unknown]));
    } catch (err) {
      throw storeFailure(err);
    }
  }
}

function matches(record: ApprovalRecord, filter: ListFilter): boolean {
  if (filter.status && record.status !== filter.status) return false;
  if (filter.connection && record.connection !== filter.connection) return false;
  if (filter.requester && record.requester.sub !== filter.requester) return false;
  return filter.where ? filter.where(record) : true;
}

function toRecord(f: Record<string, string>, reviews: Record<string, string>): ApprovalRecord {
  const breakGlass = f.break_glass === '1';
  return {
    id: f.id,
    status: f.status as ApprovalStatus,
    created_at: Number(f.created_at),
    expires_at: Number(f.expires_at),
    requester: parseJson<Requester>(f.requester, {
      sub: f.requester_sub,
      email: null,
      groups: [],
      type: 'user',
    }),
    connection: f.connection,
    digest: f.digest,
    requirement: parseJson<ApprovalRequirement>(f.requirement, {} as ApprovalRequirement),
    policy_reasons: parseJson<string[]>(f.policy_reasons, []),
    caller_reason: f.caller_reason ?? '',
    request: parseJson<RequestView>(f.request, {} as RequestView),
    decision_id: f.decision_id ?? '',
    mode: (f.mode as 'hold' | 'async') ?? 'async',
    approvals: Number(f.approvals ?? 0),
    reviews: Object.values(reviews ?? {})
      .map((text) => JSON.parse(text) as Review & { seq?: number })
      .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))
      .map(({ seq: _seq, ...review }) => review),
    settled_by: f.settled_by || null,
    settled_at: numberOrNull(f.settled_at),
    outcome_reason: f.outcome_reason ?? '',
    executed_at: numberOrNull(f.executed_at),
    grant_id: f.grant_id || null,
    break_glass: breakGlass
      ? {
          reason: f.break_glass_reason ?? '',
          review: (f.post_review || 'pending') as 'pending' | 'approved' | 'denied',
        }
      : null,
  };
}

function toGrant(f: Record<string, string>): Grant {
  return {
    id: f.id,
    approval_id: f.approval_id,
    subject: f.subject,
    connection: f.connection,
    methods: parseJson<string[]>(f.methods, []),
    paths: parseJson<string[]>(f.paths, []),
    created_at: Number(f.created_at),
    expires_at: Number(f.expires_at),
    uses_left: numberOrNull(f.uses_left),
    status: f.status as GrantStatus,
  };
}

export type { ReviewDecision };
