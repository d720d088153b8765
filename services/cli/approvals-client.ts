import { PortcullisError } from '../common/errors.js';

export interface ApiClientOptions {
  /** Base URL of the workers' API. */
  url: string;
  /** A bearer JWT from one of the proxy's issuers. */
  token?: string;
  /** An API key known to the proxy's identity config. */
  apiKey?: string;
  /** Header carrying the API key. @defaultValue x-api-key */
  apiKeyHeader?: string;
  /** @defaultValue 10000 */
  timeoutMs?: number;
}

/**
 * The CLI's client of the workers' API. Errors the API answers come back
 * as PortcullisError with the API's code and message; a server that cannot
 * be reached is `api_unreachable`.
 */
export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {
    if (!options.token && !options.apiKey) {
      throw new PortcullisError(
        'invalid_argument',
        'give a credential: --token <jwt> or --api-key <key> (or PORTCULLIS_TOKEN / PORTCULLIS_API_KEY)',
      );
    }
  }

  async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    else headers[this.options.apiKeyHeader ?? 'x-api-key'] = this.options.apiKey!;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const url = `${this.options.url.replace(/\/+$/, '')}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        redirect: 'error',
      });
    } catch (err) {
      throw new PortcullisError('api_unreachable', `${url}: ${(err as Error).message}`, { cause: err });
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? {} : JSON.parse(text);
    } catch {
      throw new PortcullisError(
        'api_unreachable',
        `${url}: answered ${response.status} with a body that is not JSON`,
      );
    }
    if (!response.ok) {
      const { code, message } = (parsed ?? {}) as { code?: unknown; message?: unknown };
      throw new PortcullisError(
        typeof code === 'string' ? code : 'api_error',
        typeof message === 'string' ? message : `HTTP ${response.status}`,
        { status: response.status },
      );
    }
    return parsed as T;
  }
}
