import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { SplunkSinkConfig } from '../config.js';
import type { AuditEvent } from '../event.js';
import { toOcsf } from '../ocsf.js';
import { readSecret } from '../secret.js';
import { SinkFailure, type ExportBatch, type SinkDriver } from './driver.js';
import { failureFor, post, retryAfterMs, type PostAnswer } from './http-post.js';

/** HEC answer codes that mean the token is wrong (1 disabled, 2 missing, 3 bad authorization, 4 invalid). */
const BAD_TOKEN = new Set([1, 2, 3, 4]);
/** 7: the index is unknown or not allowed for the token. */
const BAD_INDEX = 7;
/** 9: server busy; 18-20: unhealthy (queues full, ack service down). */
const BUSY = new Set([9, 18, 19, 20]);
/** 10 channel missing, 11 invalid channel, 14 ack disabled: acknowledgement is misconfigured. */
const BAD_ACK_SETUP = new Set([10, 11, 14]);

/**
 * Splunk's HTTP Event Collector: batches of envelopes (`time`, `host`,
 * `source`, `sourcetype`, `index`, `event`) POSTed to
 * `/services/collector/event` with `Authorization: Splunk <token>`. HEC's
 * codes decide: busy (9) is retried; a bad token (1-4) or index (7) stops
 * the sink (nothing will be accepted until its configuration is fixed);
 * malformed data dead-letters the batch. With `ack.enabled`, a batch
 * counts as delivered only once `/services/collector/ack` says the indexer
 * has it (the channel in `X-Splunk-Request-Channel`); acks not seen within
 * `ack.timeoutMs` send the batch again (same event ids).
 */
export class SplunkSink implements SinkDriver {
  private readonly base: string;
  private readonly channel: string;
  private readonly host: string;
  private batches = 0;
  private acked = 0;
  readonly timeoutMs: number;

  constructor(private readonly config: SplunkSinkConfig) {
    this.base = config.url.replace(/\/+$/, '');
    this.channel = config.ack.channel ?? randomUUID();
    this.host = config.host ?? hostname();
    this.timeoutMs = config.request.timeoutMs + (config.ack.enabled ? config.ack.timeoutMs : 0);
  }

  private envelope(event: AuditEvent): string {
    const envelope: Record<string, unknown> = {
      time: Date.parse(event.time) / 1000,
      host: this.host,
      source: this.config.source,
      sourcetype: this.config.sourcetype,
      event: this.config.encoding.format === 'ocsf' ? toOcsf(event) : event,
    };
    if (this.config.index) envelope.index = this.config.index;
    return JSON.stringify(envelope);
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = {
      authorization: `Splunk ${readSecret(this.config.token, `audit sink ${this.config.name} token`)}`,
      'content-type': 'application/json',
      'user-agent': 'portcullis-audit',
    };
    if (this.config.ack.enabled) headers['x-splunk-request-channel'] = this.channel;
    return headers;
  }

  /** One request, bounded by `request.timeoutMs` (acks poll with requests of their own). */
  private send(path: string, body: string, signal: AbortSignal): Promise<PostAnswer> {
    const bounded = AbortSignal.any([signal, AbortSignal.timeout(this.config.request.timeoutMs)]);
    return post(`${this.base}${path}`, this.headers(), body, bounded);
  }

  private failure(answer: PostAnswer): SinkFailure | undefined {
    let code: number | undefined;
    let text = '';
    try {
      const parsed = JSON.parse(answer.text) as { code?: unknown; text?: unknown };
      if (typeof parsed.code === 'number') code = parsed.code;
      if (typeof parsed.text === 'string') text = parsed.text;
    } catch {
      // not HEC's JSON: judged by status alone
    }
    const what = `${this.config.name} (Splunk HEC ${this.base})`;
    if (code !== undefined && code !== 0 && code !== 17) {
      const detail = `${what} answered ${answer.status}, HEC code ${code}: ${text}`;
      if (BAD_TOKEN.has(code)) return new SinkFailure('stop', `${detail} (the token is refused)`);
      if (code === BAD_INDEX) return new SinkFailure('stop', `${detail} (the index is refused)`);
      if (BAD_ACK_SETUP.has(code))
        return new SinkFailure('stop', `${detail} (indexer acknowledgement setup)`);
      if (BUSY.has(code) || code === 8)
        return new SinkFailure('retry', detail, retryAfterMs(answer.headers.get('retry-after')));
      return new SinkFailure('dead_letter', detail);
    }
    return failureFor(answer, what);
  }

  async deliver(batch: ExportBatch, signal: AbortSignal): Promise<void> {
    const body = batch.events.map((e) => this.envelope(e)).join('\n');
    const answer = await this.send('/services/collector/event', body, signal);
    const failure = this.failure(answer);
    if (failure) throw failure;
    this.batches++;
    if (!this.config.ack.enabled) return;
    let ackId: number | undefined;
    try {
      const parsed = JSON.parse(answer.text) as { ackId?: unknown };
      if (typeof parsed.ackId === 'number') ackId = parsed.ackId;
    } catch {
      // handled below
    }
    if (ackId === undefined) {
      throw new SinkFailure(
        'stop',
        `${this.config.name}: HEC gave no ackId: is indexer acknowledgement enabled on the token?`,
      );
    }
    await this.awaitAck(ackId, signal);
    this.acked++;
  }

  /** Polls the ack endpoint until the indexer confirms, or the ack timeout passes (then the batch is sent again). */
  private async awaitAck(ackId: number, signal: AbortSignal): Promise<void> {
    const deadline = Date.now() + this.config.ack.timeoutMs;
    const path = `/services/collector/ack?channel=${encodeURIComponent(this.channel)}`;
    for (;;) {
      const answer = await this.send(path, JSON.stringify({ acks: [ackId] }), signal);
      const failure = this.failure(answer);
      if (failure) throw failure;
      let acks: Record<string, unknown>;
      try {
        acks = ((JSON.parse(answer.text) as { acks?: Record<string, unknown> }).acks ?? {}) as Record<
          string,
          unknown
        >;
      } catch {
        throw new SinkFailure('retry', `${this.config.name}: the ack answer is not JSON`);
      }
      if (acks[String(ackId)] === true) return;
      if (Date.now() + this.config.ack.pollIntervalMs > deadline) {
        throw new SinkFailure(
          'retry',
          `${this.config.name}: ack ${ackId} not confirmed within ${this.config.ack.timeoutMs} ms`,
        );
      }
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, this.config.ack.pollIntervalMs);
        signal.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            reject(signal.reason as Error);
          },
          { once: true },
        );
      });
    }
  }

  health(): Record<string, unknown> {
    return {
      url: this.base,
      batches: this.batches,
      ...(this.config.ack.enabled ? { channel: this.channel, acked: this.acked } : {}),
    };
  }

  async close(): Promise<void> {}
}
