import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { proxyConfigSchema, type ProxyConfig, type ProxyConfigInput } from './config.js';
import { ProxyPipeline } from './pipeline.js';

export interface ProxyOptions {
  /** Proxy configuration; validated with `proxyConfigSchema` (defaults filled in). */
  config: ProxyConfigInput | ProxyConfig;
  /** Structured logger. @defaultValue pino at info level on stdout */
  logger?: Logger;
}

const HEALTH_BODY = '{}';

/** `GET`/`HEAD /health` (any query, optional trailing slash, any case): the proxy's own liveness check. */
function isHealthCheck(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = req.url ?? '';
  const end = url.indexOf('?');
  const path = (end < 0 ? url : url.slice(0, end)).toLowerCase();
  return path === '/health' || path === '/health/';
}

function sendHealth(res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(HEALTH_BODY.length),
  });
  res.end(HEALTH_BODY);
}

/**
 * Builds the enforcement proxy as a plain `node:http` request listener; `close`
 * releases its connection pools. The proxy routes by host and path prefix
 * itself, so a web framework's router and response helpers would only add
 * work to every request.
 */
export function createProxyHandler(options: ProxyOptions): {
  handler: RequestListener;
  close(): Promise<void>;
} {
  const config = proxyConfigSchema.parse(options.config);
  const logger = (options.logger ?? pino({ level: 'info' })).child({ component: 'proxy' });
  const pipeline = new ProxyPipeline(config, logger);
  const handler: RequestListener = (req, res) => {
    // Every other path belongs to the connections.
    if (isHealthCheck(req)) return sendHealth(res);
    pipeline.handle(req, res).catch((err: unknown) => {
      // handle() answers every failure itself; reaching here is a bug, and the caller must not hang.
      logger.error({ err }, 'proxy handler failed');
      res.destroy();
    });
  };
  return { handler, close: () => pipeline.close() };
}

/** Starts the proxy on `port` (0 for any free port) and returns its base URL. */
export async function startProxy(
  config: ProxyConfigInput | ProxyConfig,
  options: { port?: number; host?: string; logger?: Logger } = {},
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const parsed = proxyConfigSchema.parse(config);
  const { handler, close } = createProxyHandler({ config: parsed, logger: options.logger });
  const server = createServer(handler);
  const host = options.host ?? parsed.host;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? parsed.port, host, () => resolve());
  });
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

export { proxyConfigSchema } from './config.js';
export type { ProxyConfig, ProxyConfigInput } from './config.js';
export { PROXY_ERRORS, ProxyError, type ProxyErrorCode } from './errors.js';
export { hashApiKey } from './identity/api-keys.js';
export type { DecisionInput } from './decision/input.js';
export type { Decision } from './decision/document.js';
