import type { Readable } from 'node:stream';
import { Pool, errors as undiciErrors } from 'undici';
import type { ConnectionConfig } from '../config.js';
import { ProxyError } from '../errors.js';

export interface UpstreamResponse {
  /** The connection's name (for error messages). */
  connection: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /**
   * Always listened to for 'error' (a late failure of a body nobody reads
   * must not end the process); consume it, or release it with `discardBody`.
   */
  body: Readable;
}

function ignore(): void {}

/**
 * Releases a response body that will not be read. undici reports a body
 * destroyed before its end as an error: it finds a listener.
 */
export function discardBody(body: Readable): void {
  if (body.listenerCount('error') === 0) body.on('error', ignore);
  if (!body.destroyed) body.destroy();
}

/** One keep-alive pool per connection; the only place that calls an upstream. */
export class Upstream {
  private readonly pool: Pool;
  private readonly basePath: string;

  constructor(private readonly connection: ConnectionConfig) {
    const url = new URL(connection.upstream);
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.pool = new Pool(url.origin, {
      connections: 128,
      connectTimeout: connection.timeouts.connectMs,
      headersTimeout: connection.timeouts.headersMs,
      bodyTimeout: connection.timeouts.bodyMs,
      keepAliveTimeout: 10_000,
    });
  }

  /** The upstream path for a canonical request path and raw query. */
  target(encodedPath: string, rawQuery: string): string {
    const path =
      this.basePath === '' ? encodedPath : encodedPath === '/' ? this.basePath : this.basePath + encodedPath;
    return rawQuery === '' ? path : `${path}?${rawQuery}`;
  }

  async call(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: Buffer,
  ): Promise<UpstreamResponse> {
    try {
      const response = await this.pool.request({
        method: method as 'GET',
        path,
        headers,
        body: body.length > 0 || !['GET', 'HEAD'].includes(method) ? body : undefined,
      });
      response.body.on('error', ignore);
      return {
        connection: this.connection.name,
        status: response.statusCode,
        headers: response.headers,
        body: response.body,
      };
    } catch (err) {
      throw upstreamFailure(err, this.connection.name);
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

/** Maps an undici failure (connect, headers or body) to the proxy's error. */
export function upstreamFailure(err: unknown, connection: string): ProxyError {
  if (err instanceof ProxyError) return err;
  // undici's message names internal addresses: it stays in `cause` (logged), not in the answer.
  const detail = new Error(`upstream of ${connection}: ${(err as Error).message}`, { cause: err });
  if (
    err instanceof undiciErrors.HeadersTimeoutError ||
    err instanceof undiciErrors.ConnectTimeoutError ||
    err instanceof undiciErrors.BodyTimeoutError
  ) {
    return new ProxyError('upstream_timeout', undefined, { cause: detail });
  }
  return new ProxyError('upstream_unreachable', undefined, { cause: detail });
}
