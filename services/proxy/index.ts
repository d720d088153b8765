import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import type { AuditProducer } from '../audit/producer.js';
import { registerProducerMetrics } from '../audit/producer-metrics.js';
import type { DecisionEvent } from '../decision/index.js';
import { proxyConfigSchema, type ProxyConfig, type ProxyConfigInput } from './config.js';
import { ProxyPipeline } from './pipeline.js';
import { adminPath, answerAdmin } from './admin.js';
import { trackServer } from '../common/shutdown.js';

export interface ProxyOptions {
  /** Proxy configuration; validated with `proxyConfigSchema` (defaults filled in). */
  config: ProxyConfigInput | ProxyConfig;
  /** Structured logger. @defaultValue pino at info level on stdout */
  logger?: Logger;
  /** Embedded decisions only: called with every decision log event after masking (besides Redis). */
  onDecisionEvent?: (event: DecisionEvent) => void;
  /**
   * Where the proxy records its audit events (one per request) and, with
   * embedded decisions, decision logs. No audit trail when absent.
   */
  audit?: AuditProducer;
}

/**
 * Builds the enforcement proxy as a plain `node:http` request listener; `close`
 * releases its connection pools. The proxy routes by host and path prefix
 * itself, so a web framework's router and response helpers would only add
 * work to every request.
 */
export function createProxyHandler(options: ProxyOptions): {
  handler: RequestListener;
  /** Resolves once decisions can be asked for (the embedded engine has loaded its bundles). */
  ready(): Promise<void>;
  close(): Promise<void>;
} {
  const config = proxyConfigSchema.parse(options.config);
  const logger = (options.logger ?? pino({ level: 'info' })).child({ component: 'proxy' });
  const pipeline = new ProxyPipeline(config, logger, {
    onDecisionEvent: options.onDecisionEvent,
    audit: options.audit,
  });
  const unregisterAudit = options.audit && registerProducerMetrics(pipeline.metrics.registry, options.audit);
  const handler: RequestListener = (req, res) => {
    // Every other path belongs to the connections.
    const admin = adminPath(req);
    if (admin) {
      const metrics = () => pipeline.metrics.render();
      return answerAdmin(admin, req, res, { config, health: () => pipeline.health(), metrics });
    }
    pipeline.handle(req, res).catch((err: unknown) => {
      // handle() answers every failure itself; reaching here is a bug, and the caller must not hang.
      logger.error({ err }, 'proxy handler failed');
      res.destroy();
    });
  };
  const close = () => {
    unregisterAudit?.();
    return pipeline.close();
  };
  return { handler, ready: () => pipeline.ready(), close };
}

/**
 * Starts the proxy on `port` (0 for any free port) and returns its base URL.
 * With embedded decisions it first waits for the engine's first attempt at
 * each bundle (a bundle that fails to load does not stop the start: its
 * requests fail closed and /health says so).
 */
export async function startProxy(
  config: ProxyConfigInput | ProxyConfig,
  options: Omit<ProxyOptions, 'config'> & { port?: number; host?: string } = {},
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const parsed = proxyConfigSchema.parse(config);
  const { handler, ready, close } = createProxyHandler({
    config: parsed,
    logger: options.logger,
    onDecisionEvent: options.onDecisionEvent,
    audit: options.audit,
  });
  try {
    await ready();
  } catch (err) {
    await close();
    throw err;
  }
  const limits = parsed.server;
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // The timeouts are enforced by a periodic sweep: often enough that a short limit holds.
      connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(limits.headersTimeoutMs / 4))),
    },
    handler,
  );
  server.maxConnections = limits.maxConnections;
  trackServer(server, 'proxy', { front: true });
  const host = options.host ?? parsed.host;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? parsed.port, host, () => resolve());
    });
  } catch (err) {
    await close();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    server,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await close();
    },
  };
}

export { DEFAULT_DECISION_URL, proxyConfigSchema } from './config.js';
export type { ProxyConfig, ProxyConfigInput } from './config.js';
export { PROXY_ERRORS, ProxyError, type ProxyErrorCode } from './errors.js';
export { hashApiKey } from './identity/api-keys.js';
export type { DecisionInput } from './decision/input.js';
export type { Decision } from './decision/document.js';
