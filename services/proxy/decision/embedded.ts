import { context, propagation } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { AuditProducer } from '../../audit/producer.js';
import type { DecisionEngine, DecisionEngineOptions, DecisionEvent } from '../../decision/index.js';
import type { ProxyConfig } from '../config.js';
import { ProxyError } from '../errors.js';
import { tracingActive } from '../telemetry.js';
import type { DecisionInput } from './input.js';
import type { DecisionAnswer, DecisionHealth, DecisionSource } from './source.js';

export interface EmbeddedDecisionOptions {
  logger: Logger;
  /** The proxy's audit producer: decision logs and bundle activations are recorded with it. */
  audit?: AuditProducer;
  /** Called with every decision event after masking, besides the Redis queue (tests, custom sinks). */
  onDecisionEvent?: (event: DecisionEvent) => void;
}

/** The decision log's `requested_by` for decisions made in the proxy. */
export const EMBEDDED_REQUESTER = 'portcullis-proxy';

/**
 * Engine errors that say the engine is away rather than that this request
 * provoked a failure: a fail-open connection forwards on these, as it does
 * when the decision service is unreachable. An evaluation over its deadline
 * (`eval_cancel_error`) is not among them: an input shaped to be slow to
 * evaluate must not open the connection (the decision service answers the
 * same overrun with a 500, closed too).
 */
const UNAVAILABLE_CODES: ReadonlySet<string> = new Set(['unavailable', 'pool_closed']);

/** The engine's options from the proxy's `decision:` keys (embedded mode). */
export function engineOptions(
  decision: ProxyConfig['decision'] & { bundles: string[] },
  options: EmbeddedDecisionOptions,
): DecisionEngineOptions {
  const logs = decision.decisionLogs;
  return {
    bundles: decision.bundles,
    workers: decision.workers,
    verification: decision.verification,
    evalTimeoutMs: decision.timeoutMs,
    v0Compatible: decision.v0Compatible,
    shadow: decision.shadow,
    redisUrl: logs?.redisUrl,
    redisPrefix: logs?.prefix,
    audit: options.audit,
    logger: options.logger.child({ subsystem: 'decision-engine' }),
    onDecisionEvent: options.onDecisionEvent,
  };
}

function proxyErrorFor(err: unknown): ProxyError {
  const code = (err as { code?: unknown } | null)?.code;
  // The caller sees the code; the engine's message (policy locations, bundle sources) goes to the log.
  if (code === 'json_too_deep') return new ProxyError('json_too_deep', undefined, { cause: err });
  if (typeof code === 'string') {
    const proxyCode = UNAVAILABLE_CODES.has(code) ? 'decision_unavailable' : 'decision_invalid';
    return new ProxyError(proxyCode, `decision engine: ${code}`, { cause: err });
  }
  // The engine serialises the input before evaluating: absurd nesting is the caller's doing.
  if (err instanceof RangeError) {
    return new ProxyError('bad_request', 'the request cannot be expressed as a decision input', {
      cause: err,
    });
  }
  return new ProxyError('decision_invalid', 'decision engine failed', { cause: err });
}

/**
 * Decides in this process with the decision service's engine (bundles,
 * evaluation pool with deadlines, decision logs), without the HTTP hop.
 * The engine starts in the background; `ready()` waits for it. Until it
 * has started, and while no revision of a bundle is active, decisions are
 * `decision_unavailable`.
 */
export class EmbeddedDecisions implements DecisionSource {
  private engine?: DecisionEngine;
  private failure?: Error;
  private readonly starting: Promise<void>;
  /** Data paths by entrypoint (a connection's entrypoint is fixed, requests are many). */
  private readonly paths = new Map<string, string[]>();

  constructor(options: DecisionEngineOptions) {
    // Loaded on demand, so a proxy asking over HTTP never loads the engine.
    this.starting = import('../../decision/index.js')
      .then(({ startDecisionEngine }) => startDecisionEngine(options))
      .then(
        (engine) => void (this.engine = engine),
        (err: unknown) => void (this.failure = err instanceof Error ? err : new Error(String(err))),
      );
  }

  async ready(): Promise<void> {
    await this.starting;
    if (this.failure) throw this.failure;
  }

  async decide(entrypoint: string, input: DecisionInput): Promise<DecisionAnswer> {
    const engine = this.engine ?? (await this.started());
    let headers: Record<string, string> | undefined;
    if (tracingActive()) {
      headers = {};
      propagation.inject(context.active(), headers);
    }
    let outcome;
    try {
      outcome = await engine.decide({
        handler: 'proxy.embedded_decision',
        path: this.pathFor(entrypoint),
        input,
        strictBuiltinErrors: false,
        headers,
        requestedBy: EMBEDDED_REQUESTER,
      });
    } catch (err) {
      throw proxyErrorFor(err);
    }
    if (!outcome.defined) {
      // Undefined because a bundle never loaded is the engine not being ready, not the policy's answer.
      const missing = engine.context.registry.notActivated();
      if (missing.length > 0) {
        throw new ProxyError('decision_unavailable', 'decision engine: a bundle is not activated', {
          cause: new Error(`not activated: ${missing.join(', ')}`),
        });
      }
    }
    return { decisionId: outcome.decisionId, result: outcome.result };
  }

  private async started(): Promise<DecisionEngine> {
    await this.starting;
    if (this.engine) return this.engine;
    throw new ProxyError('decision_unavailable', 'decision engine did not start', { cause: this.failure });
  }

  private pathFor(entrypoint: string): string[] {
    let path = this.paths.get(entrypoint);
    if (path === undefined) {
      path = entrypoint.split('/').filter((segment) => segment !== '');
      this.paths.set(entrypoint, path);
    }
    return path;
  }

  /**
   * 200 once every bundle has an active revision, else 503. Bundle names are
   * their sources (paths, URLs), so only revisions and error codes are shown
   * on the proxy's port; the log has the details.
   */
  health(): DecisionHealth {
    if (!this.engine) {
      const error = this.failure ? 'decision engine failed to start' : 'decision engine starting';
      return { status: 503, body: { error } };
    }
    const statuses = Object.values(this.engine.context.registry.status());
    const bundles = statuses.map((s) => ({
      active_revision: s.active_revision ?? null,
      ...(s.code === undefined ? {} : { error: s.code }),
    }));
    const missing = statuses.filter((s) => s.active_revision === undefined).length;
    if (missing > 0) {
      return {
        status: 503,
        body: { error: `${missing} of ${statuses.length} bundles not activated`, bundles },
      };
    }
    return { status: 200, body: { bundles } };
  }

  async close(): Promise<void> {
    await this.starting;
    await this.engine?.close();
  }
}
