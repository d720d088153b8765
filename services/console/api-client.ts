import type { Request } from 'express';
import { PortcullisError } from '../common/errors.js';
import { ConsoleError } from './errors.js';
import type { SessionCredential } from './session.js';

/**
 * The console's client of the workers' API: every list the pages show and
 * every action a person takes is a call to the same API the CLI uses, with
 * the person's own credential, so the API's checks (authentication, who may
 * see what, no self-approval, eligibility when acting) apply unchanged.
 * The API's refusals come back as PortcullisError with its code, status
 * and message.
 */
export interface ApiCallOptions {
  /** JSON body, or raw bytes with their content type. */
  body?: unknown;
  raw?: { bytes: Uint8Array; contentType: string };
  /** @defaultValue 15000 */
  timeoutMs?: number;
}

export class ConsoleApi {
  constructor(
    private readonly base: string,
    private readonly credential: SessionCredential,
    private readonly apiKeyHeader: string,
    private readonly requestId?: string,
  ) {}

  async call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, options: ApiCallOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.credential.kind === 'bearer') headers.authorization = `Bearer ${this.credential.value}`;
    else headers[this.apiKeyHeader] = this.credential.value;
    if (this.requestId) headers['x-request-id'] = this.requestId;
    let body: string | Uint8Array | undefined;
    if (options.raw) {
      headers['content-type'] = options.raw.contentType;
      body = options.raw.bytes;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const url = `${this.base}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        redirect: 'error',
      });
    } catch (err) {
      throw new ConsoleError('console_api_unreachable', `the workers' API at ${this.base} did not answer`, {
        cause: err,
      });
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? {} : JSON.parse(text);
    } catch {
      throw new ConsoleError(
        'console_api_unreachable',
        `the workers' API answered ${response.status} with a body that is not JSON`,
      );
    }
    if (!response.ok) {
      const { code, message } = (parsed ?? {}) as { code?: unknown; message?: unknown };
      throw new PortcullisError(
        typeof code === 'string' ? code : 'internal_error',
        typeof message === 'string' ? message : `HTTP ${response.status}`,
        { status: response.status },
      );
    }
    return parsed as T;
  }
}

/** The workers' own address as this request reached it: the console calls the API on the same server. */
export function ownApiUrl(req: Request): string {
  let address = req.socket.localAddress ?? '127.0.0.1';
  if (address.startsWith('::ffff:')) address = address.slice('::ffff:'.length);
  const host = address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${req.socket.localPort}`;
}
