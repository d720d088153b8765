import type { Bundle } from '../../bundle/index.js';
import { shadowEvent, type AuditSource } from '../../audit/event.js';
import type { AuditProducer } from '../../audit/producer.js';
import type { Counter } from 'prom-client';
import type { MetricsRegistry } from '../../common/metrics.js';
import { CHANGE_KINDS, compareDecisions, type ChangeKind, type Outcome } from '../../replay/compare.js';
import type { BundleSink, BundleSource } from '../bundles/source.js';
import { Candidate } from '../candidates/candidate.js';
import type { Generation } from '../eval/generation.js';

/** `decision.shadow` (and `proxy.decision.shadow` for embedded decisions). */
export interface ShadowOptions {
  /** The shadow bundle's source: a .tar.gz file, a bundle directory or an http(s) bundle-server URL. */
  bundle: string;
  /** Share of decisions also evaluated against the shadow, 0 to 1. @defaultValue 1 */
  sampleRate?: number;
  /** Most shadow evaluations waiting or running at once; more are dropped (counted). @defaultValue 1000 */
  queueBound?: number;
}

/** What the shadow needs to know of one live decision. */
export interface ObservedDecision {
  decisionId: string;
  path: string[];
  inputJson?: string;
  input?: unknown;
  traceId?: string;
  spanId?: string;
}

export type ShadowOutcome = 'same' | 'different' | 'error' | 'dropped';

/** The shadow's figures, as `/v1/status` shows them under `shadow`. */
export interface ShadowStatus {
  bundle: string;
  revision: string | null;
  sample_rate: number;
  queue_bound: number;
  /** Shadow evaluations waiting or running now. */
  pending: number;
  /** Decisions compared, by outcome (dropped: over the queue bound; not sampled ones are not counted). */
  decisions: Record<ShadowOutcome, number>;
  changes: Record<ChangeKind, number>;
  last_error?: { code: string; message: string };
  /** The last failure to load the shadow bundle, while the previous revision (if any) serves. */
  load_error?: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function allowOf(outcome: Outcome): boolean | null {
  if (!('defined' in outcome) || !outcome.defined) return null;
  const result = outcome.result;
  if (typeof result === 'boolean') return result;
  return isObject(result) && typeof result.allow === 'boolean' ? result.allow : null;
}

function textAt(input: unknown, a: string, b: string): string | null {
  const inner = isObject(input) ? input[a] : undefined;
  const value = isObject(inner) ? inner[b] : undefined;
  return typeof value === 'string' ? value : null;
}

/**
 * A shadow bundle beside the live ones: every sampled decision is also
 * evaluated against it, in the live pool as background work, after the
 * live answer is on its way (it never delays or changes that answer).
 * Differences are recorded as `shadow` audit events and counted in
 * metrics. At most `queueBound` shadow evaluations wait at once; past it
 * decisions are not shadowed (counted as dropped), so a burst cannot grow
 * the queue without bound or take the pool from live decisions.
 */
export class ShadowDecisions implements BundleSink {
  private candidate?: Candidate;
  private loads = 0;
  private pending = 0;
  private readonly sampleRate: number;
  private readonly queueBound: number;
  private readonly counts: ShadowStatus['decisions'] = { same: 0, different: 0, error: 0, dropped: 0 };
  private readonly changeCounts = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as Record<
    ChangeKind,
    number
  >;
  private lastError?: ShadowStatus['last_error'];
  private loadError?: string;
  private readonly settledWaiters: (() => void)[] = [];
  private readonly decisionsCounter: Counter<'outcome'>;
  private readonly changesCounter: Counter<'change'>;

  constructor(
    private readonly options: ShadowOptions,
    private readonly source: BundleSource,
    private readonly record: { audit?: AuditProducer; source: AuditSource },
    metrics: MetricsRegistry,
    /** Sampling draws (tests give a fixed sequence). @defaultValue Math.random */
    private readonly random: () => number = Math.random,
  ) {
    this.sampleRate = Math.min(1, Math.max(0, options.sampleRate ?? 1));
    this.queueBound = Math.max(0, options.queueBound ?? 1000);
    this.decisionsCounter = metrics.counter({
      name: 'portcullis_shadow_decisions_total',
      help: 'Decisions compared with the shadow bundle, by outcome (same, different, error; dropped: over the queue bound).',
      labelNames: ['outcome'],
    });
    this.changesCounter = metrics.counter({
      name: 'portcullis_shadow_changes_total',
      help: 'Shadow differences by kind (allow_to_deny, deny_to_allow, approval_added, approval_removed, approval_changed, mask_changed, other_changed).',
      labelNames: ['change'],
    });
    metrics.gaugeFrom(
      { name: 'portcullis_shadow_pending', help: 'Shadow evaluations waiting or running.' },
      () => [{ value: this.pending }],
    );
  }

  /** Loads the shadow bundle (waiting for the source's first attempt). */
  start(): Promise<void> {
    return this.source.start(this);
  }

  // BundleSink: the shadow's source reports here.
  async activate(_name: string, bundle: Bundle): Promise<void> {
    const next = new Candidate(`shadow-${++this.loads}`, bundle);
    const previous = this.candidate;
    this.candidate = next;
    this.loadError = undefined;
    await previous?.drop();
  }

  failed(_name: string, error: unknown): void {
    this.loadError = error instanceof Error ? error.message : String(error);
  }

  requested(): void {
    // The shadow has no per-request status beyond its load error.
  }

  /**
   * Called for every live decision, before its evaluation is awaited: the
   * shadow's evaluation is queued behind it (background work) and compared
   * once both are done. Returns at once.
   */
  observe(generation: Generation, decision: ObservedDecision, live: Promise<Outcome>): void {
    const candidate = this.candidate;
    if (!candidate) return;
    if (this.sampleRate < 1 && this.random() >= this.sampleRate) return;
    if (this.pending >= this.queueBound) return this.count('dropped');
    this.pending++;
    const shadow = candidate.evaluate(generation, { path: decision.path, inputJson: decision.inputJson });
    void Promise.all([live, shadow])
      .then(([before, after]) => this.compare(decision, candidate, generation, before, after))
      .catch(() => undefined)
      .finally(() => {
        this.pending--;
        if (this.pending === 0) for (const wake of this.settledWaiters.splice(0)) wake();
      });
  }

  private compare(
    decision: ObservedDecision,
    candidate: Candidate,
    generation: Generation,
    live: Outcome,
    shadow: Outcome,
  ): void {
    // A live failure is the live decision's story (its decision log says it); nothing to compare.
    if ('error' in live) return;
    if ('error' in shadow) {
      this.lastError = shadow.error;
      return this.count('error');
    }
    const comparison = compareDecisions(live, shadow);
    if (comparison.changes.length === 0) return this.count('same');
    this.count('different');
    for (const kind of comparison.changes) {
      this.changeCounts[kind]++;
      this.changesCounter.inc({ change: kind });
    }
    this.record.audit?.record(
      shadowEvent(
        {
          path: decision.path.join('/'),
          subject: textAt(decision.input, 'identity', 'sub'),
          connection: textAt(decision.input, 'connection', 'name'),
          live_revisions: generation.revisions(),
          shadow_revision: candidate.revision,
          live_allow: allowOf(live),
          shadow_allow: allowOf(shadow),
          changes: comparison.changes,
          reasons: comparison.reasons as Record<string, string[]>,
        },
        { decision_id: decision.decisionId, trace_id: decision.traceId, span_id: decision.spanId },
        this.record.source,
      ),
    );
  }

  private count(outcome: ShadowOutcome): void {
    this.counts[outcome]++;
    this.decisionsCounter.inc({ outcome });
  }

  /** Resolves once no shadow evaluation is pending (tests, shutdown). */
  settle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  status(): ShadowStatus {
    return {
      bundle: this.options.bundle,
      revision: this.candidate?.revision ?? null,
      sample_rate: this.sampleRate,
      queue_bound: this.queueBound,
      pending: this.pending,
      decisions: { ...this.counts },
      changes: { ...this.changeCounts },
      ...(this.lastError ? { last_error: this.lastError } : {}),
      ...(this.loadError ? { load_error: this.loadError } : {}),
    };
  }

  async close(): Promise<void> {
    await this.settle();
    await this.source.stop();
    await this.candidate?.drop();
  }
}
