import type { Sql } from './sql.js';

/**
 * The store's schema, one migration per version, applied in order by the
 * workers at start (each in a transaction, under an advisory lock so two
 * workers starting together do not both migrate). Never edit an applied
 * migration: add the next one.
 */
export function migrations(schema: string): { version: number; sql: string }[] {
  const s = `"${schema}"`;
  return [
    {
      version: 1,
      sql: `
        CREATE TABLE ${s}.events (
          seq bigint PRIMARY KEY,
          event_id uuid NOT NULL UNIQUE,
          kind text NOT NULL,
          data_class text NOT NULL,
          time timestamptz NOT NULL,
          subject text,
          connection text,
          decision text,
          status integer,
          approval_id text,
          trace_id text,
          decision_id text,
          event text,
          bodies text,
          size integer NOT NULL,
          bodies_size integer NOT NULL DEFAULT 0,
          content_hash text NOT NULL,
          bodies_hash text,
          prev_hash text NOT NULL,
          hash text NOT NULL,
          stored_at timestamptz NOT NULL DEFAULT now(),
          purged_at timestamptz,
          bodies_purged_at timestamptz
        );
        CREATE INDEX events_time ON ${s}.events (time);
        CREATE INDEX events_subject ON ${s}.events (subject, seq);
        CREATE INDEX events_connection ON ${s}.events (connection, seq);
        CREATE INDEX events_decision ON ${s}.events (decision, seq);
        CREATE INDEX events_approval ON ${s}.events (approval_id) WHERE approval_id IS NOT NULL;
        CREATE INDEX events_trace ON ${s}.events (trace_id) WHERE trace_id IS NOT NULL;
        CREATE INDEX events_decision_id ON ${s}.events (decision_id) WHERE decision_id IS NOT NULL;
        CREATE INDEX events_class ON ${s}.events (data_class, seq) WHERE purged_at IS NULL;
        CREATE TABLE ${s}.chain (
          id integer PRIMARY KEY CHECK (id = 1),
          seq bigint NOT NULL,
          hash text NOT NULL,
          anchor_seq bigint NOT NULL,
          anchor_hash text NOT NULL
        );
        CREATE TABLE ${s}.purges (
          id bigserial PRIMARY KEY,
          at timestamptz NOT NULL DEFAULT now(),
          data_class text NOT NULL,
          reason text NOT NULL,
          events integer NOT NULL,
          bytes bigint NOT NULL
        );
      `,
    },
  ];
}

/** Creates the schema and applies the migrations it lacks; returns the version reached. */
export async function migrate(sql: Sql, schema: string, genesis: string): Promise<number> {
  const s = `"${schema}"`;
  await sql.exec(
    `CREATE SCHEMA IF NOT EXISTS ${s};
     CREATE TABLE IF NOT EXISTS ${s}.migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());`,
  );
  let version = 0;
  for (const migration of migrations(schema)) {
    await sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`portcullis-audit:${schema}`]);
      const done = await tx.query(`SELECT 1 FROM ${s}.migrations WHERE version = $1`, [migration.version]);
      if (done.rows.length > 0) return;
      for (const statement of migration.sql
        .split(';')
        .map((t) => t.trim())
        .filter(Boolean))
        await tx.query(statement);
      if (migration.version === 1) {
        await tx.query(
          `INSERT INTO ${s}.chain (id, seq, hash, anchor_seq, anchor_hash) VALUES (1, 0, $1, 0, $1)`,
          [genesis],
        );
      }
      await tx.query(`INSERT INTO ${s}.migrations (version) VALUES ($1)`, [migration.version]);
    });
    version = migration.version;
  }
  return version;
}
