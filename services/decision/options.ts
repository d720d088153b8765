import type { BundleSizeLimits, VerificationOptions } from '../bundle/index.js';

/** Structured logger the service reports to (pino fits). */
export interface ServiceLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface PollingOptions {
  /** @defaultValue 60 */
  minDelaySeconds?: number;
  /** @defaultValue 120 */
  maxDelaySeconds?: number;
  /** OPA long polling: ask the bundle server to hold requests this long. Off when absent. */
  longPollingTimeoutSeconds?: number;
}

/** What the decision engine needs: bundles, evaluation and decision logs. */
export interface DecisionEngineOptions {
  /** Bundle sources: `.tar.gz` files, bundle directories, or http(s) URLs of a bundle server. */
  bundles: string[];
  /** Largest request body accepted; larger gets 413. @defaultValue 1048576 */
  maxInputBytes?: number;
  /** Key every bundle must be signed with; without it, signed bundles are refused. */
  verification?: VerificationOptions;
  /** Size caps for every bundle source (compressed download, uncompressed archive). Defaults: 64 / 128 MiB. */
  bundleLimits?: BundleSizeLimits;
  /**
   * Redis holding the audit stream: decision logs and bundle activations are
   * recorded there (services/audit). Not recorded when absent, unless `audit` is given.
   */
  redisUrl?: string;
  /** Key prefix of the audit stream. @defaultValue 'portcullis' */
  redisPrefix?: string;
  /** Events kept in memory while Redis is slow or down. @defaultValue 10000 */
  decisionLogBufferSize?: number;
  /** On-disk spool for the events while Redis is away (one directory per process). @defaultValue none */
  auditSpool?: import('../audit/spool.js').SpoolOptions;
  /** Instance name on the events. @defaultValue `<hostname>:<pid>` */
  auditInstance?: string;
  /**
   * A producer to record with instead of one of the engine's own (the
   * proxy's, in embedded mode: one stream writer and one spool per process).
   * The engine does not close it.
   */
  audit?: import('../audit/producer.js').AuditProducer;
  logger?: ServiceLogger;
  /**
   * Read the Rego sources of bundles whose manifest declares no
   * `rego_version` (nor a `file_rego_versions` pattern for the file) as Rego
   * v0, as OPA's `--v0-compatible`; they are compiled when a document that is
   * not an entrypoint is asked for. @defaultValue false (Rego v1)
   */
  v0Compatible?: boolean;
  /** Worker threads per loaded generation. @defaultValue os.availableParallelism() */
  workers?: number;
  /** Longest an evaluation may take; a request may ask for less with `X-Portcullis-Deadline-Ms`. @defaultValue 2000 */
  evalTimeoutMs?: number;
  /** HTTP bundle polling. */
  polling?: PollingOptions;
  /** Path answered by `POST /`. @defaultValue 'system/main' */
  defaultDecision?: string;
  /** Extra labels for status and decision log events. */
  labels?: Record<string, string>;
  /** Called with every decision event after masking (in addition to the audit stream). */
  onDecisionEvent?: (event: import('./logs/event.js').DecisionEvent) => void;
  /**
   * The candidate API for replays (`/v1/candidates`: a bundle evaluated in
   * the live pool beside the live ones). Off when absent.
   */
  candidates?: Omit<import('./candidates/registry.js').CandidatesOptions, 'verification' | 'bundleLimits'>;
  /**
   * A shadow bundle loaded beside the live ones: every sampled decision is
   * also evaluated against it, off the caller's path, and differences are
   * recorded (`shadow` audit events) and counted. None when absent.
   */
  shadow?: import('./shadow/shadow.js').ShadowOptions;
}

/** The engine behind OPA's REST API. */
export interface DecisionServiceOptions extends DecisionEngineOptions {
  /** @defaultValue 0 (any free port) */
  port?: number;
  /** @defaultValue '127.0.0.1' */
  host?: string;
}
