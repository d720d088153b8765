import { gzipSync } from 'node:zlib';
import type { OpaSinkConfig } from '../config.js';
import type { AuditEvent } from '../event.js';
import { readSecret } from '../secret.js';
import type { ExportBatch, SinkDriver } from './driver.js';
import { failureFor, post } from './http-post.js';

/**
 * OPA's decision-log upload protocol, so any receiver of OPA's logs ingests
 * ours: `POST <url>/logs` (or `path`), `Content-Encoding: gzip`,
 * `Content-Type: application/json`, the body a gzipped JSON array of
 * decision events in OPA's shape (each event's `decision_log`). Other kinds
 * of events, when a sink asks for them, go as they are.
 */
export class OpaSink implements SinkDriver {
  private readonly url: string;
  private uploads = 0;

  constructor(private readonly config: OpaSinkConfig) {
    this.url = `${config.url.replace(/\/+$/, '')}${config.path}`;
  }

  /** OPA's event for a decision log; our own event otherwise. */
  private static item(event: AuditEvent): unknown {
    return event.kind === 'decision_log' ? event.decision_log : event;
  }

  async deliver(batch: ExportBatch, signal: AbortSignal): Promise<void> {
    const body = gzipSync(JSON.stringify(batch.events.map(OpaSink.item)));
    const headers: Record<string, string> = {
      ...this.config.headers,
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'user-agent': 'portcullis-audit',
    };
    if (this.config.token) {
      headers.authorization = `Bearer ${readSecret(this.config.token, `audit sink ${this.config.name} token`)}`;
    }
    const answer = await post(this.url, headers, body, signal);
    const failure = failureFor(answer, `${this.config.name} (${this.url})`);
    if (failure) throw failure;
    this.uploads++;
  }

  health(): Record<string, unknown> {
    return { url: this.url, uploads: this.uploads };
  }

  async close(): Promise<void> {}
}
