import {
  DEFAULT_MAX_DOWNLOAD_BYTES,
  readBundle,
  readCappedBody,
  type BundleSizeLimits,
  type VerificationOptions,
} from '../../bundle/index.js';
import { BUNDLE_CONTENT_TYPE } from '../server/protocol.js';
import type { BundleSink, BundleSource } from './source.js';

export interface HttpSourceOptions extends BundleSizeLimits {
  verification?: VerificationOptions;
  /** Shortest wait between polls, in seconds. @defaultValue 60 */
  minDelaySeconds?: number;
  /** Longest wait between polls (and the backoff cap), in seconds. @defaultValue 120 */
  maxDelaySeconds?: number;
  /** Ask the server to hold the request up to this many seconds (OPA long polling); off when absent. */
  longPollingTimeoutSeconds?: number;
  /** Abort a request that takes longer than this (plus the long-poll wait). @defaultValue 30 */
  requestTimeoutSeconds?: number;
  /** Extra request headers, e.g. Authorization. */
  headers?: Record<string, string>;
}

/**
 * The wait before the next poll, given `random` in [0, 1): between the min
 * and max delay after a success; after `failures` failures in a row,
 * exponential backoff from the min delay (capped at the max) with jitter
 * in [50%, 100%); none after a long poll, which waited for the change itself.
 */
export function pollDelayMs(
  options: Pick<HttpSourceOptions, 'minDelaySeconds' | 'maxDelaySeconds'>,
  state: { failures: number; longPolling: boolean },
  random: number,
): number {
  const min = (options.minDelaySeconds ?? 60) * 1000;
  const max = Math.max(min, (options.maxDelaySeconds ?? 120) * 1000);
  if (state.failures > 0) {
    const backoff = min * 2 ** (state.failures - 1);
    return Math.min(max, backoff) * (0.5 + random / 2);
  }
  if (state.longPolling) return 0;
  return min + random * (max - min);
}

class HttpStatusError extends Error {
  readonly code = 'bundle_download_failed';
}

/**
 * A bundle served over HTTP with OPA's protocol: conditional requests on the
 * ETag (304 when unchanged), polling with a random delay between min and max
 * and exponential backoff on errors, and long polling that stays on only
 * while the server answers with OPA's bundle content type.
 */
export class HttpBundleSource implements BundleSource {
  private etag?: string;
  private stopped = false;
  private abort?: AbortController;
  private timer?: NodeJS.Timeout;
  private failures = 0;
  private longPolling: boolean;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    readonly name: string,
    private readonly url: string,
    private readonly options: HttpSourceOptions = {},
  ) {
    this.longPolling = options.longPollingTimeoutSeconds !== undefined;
  }

  /** Whether the next request will ask for long polling (for status and tests). */
  get usingLongPolling(): boolean {
    return this.longPolling;
  }

  async start(sink: BundleSink): Promise<void> {
    await this.poll(sink);
    this.loop = this.run(sink);
  }

  private async run(sink: BundleSink): Promise<void> {
    while (!this.stopped) {
      await this.sleep(this.nextDelayMs());
      if (this.stopped) break;
      await this.poll(sink);
    }
  }

  private nextDelayMs(): number {
    return pollDelayMs(this.options, { failures: this.failures, longPolling: this.longPolling }, Math.random());
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, ms);
    });
  }

  private async poll(sink: BundleSink): Promise<void> {
    const headers: Record<string, string> = { ...this.options.headers };
    if (this.etag) headers['if-none-match'] = this.etag;
    const wait = this.options.longPollingTimeoutSeconds;
    if (this.longPolling && wait !== undefined) headers.prefer = `modes=snapshot,delta; wait=${wait}`;
    this.abort = new AbortController();
    const timeoutMs = ((this.options.requestTimeoutSeconds ?? 30) + (this.longPolling ? (wait ?? 0) : 0)) * 1000;
    const timer = setTimeout(() => this.abort?.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    try {
      const response = await fetch(this.url, { headers, signal: this.abort.signal });
      if (this.options.longPollingTimeoutSeconds !== undefined) {
        this.longPolling = (response.headers.get('content-type') ?? '').startsWith(BUNDLE_CONTENT_TYPE);
      }
      if (response.status === 304) {
        await response.body?.cancel();
        this.failures = 0;
        sink.requested(this.name, { modified: false });
        return;
      }
      if (response.status !== 200) {
        const text = (await response.text()).slice(0, 200);
        throw new HttpStatusError(`GET ${this.url} answered ${response.status}${text ? `: ${text}` : ''}`);
      }
      const maxDownloadBytes = this.options.maxDownloadBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES;
      const bytes = await readCappedBody(response, maxDownloadBytes, this.name);
      const bundle = await readBundle(bytes, {
        verification: this.options.verification,
        name: this.name,
        maxBundleBytes: this.options.maxBundleBytes,
        maxDownloadBytes,
      });
      sink.requested(this.name, { modified: true });
      await sink.activate(this.name, bundle);
      this.etag = response.headers.get('etag') ?? undefined;
      this.failures = 0;
    } catch (err) {
      if (this.stopped) return;
      this.failures++;
      sink.failed(this.name, this.describeFailure(err));
    } finally {
      clearTimeout(timer);
    }
  }

  /** Network errors from fetch hide their reason in `cause`; surface it with a download code. */
  private describeFailure(err: unknown): unknown {
    if (this.abort?.signal.aborted && this.abort.signal.reason instanceof Error) {
      return new HttpStatusError(`GET ${this.url}: ${this.abort.signal.reason.message}`);
    }
    // Checked by name: fetch's TypeError may come from another realm (e.g. under Jest).
    const failure = err as { name?: string; message?: string; cause?: { message?: string } };
    if (failure?.name === 'TypeError') {
      const cause = failure.cause?.message;
      return new HttpStatusError(`GET ${this.url}: ${failure.message}${cause ? `: ${cause}` : ''}`);
    }
    return err;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.wake?.();
    this.abort?.abort();
    await this.loop;
  }
}
