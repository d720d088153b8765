/**
 * The worker side of blocking.ts. Its source text is evaluated in a worker
 * thread (CommonJS eval mode), so `workerMain` must not use anything from
 * outside its own body: modules come through `load` (the worker's `require`).
 */
import type * as Dns from 'node:dns';
import type * as Http from 'node:http';
import type * as Https from 'node:https';
import type * as WorkerThreads from 'node:worker_threads';

/** One HTTP exchange, everything resolved on the calling side. */
export interface HttpTask {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Per attempt, as Go's `http.Client.Timeout`. */
  timeoutMs: number;
  /** All attempts and their backoff together; no attempt starts or runs past it. */
  overallMs: number;
  /** A longer response body fails the attempt (`EBODYTOOLARGE`). */
  maxBodyBytes: number;
  followRedirects: boolean;
  /** Further attempts after a failed one (network errors only), with Go's backoff in between. */
  retries: number;
  /** For `unix://` URLs: the socket, with the URL rewritten to http. */
  socketPath?: string;
  tls: {
    rejectUnauthorized: boolean;
    ca?: string[];
    cert?: string;
    key?: string;
    servername?: string;
  };
}

export interface HttpAnswer {
  status: string;
  statusCode: number;
  /** Raw header lines, in order: name, value, name, value... */
  rawHeaders: string[];
  body: string;
}

/**
 * A name to resolve. Without `servers`, the system resolver answers
 * (getaddrinfo: hosts file, then DNS), as Go's resolver does; with them,
 * A and AAAA queries go to those DNS servers only (`host` or `host:port`).
 */
export interface LookupTask {
  kind: 'lookup';
  name: string;
  servers?: string[];
}

export type BlockingTask = LookupTask | { kind: 'http'; request: HttpTask };

/** What fails an HTTP task: `network` for transport errors (Go's `*url.Error`), with `timeout` when the attempt timed out. */
export interface HttpFailure {
  code: 'network' | 'timeout' | 'internal';
  message: string;
}

export interface BlockingRequest {
  id: number;
  /** Set to 1 and notified once the reply is posted. */
  signal: Int32Array;
  task: BlockingTask;
}

export interface BlockingReply {
  id: number;
  value?: unknown;
  error?: { code: string; message: string };
}

export function workerMain(load: (id: string) => unknown): void {
  const { workerData } = load('node:worker_threads') as typeof WorkerThreads;
  const dns = load('node:dns') as typeof Dns;
  const http = load('node:http') as typeof Http;
  const https = load('node:https') as typeof Https;
  const port = workerData.port as WorkerThreads.MessagePort;
  const dead = workerData.dead as Int32Array;
  const inFlight = new Set<BlockingRequest>();
  const REDIRECT_LIMIT = 10;
  const SENSITIVE_HEADERS = ['authorization', 'www-authenticate', 'cookie', 'cookie2'];

  const exchange = (
    task: HttpTask,
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: string,
    signal: AbortSignal,
  ) =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const secure = url.protocol === 'https:';
      const options: Https.RequestOptions = {
        method,
        headers,
        agent: false,
        signal,
        socketPath: task.socketPath,
        ...(secure ? task.tls : {}),
      };
      const req = (secure ? https : http).request(url, options, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const tooLarge = () => {
          const err = new Error(`response body too large (more than ${task.maxBodyBytes} bytes)`);
          reject(Object.assign(err, { code: 'EBODYTOOLARGE' }));
          req.destroy();
        };
        if (Number(res.headers['content-length']) > task.maxBodyBytes) return tooLarge();
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > task.maxBodyBytes) tooLarge();
          else chunks.push(chunk);
        });
        res.on('error', reject);
        res.on('end', () => {
          try {
            resolve({
              status: `${res.statusCode} ${res.statusMessage ?? ''}`.trim(),
              statusCode: res.statusCode ?? 0,
              rawHeaders: res.rawHeaders,
              body: Buffer.concat(chunks).toString('utf8'),
            });
          } catch (err) {
            reject(err);
          }
        });
      });
      req.on('error', reject);
      req.end(body === '' ? undefined : body);
    });

  // One timeout covers an attempt with all its redirects, as Go's `Client.Timeout` does.
  const follow = async (task: HttpTask, deadline: number): Promise<HttpAnswer> => {
    const signal = AbortSignal.timeout(Math.max(1, Math.min(task.timeoutMs, deadline - Date.now())));
    let method = task.method;
    let url = new URL(task.url);
    let body = task.body;
    const headers = { ...task.headers };
    for (let hops = 0; ; hops++) {
      const answer = await exchange(task, method, url, headers, body, signal);
      const location = answer.rawHeaders.find(
        (_, i, all) => i % 2 === 1 && all[i - 1].toLowerCase() === 'location',
      );
      if (!task.followRedirects || !location || ![301, 302, 303, 307, 308].includes(answer.statusCode))
        return answer;
      if (hops + 1 >= REDIRECT_LIMIT)
        throw Object.assign(new Error('stopped after 10 redirects'), { code: 'EREDIRECTS' });
      const next = new URL(location, url);
      if (next.host !== url.host) {
        for (const name of Object.keys(headers))
          if (SENSITIVE_HEADERS.includes(name.toLowerCase())) delete headers[name];
      }
      if (answer.statusCode <= 303) {
        if (method !== 'GET' && method !== 'HEAD') method = 'GET';
        body = '';
      }
      url = next;
    }
  };

  const sendHttp = async (task: HttpTask): Promise<HttpAnswer> => {
    const deadline = Date.now() + task.overallMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await follow(task, deadline);
      } catch (err) {
        const delay = Math.min(100 * 1.6 ** attempt, 60_000) * (0.9 + Math.random() * 0.2);
        if (attempt >= task.retries || Date.now() + delay >= deadline) throw err;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  };

  const systemLookup = async (name: string): Promise<string[]> => {
    const found = await dns.promises.lookup(name, { all: true, verbatim: true });
    return found.map((a) => a.address);
  };

  // Both families at once; the name fails only when neither answers (first error wins, NXDOMAIN is ENOTFOUND).
  const resolveWith = async (servers: string[], name: string): Promise<string[]> => {
    const resolver = new dns.promises.Resolver({ tries: 1 });
    resolver.setServers(servers);
    const [v4, v6] = await Promise.allSettled([resolver.resolve4(name), resolver.resolve6(name)]);
    if (v4.status === 'rejected' && v6.status === 'rejected') {
      const noRecords = (r: PromiseRejectedResult) => (r.reason as { code?: string })?.code === 'ENODATA';
      throw noRecords(v4) && !noRecords(v6) ? v6.reason : v4.reason;
    }
    return [...(v4.status === 'fulfilled' ? v4.value : []), ...(v6.status === 'fulfilled' ? v6.value : [])];
  };

  const run = async (task: BlockingTask): Promise<unknown> => {
    switch (task.kind) {
      case 'lookup':
        return task.servers ? resolveWith(task.servers, task.name) : systemLookup(task.name);
      case 'http':
        return sendHttp(task.request);
      default:
        throw new Error(`unknown task ${(task as { kind: string }).kind}`);
    }
  };

  const reply = (request: BlockingRequest, answer: Omit<BlockingReply, 'id'>): void => {
    if (!inFlight.delete(request)) return;
    port.postMessage({ id: request.id, ...answer });
    Atomics.store(request.signal, 0, 1);
    Atomics.notify(request.signal, 0);
  };

  // Fail every waiting caller at once rather than leave them to their timeouts.
  const die = (err: unknown): void => {
    Atomics.store(dead, 0, 1);
    const message = `blocking worker died: ${String((err as Error)?.message ?? err)}`;
    for (const request of [...inFlight]) reply(request, { error: { code: 'EWORKERDIED', message } });
    process.exit(1);
  };
  process.on('uncaughtException', die);
  process.on('unhandledRejection', die);

  port.on('message', (request: BlockingRequest) => {
    inFlight.add(request);
    run(request.task).then(
      (value) => reply(request, { value }),
      (err: { code?: unknown; name?: unknown; message?: unknown }) => {
        const code = err?.name === 'TimeoutError' || err?.name === 'AbortError' ? 'ETIMEDOUT' : err?.code;
        reply(request, { error: { code: String(code ?? 'ERROR'), message: String(err?.message ?? err) } });
      },
    );
  });
}
