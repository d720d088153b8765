import type { Server, ServerResponse } from 'node:http';
import type { Logger } from './logger.js';
import { processMetrics } from './metrics.js';

/**
 * Clean shutdown for every process: the HTTP servers it runs stop accepting
 * and finish the requests in flight (up to a time limit), then the flush
 * hooks other domains register run (queues, spools), then the services
 * close their internals (pools, Redis), then the process exits.
 *
 * One registry per process: servers register themselves when they listen
 * (`trackServer`), domains register what must be flushed (`onShutdown`),
 * and readiness checks read `isDraining()`.
 */

export interface ShutdownTimeouts {
  /** Longest wait for requests in flight once the servers stop accepting. @defaultValue 10000 */
  drainTimeoutMs: number;
  /** Longest wait for each flush hook. @defaultValue 5000 */
  flushTimeoutMs: number;
}

export const DEFAULT_SHUTDOWN: ShutdownTimeouts = { drainTimeoutMs: 10_000, flushTimeoutMs: 5_000 };

interface TrackedServer {
  name: string;
  server: Server;
  inFlight: Set<ServerResponse>;
  /** Called when draining starts: release requests that would otherwise wait (long polls). */
  onDrain?: () => void;
  /** Drained first, while the others still serve it (the proxy, in front of the rest). */
  front: boolean;
}

interface FlushHook {
  name: string;
  flush: () => Promise<void>;
}

const servers = new Set<TrackedServer>();
const hooks: FlushHook[] = [];
let draining = false;

processMetrics.gaugeFrom(
  {
    name: 'portcullis_http_requests_in_flight',
    help: 'Requests being answered, by server (proxy, decision service, workers, ...).',
    labelNames: ['server'],
  },
  () => [...servers].map((s) => ({ labels: { server: s.name }, value: s.inFlight.size })),
);

/** True once shutdown has begun: readiness answers 503 so load balancers stop sending. */
export function isDraining(): boolean {
  return draining;
}

/**
 * Counts the server's requests in flight so a shutdown can wait for them.
 * Call it right after creating the server (before it listens); the server
 * counts from when it listens until it closes.
 */
export function trackServer(
  server: Server,
  name: string,
  options: { onDrain?: () => void; front?: boolean } = {},
): void {
  const entry: TrackedServer = {
    name,
    server,
    inFlight: new Set(),
    onDrain: options.onDrain,
    front: options.front ?? false,
  };
  // Only listening servers count: one that failed to bind is never closed.
  server.on('listening', () => servers.add(entry));
  server.on('request', (_req, res: ServerResponse) => {
    entry.inFlight.add(res);
    // The connection must not carry another request once this one is answered.
    if (draining) res.shouldKeepAlive = false;
    res.once('close', () => entry.inFlight.delete(res));
  });
  server.once('close', () => servers.delete(entry));
}

/**
 * Registers a flush to run at shutdown, after the servers have drained and
 * before the services close (a queue's pending jobs, a spool's buffer).
 * Returns a function that removes it (call it when the owner closes first).
 */
export function onShutdown(name: string, flush: () => Promise<void>): () => void {
  const hook = { name, flush };
  hooks.push(hook);
  return () => {
    const index = hooks.indexOf(hook);
    if (index >= 0) hooks.splice(index, 1);
  };
}

/** The names of the registered flush hooks, in the order they run. */
export function shutdownHookNames(): string[] {
  return hooks.map((h) => h.name);
}

function within<T>(ms: number, work: Promise<T>): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

function settled(entry: TrackedServer): Promise<void> {
  if (entry.inFlight.size === 0) return Promise.resolve();
  return new Promise((resolve) => {
    for (const res of entry.inFlight) {
      res.once('close', () => {
        if (entry.inFlight.size === 0) resolve();
      });
    }
  });
}

export interface DrainReport {
  name: string;
  /** Requests in flight when the server stopped accepting. */
  inFlight: number;
  /** Requests still unanswered at the time limit, whose connections were cut. */
  cut: number;
}

/** A drain under way: the servers no longer accept; `settled` waits for their requests. */
export interface Drain {
  /** Requests in flight on all servers when they stopped accepting. */
  inFlight: number;
  /** Resolves once every request has been answered, or at the time limit (cutting the rest). */
  settled(timeoutMs: number): Promise<DrainReport[]>;
}

function closeListeners(entries: TrackedServer[]): void {
  for (const entry of entries) {
    for (const res of entry.inFlight) res.shouldKeepAlive = false;
    entry.server.close();
    entry.server.closeIdleConnections();
    entry.onDrain?.();
  }
}

/**
 * Stops the front servers (the proxy) accepting connections, synchronously:
 * when this returns, new connections to them are refused. `settled` waits
 * for their requests in flight, which may still need the other servers of
 * this process (`npm start` runs the decision service and the demo upstream
 * beside the proxy), and only then drains the others the same way; at the
 * time limit, whatever still runs is cut.
 */
export function stopAccepting(): Drain {
  draining = true;
  const entries = [...servers];
  const front = entries.filter((e) => e.front);
  const back = entries.filter((e) => !e.front);
  const reports = new Map(entries.map((e) => [e, { name: e.name, inFlight: e.inFlight.size, cut: 0 }]));
  closeListeners(front);
  const drainStage = async (stage: TrackedServer[], deadline: number) => {
    for (const entry of stage) reports.get(entry)!.inFlight = entry.inFlight.size;
    await within(Math.max(0, deadline - Date.now()), Promise.all(stage.map(settled)));
    for (const entry of stage) {
      reports.get(entry)!.cut = entry.inFlight.size;
      entry.server.closeAllConnections();
    }
  };
  return {
    inFlight: entries.reduce((n, e) => n + e.inFlight.size, 0),
    settled: async (timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      await drainStage(front, deadline);
      closeListeners(back);
      await drainStage(back, deadline);
      return [...reports.values()];
    },
  };
}

/** Stops accepting and waits for the requests in flight, up to `timeoutMs`. */
export function drainServers(timeoutMs: number): Promise<DrainReport[]> {
  return stopAccepting().settled(timeoutMs);
}

/** Runs every flush hook in turn, each within `timeoutMs`; failures are logged, not thrown. */
export async function runShutdownHooks(timeoutMs: number, logger?: Logger): Promise<void> {
  for (const hook of [...hooks]) {
    try {
      const result = await within(timeoutMs, hook.flush());
      if (result === 'timeout') logger?.warn({ hook: hook.name, timeout_ms: timeoutMs }, 'flush timed out');
    } catch (err) {
      logger?.error({ hook: hook.name, err }, 'flush failed');
    }
  }
}

/**
 * The whole sequence after the servers stopped accepting: wait for the
 * requests in flight, flush, then `close` (the services' own close: pools,
 * Redis). Resolves when everything is done.
 */
export async function shutDown(
  close: () => Promise<void>,
  timeouts: ShutdownTimeouts,
  logger?: Logger,
  drain: Drain = stopAccepting(),
): Promise<void> {
  const drained = await drain.settled(timeouts.drainTimeoutMs);
  const cut = drained.filter((d) => d.cut > 0);
  if (cut.length > 0) logger?.warn({ servers: cut }, 'requests still running at the drain limit were cut');
  await runShutdownHooks(timeouts.flushTimeoutMs, logger);
  await close();
}

/**
 * On SIGTERM or SIGINT (whichever comes first): shut down and exit 0, or 1
 * when closing fails. A repeated signal (npm forwards the terminal's SIGINT
 * that the process also got) does not interrupt; if everything takes longer
 * than both time limits and a margin, the process exits 1 anyway.
 */
export function shutDownOnSignal(
  close: () => Promise<void>,
  timeouts: ShutdownTimeouts = DEFAULT_SHUTDOWN,
  logger?: Logger,
): void {
  let started = false;
  const handler = (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    const hardLimitMs = timeouts.drainTimeoutMs + timeouts.flushTimeoutMs * (hooks.length + 1) + 5_000;
    setTimeout(() => {
      process.stderr.write(`shutdown took longer than ${hardLimitMs} ms: exiting\n`);
      process.exit(1);
    }, hardLimitMs).unref();
    const drain = stopAccepting();
    process.stderr.write(
      `\n${signal}: stopped accepting; draining ${drain.inFlight} requests in flight, then shutting down\n`,
    );
    shutDown(close, timeouts, logger, drain)
      .then(() => {
        process.stderr.write('shut down cleanly\n');
        process.exit(0);
      })
      .catch((err: unknown) => {
        process.stderr.write(`shutdown failed: ${(err as Error)?.message ?? String(err)}\n`);
        process.exit(1);
      });
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
