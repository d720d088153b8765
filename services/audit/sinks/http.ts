import { createHmac } from 'node:crypto';
import type { HttpSinkConfig } from '../config.js';
import { encodeLines } from '../ocsf.js';
import { readSecret } from '../secret.js';
import type { ExportBatch, SinkDriver } from './driver.js';
import { frameLines } from '../lines.js';
import { failureFor, post } from './http-post.js';

/**
 * Batches to any HTTP receiver: a JSON array or NDJSON, our events or OCSF,
 * optionally signed with HMAC-SHA256 over the exact body
 * (`X-Portcullis-Signature: sha256=<hex>`) so the receiver can check it came
 * from us unchanged. A 2xx counts as delivered.
 */
export class HttpSink implements SinkDriver {
  private posted = 0;

  constructor(private readonly config: HttpSinkConfig) {}

  /** The request body of a batch, as sent. */
  body(batch: ExportBatch): Buffer {
    const lines = encodeLines(batch, this.config.encoding.format);
    return this.config.encoding.framing === 'ndjson'
      ? frameLines(lines, '\n', '', '\n')
      : frameLines(lines, ',', '[', ']');
  }

  async deliver(batch: ExportBatch, signal: AbortSignal): Promise<void> {
    const body = this.body(batch);
    const headers: Record<string, string> = {
      ...this.config.headers,
      'content-type': this.config.encoding.framing === 'ndjson' ? 'application/x-ndjson' : 'application/json',
      'user-agent': 'portcullis-audit',
    };
    if (this.config.hmac) {
      const secret = readSecret(this.config.hmac.secret, `audit sink ${this.config.name} hmac.secret`);
      headers[this.config.hmac.header.toLowerCase()] =
        `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    }
    const answer = await post(this.config.url, headers, body, signal);
    const failure = failureFor(answer, `${this.config.name} (${this.config.url})`);
    if (failure) throw failure;
    this.posted++;
  }

  health(): Record<string, unknown> {
    return { url: this.config.url, requests: this.posted };
  }

  async close(): Promise<void> {}
}
