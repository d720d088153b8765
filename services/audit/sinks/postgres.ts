import type { PostgresSinkConfig } from '../config.js';
import { AuditError } from '../errors.js';
import { readSecret } from '../secret.js';
import { pgliteSql, postgresSql, type Sql } from '../store/sql.js';
import { AuditStore } from '../store/store.js';
import { SinkFailure, type ExportBatch, type SinkDriver } from './driver.js';

/**
 * The searchable store as a sink: each batch is appended in one transaction
 * (chained, deduplicated by event_id), so a batch counts as delivered once
 * PostgreSQL committed it. Without `url`, PGlite in this process keeps the
 * store in `dataDir` (the default for `npm start`); the read API and
 * `audit verify` use the same store through `opened()`.
 */
export class PostgresSink implements SinkDriver {
  private store?: AuditStore;
  private opening?: Promise<AuditStore>;
  private inserted = 0;
  private duplicates = 0;
  private lastError?: string;

  constructor(private readonly config: PostgresSinkConfig) {}

  private connect(): Promise<Sql> {
    const url = this.config.url;
    if (url === undefined) return pgliteSql(this.config.dataDir);
    const text = typeof url === 'string' ? url : readSecret(url, `audit sink ${this.config.name} url`);
    return Promise.resolve(postgresSql(text));
  }

  /** The store once open (opens it on first use; a failure is retried on the next call). */
  opened(): Promise<AuditStore> {
    if (this.store) return Promise.resolve(this.store);
    this.opening ??= (async () => {
      const sql = await this.connect();
      try {
        this.store = await AuditStore.open(sql, this.config.schema);
        return this.store;
      } catch (err) {
        await sql.close().catch(() => undefined);
        throw new AuditError(
          'audit_store_unavailable',
          `audit store ${this.config.name}: ${(err as Error).message}`,
          { cause: err },
        );
      }
    })().finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  async start(): Promise<void> {
    try {
      await this.opened();
    } catch (err) {
      this.lastError = (err as Error).message;
      throw err;
    }
  }

  async deliver(batch: ExportBatch): Promise<void> {
    const store = await this.opened();
    try {
      const result = await store.append(batch.events, batch.lines);
      this.inserted += result.inserted;
      this.duplicates += result.duplicates;
    } catch (err) {
      this.lastError = (err as Error).message;
      throw new SinkFailure(
        'retry',
        `audit store ${this.config.name}: ${(err as Error).message}`,
        undefined,
        {
          cause: err,
        },
      );
    }
  }

  health(): Record<string, unknown> {
    return {
      engine: this.store?.sql.engine ?? (this.config.url === undefined ? 'pglite' : 'postgres'),
      schema: this.config.schema,
      open: this.store !== undefined,
      inserted: this.inserted,
      duplicates: this.duplicates,
      ...(this.lastError ? { last_error: this.lastError } : {}),
    };
  }

  async close(): Promise<void> {
    const store = this.store ?? (await this.opening?.catch(() => undefined));
    this.store = undefined;
    await store?.close();
  }
}
