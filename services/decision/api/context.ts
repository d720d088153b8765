import type { BundleRegistry } from '../bundles/registry.js';
import type { DecisionLogQueue } from '../logs/queue.js';
import type { DecisionLogger } from '../logs/logger.js';
import type { ServiceLogger } from '../options.js';
import type { DecisionMetrics } from './metrics.js';

/** What the HTTP layer needs from the running service. */
export interface ServiceContext {
  registry: BundleRegistry;
  decisionLogger: DecisionLogger;
  queue?: DecisionLogQueue;
  metrics: DecisionMetrics;
  labels: Record<string, string>;
  maxInputBytes: number;
  defaultDecision: string;
  logger?: ServiceLogger;
  startedAt: Date;
}
