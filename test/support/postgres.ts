import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** PostgreSQL for tests: PORTCULLIS_TEST_POSTGRES_URL, else the local server's `test` database. */
export function testPostgresUrl(): string {
  return process.env.PORTCULLIS_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

/** A schema name no other test run shares. */
export function uniqueSchema(name: string): string {
  return `pc_test_${name.replace(/[^a-z0-9_]/g, '_')}_${randomBytes(4).toString('hex')}`;
}

/** Runs SQL on the test database (tampering, cleanup). */
export async function onTestDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testPostgresUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function dropSchema(schema: string): Promise<void> {
  await onTestDatabase((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
}
