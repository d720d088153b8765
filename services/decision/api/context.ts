import type { BundleRegistry } from '../bundles/registry.js';
import type { CandidateSet } from '../candidates/registry.js';
import type { ShadowDecisions } from '../shadow/shadow.js';
import type { AuditProducer } from '../../audit/producer.js';
import type { DecisionLogger } from '../logs/logger.js';
import type { ServiceLogger } from '../options.js';
import type { DecisionMetrics } from './metrics.js';

/** What the HTTP layer needs from the running service. */
export interface ServiceContext {
  registry: BundleRegistry;
  decisionLogger: DecisionLogger;
  /** Where decision logs are recorded: the audit stream's producer. */
  queue?: AuditProducer;
  metrics: DecisionMetrics;
  labels: Record<string, string>;
  maxInputBytes: number;
  defaultDecision: string;
  logger?: ServiceLogger;
  startedAt: Date;
  /** Candidate bundles for replays (`/v1/candidates`); absent: the API answers candidates_disabled. */
  candidates?: CandidateSet;
  /** The shadow bundle every decision is also compared with; absent: none. */
  shadow?: ShadowDecisions;
}
