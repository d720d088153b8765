import type { PortcullisConfig } from '../common/config.js';
import type { ProxyConfig } from '../proxy/config.js';

/**
 * Approvals are kept on the deployment's Redis with the `approvals:`
 * settings, unless `proxy.approvals` names its own store; 202 answers
 * point at `approvals.publicUrl`, else at the workers' address.
 */
function withApprovalStore(config: PortcullisConfig, redisUrl: string): ProxyConfig {
  if (config.proxy.approvals) return config.proxy;
  const { executeWindowSeconds, retentionDays, maxReasonLength } = config.approvals;
  // Where callers look an approval up: the configured public URL, else the workers' own address.
  const { host, port } = config.workers;
  const publicUrl = config.approvals.publicUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    ...config.proxy,
    approvals: {
      redisUrl,
      prefix: config.redis.prefix,
      commandTimeoutMs: 1000,
      grantCacheMs: 1000,
      executeWindowSeconds,
      retentionDays,
      maxReasonLength,
      publicUrl,
    },
  };
}

/**
 * The proxy's configuration as the command line runs it: embedded decisions
 * log to the deployment's Redis (`redis:`), as the decision service does,
 * unless `proxy.decision.decisionLogs` names another.
 */
export function proxyConfigFor(config: PortcullisConfig, redisUrl = config.redis.url): ProxyConfig {
  const proxy = withApprovalStore(config, redisUrl);
  if (proxy.decision.bundles === undefined || proxy.decision.decisionLogs !== undefined) return proxy;
  return {
    ...proxy,
    decision: {
      ...proxy.decision,
      decisionLogs: { redisUrl, prefix: config.redis.prefix },
    },
  };
}

/**
 * The proxy's approval answers point at the workers' API as started (its
 * port may have been chosen at run time), unless `approvals.publicUrl` is set.
 */
export function withApprovalsUrl(
  proxy: ProxyConfig,
  config: PortcullisConfig,
  workersUrl: string,
): ProxyConfig {
  if (!proxy.approvals || config.approvals.publicUrl) return proxy;
  return { ...proxy, approvals: { ...proxy.approvals, publicUrl: workersUrl } };
}

/** Where the proxy's decisions come from, for the start-up line. */
export function describeDecisions(proxy: ProxyConfig): string {
  const bundles = proxy.decision.bundles;
  if (bundles !== undefined) return `decisions in-process from ${bundles.join(', ')}`;
  return `decisions from ${proxy.decisionUrl}`;
}
