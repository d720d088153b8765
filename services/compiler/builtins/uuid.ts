/** `uuid.rfc4122` and `uuid.parse` (OPA `uuid.go`, google/uuid field rules). */
import { randomUUID } from 'node:crypto';
import { stringOperand } from './operands.js';
import { register } from './registry.js';
import { evaluationContext } from './context.js';
import { normalizeInt } from './numbers.js';
import type { ObjectValue } from './values.js';

/** 100-ns intervals between the Gregorian reform (1582-10-15) and the Unix epoch. */
const GREGORIAN_OFFSET = 0x01b21dd213814000n;

function uuidBytes(s: string): Buffer | undefined {
  let hex: string;
  if (s.length === 36) hex = s;
  else if (s.length === 38 && s.startsWith('{') && s.endsWith('}')) hex = s.slice(1, -1);
  else if (s.length === 45 && s.toLowerCase().startsWith('urn:uuid:')) hex = s.slice(9);
  else if (s.length === 32) return /^[0-9a-fA-F]{32}$/.test(s) ? Buffer.from(s, 'hex') : undefined;
  else return undefined;
  if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(hex))
    return undefined;
  return Buffer.from(hex.replace(/-/g, ''), 'hex');
}

function variantName(b: number): string {
  if ((b & 0xc0) === 0x80) return 'RFC4122';
  if ((b & 0xe0) === 0xc0) return 'Microsoft';
  if ((b & 0xe0) === 0xe0) return 'Future';
  return 'Reserved';
}

function parseUuid(value: unknown): ObjectValue | undefined {
  const bytes = uuidBytes(stringOperand(value, 1));
  if (!bytes) return undefined;
  const version = bytes[6] >> 4;
  const out: ObjectValue = { version, variant: variantName(bytes[8]) };
  if (version === 1 || version === 2) {
    const ticks =
      BigInt(bytes.readUInt32BE(0)) |
      (BigInt(bytes.readUInt16BE(4)) << 32n) |
      (BigInt(bytes.readUInt16BE(6) & 0xfff) << 48n);
    out.time = normalizeInt((ticks - GREGORIAN_OFFSET) * 100n);
    out.clocksequence = bytes.readUInt16BE(8) & 0x3fff;
    const node = bytes.subarray(10, 16);
    out.nodeid = Array.from(node, (b) => b.toString(16).padStart(2, '0')).join('-');
    out.macvariables = `${node[0] & 0x02 ? 'local' : 'global'}:${node[0] & 0x01 ? 'multicast' : 'unicast'}`;
  }
  if (version === 2) {
    out.id = bytes.readUInt32BE(0);
    const domains = ['Person', 'Group', 'Org'];
    out.domain = domains[bytes[9]] ?? `Domain${bytes[9]}`;
  }
  return out;
}

register('uuid', {
  // OPA returns the same UUID for a seed within one evaluation.
  'uuid.rfc4122': (seed) => {
    const key = `uuid.rfc4122:${stringOperand(seed, 1)}`;
    const memo = evaluationContext().memo;
    if (!memo.has(key)) memo.set(key, randomUUID());
    return memo.get(key);
  },
  'uuid.parse': parseUuid,
});
