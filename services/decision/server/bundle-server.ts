import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve, sep } from 'node:path';
import { trackServer } from '../../common/shutdown.js';
import { BUNDLE_CONTENT_TYPE, preferredWaitSeconds } from './protocol.js';

export interface BundleServerOptions {
  /** Directory of built bundles; `GET /a/b.tar.gz` serves `<dir>/a/b.tar.gz`. */
  dir: string;
  /** @defaultValue 0 (any free port) */
  port?: number;
  /** @defaultValue '127.0.0.1' */
  host?: string;
  /** Honour `Prefer: wait=N` and announce it with OPA's content type. @defaultValue true */
  longPolling?: boolean;
  /** Longest a long-poll request is held, whatever the client asks. @defaultValue 300 */
  maxWaitSeconds?: number;
  /** How often a held request looks for a new file. @defaultValue 100 */
  checkIntervalMs?: number;
}

export interface RunningServer {
  url: string;
  /** Long-poll requests held now, waiting for a change (for status and tests). */
  heldRequests(): number;
  close(): Promise<void>;
}

interface Cached {
  mtimeMs: number;
  size: number;
  etag: string;
  bytes: Buffer;
}

/**
 * Serves bundle files to decision services with OPA's bundle protocol:
 * a strong ETag per content, 304 for a matching If-None-Match, and long
 * polling (`Prefer: modes=snapshot,delta; wait=N`) that holds an
 * unchanged request until the file changes or the wait ends.
 */
export async function startBundleServer(options: BundleServerOptions): Promise<RunningServer> {
  const root = resolve(options.dir);
  const cache = new Map<string, Cached>();
  const held = new Set<{ timer?: NodeJS.Timeout; done: () => void }>();
  const longPolling = options.longPolling ?? true;

  async function current(path: string): Promise<Cached | undefined> {
    let info;
    try {
      info = await stat(path);
    } catch {
      return undefined;
    }
    if (!info.isFile()) return undefined;
    const cached = cache.get(path);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached;
    const bytes = await readFile(path);
    const fresh = {
      mtimeMs: info.mtimeMs,
      size: info.size,
      bytes,
      etag: `"${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}"`,
    };
    cache.set(path, fresh);
    return fresh;
  }

  function waitForChange(
    path: string,
    etag: string,
    seconds: number,
    req: IncomingMessage,
  ): Promise<Cached | undefined> {
    return new Promise((done) => {
      const deadline = Date.now() + seconds * 1000;
      const entry: { timer?: NodeJS.Timeout; done: () => void } = { done: () => finish(undefined) };
      const finish = (value: Cached | undefined) => {
        clearTimeout(entry.timer);
        held.delete(entry);
        done(value);
      };
      const check = async () => {
        const now = await current(path).catch(() => undefined);
        if (now && now.etag !== etag) return finish(now);
        if (Date.now() >= deadline || req.destroyed) return finish(undefined);
        entry.timer = setTimeout(check, options.checkIntervalMs ?? 100);
      };
      held.add(entry);
      void check();
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const path = resolve(root, '.' + pathname);
    if (path !== root && !path.startsWith(root + sep)) {
      res.writeHead(404).end();
      return;
    }
    let file = await current(path);
    if (!file) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'resource_not_found', message: `no bundle at ${pathname}` }));
      return;
    }
    const contentType = longPolling ? BUNDLE_CONTENT_TYPE : 'application/gzip';
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch === file.etag) {
      const wait = longPolling ? preferredWaitSeconds([req.headers.prefer].flat().join(',')) : undefined;
      const changed =
        wait !== undefined && wait > 0
          ? await waitForChange(path, file.etag, Math.min(wait, options.maxWaitSeconds ?? 300), req)
          : undefined;
      if (!changed) {
        res.writeHead(304, { etag: file.etag, 'content-type': contentType }).end();
        return;
      }
      file = changed;
    }
    res.writeHead(200, { etag: file.etag, 'content-type': contentType, 'content-length': file.bytes.length });
    res.end(req.method === 'HEAD' ? undefined : file.bytes);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'internal_error', message: err.message }));
    });
  });
  // At shutdown, held long polls answer 304 at once instead of holding the drain.
  trackServer(server, 'bundle server', { onDrain: () => [...held].forEach((entry) => entry.done()) });
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => ready());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    heldRequests: () => held.size,
    close: async () => {
      for (const entry of [...held]) entry.done();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
