export { startDecisionService, type RunningDecisionService } from './service.js';
export { startBundleServer, type BundleServerOptions, type RunningServer } from './server/bundle-server.js';
export type {
  DecisionEngineOptions,
  DecisionServiceOptions,
  PollingOptions,
  ServiceLogger,
} from './options.js';
export { startDecisionEngine, type DecisionEngine } from './engine.js';
export type { DecisionOutcome, DecisionRequest } from './api/decide.js';
export type { DecisionEvent } from './logs/event.js';
export { applyMask, parseMaskRules, type MaskRule } from './logs/mask.js';
export { DEADLINE_HEADER } from './api/query-params.js';
export { BUNDLE_CONTENT_TYPE } from './server/protocol.js';
