import { mkdirSync } from 'node:fs';
import pg from 'pg';
import { AuditError } from '../errors.js';
import { takeLock } from '../lockfile.js';

/**
 * The little the store needs from a database: queries with parameters,
 * transactions, and several statements at once (migrations). PostgreSQL
 * through `pg` and PGlite (PostgreSQL in-process, for `npm start`) both
 * provide it, and the store's SQL is the same for both.
 */
export interface SqlClient {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface Sql extends SqlClient {
  /** Runs `work` in one transaction (BEGIN … COMMIT, ROLLBACK on a throw). */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  /** Several statements, no parameters (migrations). */
  exec(text: string): Promise<void>;
  close(): Promise<void>;
  /** `postgres` or `pglite`, for /health. */
  readonly engine: string;
}

/** PostgreSQL server through a `pg` pool. */
export function postgresSql(url: string, options: { max?: number } = {}): Sql {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 4 });
  // An idle client losing its connection must not end the process; the next query reconnects.
  pool.on('error', () => undefined);
  return {
    engine: 'postgres',
    query: (text, params) => pool.query(text, params as unknown[]) as never,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({
          query: (text, params) => client.query(text, params as unknown[]) as never,
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async exec(text) {
      await pool.query(text);
    },
    close: () => pool.end(),
  };
}

/** PGlite (PostgreSQL compiled to WebAssembly) in this process; in memory when `dataDir` is absent. */
export async function pgliteSql(dataDir?: string): Promise<Sql> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (dataDir) {
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (err) {
      throw new AuditError('audit_store_unavailable', `${dataDir}: cannot create the store directory`, {
        cause: err,
      });
    }
  }
  // PGlite's files are one process's: a second one would corrupt them.
  let release: (() => void) | undefined;
  if (dataDir) {
    const lock = takeLock(`${dataDir.replace(/\/+$/, '')}.lock`);
    if ('owner' in lock) {
      throw new AuditError(
        'audit_store_unavailable',
        `${dataDir}: the embedded store is in use by process ${lock.owner}; give each workers process its own audit.dataDir (or use PostgreSQL)`,
      );
    }
    release = lock.release;
  }
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  try {
    await db.waitReady;
  } catch (err) {
    release?.();
    throw err;
  }
  // PGlite runs one statement at a time; transactions hold it, so queries queue behind them.
  return {
    engine: 'pglite',
    query: (text, params) => db.query(text, params) as never,
    transaction: (work) =>
      db.transaction((tx) => work({ query: (text, params) => tx.query(text, params) as never })),
    async exec(text) {
      await db.exec(text);
    },
    async close() {
      await db.close();
      release?.();
    },
  };
}
