import type { PortcullisConfig } from '../common/config.js';
import type { ProxyConfig } from '../proxy/config.js';

/**
 * The proxy's configuration as the command line runs it: embedded decisions
 * log to the deployment's Redis (`redis:`), as the decision service does,
 * unless `proxy.decision.decisionLogs` names another.
 */
export function proxyConfigFor(config: PortcullisConfig, redisUrl = config.redis.url): ProxyConfig {
  const proxy = config.proxy;
  if (proxy.decision.bundles === undefined || proxy.decision.decisionLogs !== undefined) return proxy;
  return {
    ...proxy,
    decision: {
      ...proxy.decision,
      decisionLogs: { redisUrl, prefix: config.redis.prefix },
    },
  };
}

/** Where the proxy's decisions come from, for the start-up line. */
export function describeDecisions(proxy: ProxyConfig): string {
  const bundles = proxy.decision.bundles;
  if (bundles !== undefined) return `decisions in-process from ${bundles.join(', ')}`;
  return `decisions from ${proxy.decisionUrl}`;
}
