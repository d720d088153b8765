import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino, type Logger } from 'pino';
import { proxyConfigSchema, type ProxyConfig, type ProxyConfigInput } from './config.js';
import { ProxyPipeline } from './pipeline.js';

export interface ProxyOptions {
  /** Proxy configuration; validated with `proxyConfigSchema` (defaults filled in). */
  config: ProxyConfigInput | ProxyConfig;
  /** Structured logger. @defaultValue pino at info level on stdout */
  logger?: Logger;
}

/** Builds the enforcement proxy as an Express app; `close` releases its connection pools. */
export function createProxyApp(options: ProxyOptions): { app: express.Express; close(): Promise<void> } {
  const config = proxyConfigSchema.parse(options.config);
  const logger = (options.logger ?? pino({ level: 'info' })).child({ component: 'proxy' });
  const pipeline = new ProxyPipeline(config, logger);
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  // The proxy's own liveness endpoint; every other path belongs to the connections.
  app.get('/health', (_req, res) => {
    res.json({});
  });
  app.use((req, res) => pipeline.handle(req, res));
  return { app, close: () => pipeline.close() };
}

/** Starts the proxy on `port` (0 for any free port) and returns its base URL. */
export async function startProxy(
  config: ProxyConfigInput | ProxyConfig,
  options: { port?: number; host?: string; logger?: Logger } = {},
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const parsed = proxyConfigSchema.parse(config);
  const { app, close } = createProxyApp({ config: parsed, logger: options.logger });
  const server = createServer(app);
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
