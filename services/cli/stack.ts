import type { PortcullisConfig } from '../common/config.js';
import { listen, type RunningServer } from '../common/http.js';
import { ensureRedis, type LocalRedis } from '../common/local-redis.js';
import type { Logger } from '../common/logger.js';
import { startTelemetry } from '../common/telemetry.js';
import { createDemoUpstream } from '../demo/upstream.js';
import { createDemoMcpApp } from '../demo/mcp-server.js';
import { startDecisionService } from '../decision/index.js';
import { startProxy } from '../proxy/index.js';
import { startWorkers } from '../workers/index.js';
import { auditProducerFor, decisionAuditOptions, withDemoAuditor } from './audit-wiring.js';
import { buildGatewayBundle, demoProxyConfig } from './demo-setup.js';
import {
  decisionReplayOptions,
  runReplayToken,
  withDevSignIn,
  workersConsoleOptions,
} from './console-wiring.js';
import { proxyConfigFor, withApprovalsUrl } from './proxy-wiring.js';

export interface RunningStack {
  services: { name: string; url: string }[];
  redisUrl: string;
  /** Set when the demo connection is in use: an API key to try the proxy with. */
  demoApiKey?: string;
  /** With the demo: a reviewer's API key (a crm-owner) to approve from the CLI. */
  demoReviewerKey?: string;
  /** With the demo: an auditor's API key to search the audit trail from the CLI. */
  demoAuditorKey?: string;
  /** Where the audit trail is kept and searched. */
  audit: { store: string };
  /** With the demo: the demo MCP server's address through the proxy. */
  demoMcpUrl?: string;
  /** The web console, when served: its URL and the people its development sign-in offers. */
  console?: { url: string; people: string[] };
  close(): Promise<void>;
}

/**
 * Everything `npm start` runs in one process: Redis (found or started),
 * the demo upstream, the workers, the decision service and the proxy, each
 * on its own port.
 */
export async function startStack(config: PortcullisConfig, logger: Logger): Promise<RunningStack> {
  const closers: (() => Promise<void>)[] = [];
  const services: { name: string; url: string }[] = [];
  const track = (name: string, running: RunningServer) => {
    services.push({ name, url: running.url });
    closers.unshift(running.close);
  };
  const closeAll = async () => {
    for (const close of closers) await close().catch((err) => logger.error({ err }, 'close failed'));
  };
  try {
    let redis: LocalRedis;
    if (config.redis.autostart) redis = await ensureRedis(config.redis.url);
    else redis = { url: config.redis.url, stop: async () => undefined };
    closers.unshift(redis.stop);
    if (redis.process) logger.info({ url: redis.url }, 'started a local redis-server');

    const telemetry = await startTelemetry({
      serviceName: config.telemetry.serviceName,
      otlpEndpoint: config.telemetry.otlpEndpoint,
    });
    closers.unshift(telemetry.shutdown);

    const demo = createDemoUpstream({ logger: logger.child({ service: 'demo-upstream' }) });
    const demoServer = await listen(demo, config.demo.port, config.demo.host, 'demo upstream');
    track('demo upstream', demoServer);
    // The demo MCP server, reached through the proxy at /mcp (its own port is any free one).
    const mcpDemo = createDemoMcpApp({ logger: logger.child({ service: 'demo-mcp' }) });
    const mcpServer = await listen(mcpDemo, 0, config.demo.host, 'demo MCP server');
    track('demo MCP server', mcpServer);
    closers.unshift(() => mcpDemo.closeSessions());

    const bundles =
      config.decision.bundles.length > 0 ? config.decision.bundles : [await buildGatewayBundle()];
    // The stack's decision service and workers share a replay token (a fresh one unless configured).
    const replayToken = runReplayToken(config);
    const decision = await startDecisionService({
      bundles,
      host: config.decision.host,
      port: config.decision.port,
      maxInputBytes: config.decision.maxInputBytes,
      verification: config.decision.verification,
      workers: config.decision.workers,
      evalTimeoutMs: config.decision.evalTimeoutMs,
      v0Compatible: config.decision.v0Compatible,
      redisUrl: redis.url,
      redisPrefix: config.redis.prefix,
      ...decisionAuditOptions(config),
      ...decisionReplayOptions(config, replayToken),
      logger: logger.child({ service: 'decision' }),
    });
    services.push({ name: 'decision service', url: decision.url });
    closers.unshift(decision.close);

    const {
      config: demoConfig,
      apiKey,
      reviewerKey,
    } = demoProxyConfig(
      proxyConfigFor(config, redis.url),
      demoServer.url,
      decision.url,
      `${mcpServer.url}/mcp`,
    );
    // With the demo, an auditor's key the banner shows for searching the trail.
    const auditor = apiKey ? withDemoAuditor(demoConfig.identity, config) : undefined;
    const people = [
      apiKey && { label: 'demo-user (engineers): makes requests', apiKey },
      reviewerKey && { label: 'demo-reviewer (crm-owners): approves', apiKey: reviewerKey },
      auditor && { label: 'demo-auditor (auditors): audit trail, replay', apiKey: auditor.apiKey },
    ].filter((p): p is { label: string; apiKey: string } => Boolean(p));
    const consoleConfig = withDevSignIn(config.console, people);
    const workersIdentity = auditor?.identity ?? demoConfig.identity;
    // The workers before the proxy: its 202 answers point at their API.
    const workers = await startWorkers({
      redisUrl: redis.url,
      prefix: config.redis.prefix,
      host: config.workers.host,
      port: config.workers.port,
      logger: logger.child({ service: 'workers' }),
      approvals: { identity: demoConfig.identity, config: config.approvals },
      audit: { identity: workersIdentity, config: config.audit },
      ...workersConsoleOptions(config, workersIdentity, {
        decisionUrl: decision.url,
        replayToken,
        console: consoleConfig,
      }),
    });
    track('workers', workers);
    const proxyConfig = withApprovalsUrl(demoConfig, config, workers.url);
    const proxyLogger = logger.child({ service: 'proxy' });
    const audit = auditProducerFor(config, 'proxy', proxyLogger, redis.url);
    closers.unshift(() => audit.close());
    const proxy = await startProxy(proxyConfig, {
      port: config.proxy.port,
      host: config.proxy.host,
      logger: proxyLogger,
      audit,
    });
    services.push({ name: 'proxy', url: proxy.url });
    closers.unshift(proxy.close);

    return {
      services,
      redisUrl: redis.url,
      demoApiKey: apiKey,
      demoReviewerKey: reviewerKey,
      demoAuditorKey: auditor?.apiKey,
      audit: { store: describeStore(config) },
      demoMcpUrl: demoConfig.connections.some((c) => c.name === 'crm-mcp') ? `${proxy.url}/mcp` : undefined,
      console: consoleConfig.enabled
        ? { url: `${workers.url}/console`, people: people.map((p) => p.label) }
        : undefined,
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

/** Where the API's store lives, for the banner. */
function describeStore(config: PortcullisConfig): string {
  const audit = config.audit;
  const name = audit.api.store ?? audit.sinks.find((s) => s.type === 'postgres')?.name;
  const sink = audit.sinks.find((s) => s.name === name);
  if (sink?.type !== 'postgres') return 'no searchable store (no postgres sink configured)';
  return sink.url === undefined
    ? `embedded PostgreSQL (PGlite) in ${sink.dataDir}`
    : `PostgreSQL, schema ${sink.schema}`;
}
