import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trackServer } from '../common/shutdown.js';
import { createApiHandler } from './api/app.js';
import type { ServiceContext } from './api/context.js';
import { startDecisionEngine } from './engine.js';
import type { DecisionServiceOptions } from './options.js';

export interface RunningDecisionService {
  url: string;
  close(): Promise<void>;
  /** The service internals, for status pages and tests. */
  context: ServiceContext;
}

/**
 * Starts the decision service: the decision engine (bundles, evaluation
 * pool, decision logs) behind OPA's REST API on plain node:http.
 */
export async function startDecisionService(options: DecisionServiceOptions): Promise<RunningDecisionService> {
  const engine = await startDecisionEngine(options);
  const server: Server = createServer({ keepAliveTimeout: 30_000 }, createApiHandler(engine.context));
  trackServer(server, 'decision service');
  try {
    await new Promise<void>((ready, fail) => {
      server.once('error', fail);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', fail);
        ready();
      });
    });
  } catch (err) {
    await engine.close();
    throw err;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    context: engine.context,
    close: async () => {
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeIdleConnections();
      });
      await engine.close();
    },
  };
}
