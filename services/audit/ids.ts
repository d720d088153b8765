import { createHash, randomFillSync } from 'node:crypto';

/*
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then 12 bits used as a
 * counter within the millisecond (method 1 of section 6.2, so ids made in
 * one process sort in the order they were made), then 62 random bits.
 * Random bytes come from a pooled buffer: one getrandom call per 512 ids
 * instead of one per id, which matters on the request path.
 */

const POOL_IDS = 512;
const pool = Buffer.alloc(8 * POOL_IDS);
let poolAt = pool.length;
let lastMs = -1;
let counter = 0;

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex(bytes: Buffer, from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i++) out += HEX[bytes[i]];
  return out;
}

const scratch = Buffer.alloc(16);

/** A new UUIDv7, as lowercase text. `now` is for tests; ids stay increasing if the clock steps back. */
export function uuidv7(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    if (poolAt >= pool.length) {
      randomFillSync(pool);
      poolAt = 0;
    }
    // A random start (top bit clear, so the counter has room to grow) in each new millisecond.
    counter = pool[poolAt] & 0x7f;
  } else {
    counter++;
    if (counter > 0xfff) {
      // 4096 ids in one millisecond: borrow the next one, as the RFC allows.
      lastMs++;
      counter = 0;
    }
  }
  const ms = lastMs;
  scratch.writeUIntBE(ms, 0, 6);
  scratch[6] = 0x70 | (counter >> 8);
  scratch[7] = counter & 0xff;
  if (poolAt >= pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  pool.copy(scratch, 8, poolAt, poolAt + 8);
  poolAt += 8;
  scratch[8] = 0x80 | (scratch[8] & 0x3f);
  return `${hex(scratch, 0, 4)}-${hex(scratch, 4, 6)}-${hex(scratch, 6, 8)}-${hex(scratch, 8, 10)}-${hex(scratch, 10, 16)}`;
}

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isUuidV7(text: string): boolean {
  return UUID_V7.test(text);
}

/** The millisecond a UUIDv7 was made in. */
export function uuidv7Time(id: string): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/**
 * A UUIDv7 for an event that already has an identity elsewhere (an approval
 * transition's stream id): the same `seed` always gives the same id, so a
 * redelivered transition is the same audit event.
 */
export function uuidv7From(ms: number, seed: string): string {
  const bytes = createHash('sha256').update(seed).digest();
  bytes.writeUIntBE(Math.max(0, Math.min(ms, 2 ** 48 - 1)), 0, 6);
  bytes[6] = 0x70 | (bytes[6] & 0x0f);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  return `${hex(bytes, 0, 4)}-${hex(bytes, 4, 6)}-${hex(bytes, 6, 8)}-${hex(bytes, 8, 10)}-${hex(bytes, 10, 16)}`;
}
