import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** Redis URL for tests (set by the global setup). */
export function testRedisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** A key prefix no other test run shares. */
export function uniquePrefix(name: string): string {
  return `pc-test:${name}:${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under `prefix` (cleanup after a test). */
export async function deleteKeys(prefix: string): Promise<void> {
  const client = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}
