/**
 * CIDR builtins (OPA `cidr.go`), on bigint addresses; IPv6 printed as Go
 * prints it (RFC 5952). `net.lookup_ip_addr` (OPA `net.go`) resolves names
 * through blocking.ts.
 *
 * Addresses are read and printed by ipaddr.js, behind checks of Go's
 * narrower grammar (`net.ParseIP`). The arithmetic stays here: ipaddr.js
 * has no range-to-CIDRs or merge, and OPA's `cidr_merge` prints untouched
 * inputs as given and gives a bare IPv4 address its classful mask, as
 * `evalNetCIDRMerge` does, which a generic merge would not.
 */
import ipaddr from 'ipaddr.js';
import { BlockingTaskError, BlockingTimeoutError, runBlocking } from './blocking.js';
import { evaluationContext } from './context.js';
import { BuiltinFailure } from './errors.js';
import { collectionOperand, stringOperand } from './operands.js';
import { register } from './registry.js';
import { isObject, isSet, toSet } from './values.js';
import type { Value } from './values.js';

interface Address {
  v6: boolean;
  value: bigint;
}

interface Network {
  v6: boolean;
  /** First address (the address with host bits cleared). */
  base: bigint;
  prefix: number;
}

function bits(v6: boolean): number {
  return v6 ? 128 : 32;
}

function fromBytes(bytes: number[]): bigint {
  return bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
}

/**
 * Go's IPv4 grammar: four decimal parts of 0-255 without leading zeros, which
 * is ipaddr.js's four-part-decimal check (its plain parser also takes
 * `127.1` and `0x7f.0.0.1`, which Go refuses).
 */
function parseIPv4(s: string): bigint | undefined {
  if (!ipaddr.IPv4.isValidFourPartDecimal(s)) return undefined;
  return fromBytes(ipaddr.IPv4.parse(s).octets);
}

/**
 * Go's IPv6 grammar, checked before ipaddr.js reads the address: hex groups
 * of at most four digits, an optional trailing IPv4 in Go's grammar, no
 * `%zone` (ipaddr.js takes longer groups, zones and other IPv4 forms).
 */
function parseIPv6(s: string): bigint | undefined {
  const lastColon = s.lastIndexOf(':');
  const tail = s.slice(lastColon + 1);
  const groups = tail.includes('.') ? s.slice(0, lastColon + 1) : s;
  if (tail.includes('.') && !ipaddr.IPv4.isValidFourPartDecimal(tail)) return undefined;
  if (!/^[0-9A-Fa-f:]*$/.test(groups) || groups.split(':').some((g) => g.length > 4)) return undefined;
  if (!ipaddr.IPv6.isValid(s)) return undefined;
  return fromBytes(ipaddr.IPv6.parse(s).toByteArray());
}

/** Go's `net.ParseIP`; IPv4-mapped IPv6 addresses become IPv4. */
export function parseIP(s: string): Address | undefined {
  const v4 = parseIPv4(s);
  if (v4 !== undefined) return { v6: false, value: v4 };
  if (!s.includes(':')) return undefined;
  const v6 = parseIPv6(s);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === 0xffffn) return { v6: false, value: v6 & 0xffffffffn };
  return { v6: true, value: v6 };
}

function mask(v6: boolean, prefix: number): bigint {
  const n = bits(v6);
  return ((1n << BigInt(n)) - 1n) ^ ((1n << BigInt(n - prefix)) - 1n);
}

/** Go's `net.ParseCIDR`. */
export function parseCIDR(s: string): Network | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const ip = s.slice(0, slash);
  const prefixText = s.slice(slash + 1);
  const v4 = parseIPv4(ip);
  const v6 = v4 === undefined && ip.includes(':') ? parseIPv6(ip) : undefined;
  if (v4 === undefined && v6 === undefined) return undefined;
  const isV6 = v4 === undefined;
  if (!/^\d{1,3}$/.test(prefixText) || (prefixText.length > 1 && prefixText.startsWith('0')))
    return undefined;
  const prefix = Number(prefixText);
  if (prefix > bits(isV6)) return undefined;
  const value = (v4 ?? v6) as bigint;
  return { v6: isV6, base: value & mask(isV6, prefix), prefix };
}

function cidrOperand(s: string): Network {
  const net = parseCIDR(s);
  if (!net) throw new BuiltinFailure(`invalid CIDR address: ${s}`);
  return net;
}

function lastAddress(n: Network): bigint {
  return n.base | ((1n << BigInt(bits(n.v6) - n.prefix)) - 1n);
}

function containsAddress(n: Network, a: Address): boolean {
  return n.v6 === a.v6 && (a.value & mask(n.v6, n.prefix)) === n.base;
}

function containsNetwork(outer: Network, inner: Network): boolean {
  return (
    outer.v6 === inner.v6 &&
    outer.prefix <= inner.prefix &&
    (inner.base & mask(outer.v6, outer.prefix)) === outer.base
  );
}

/** As Go prints an address: IPv4 dotted, IPv6 in RFC 5952's compressed form (ipaddr.js's). */
export function formatIP(a: Address): string {
  if (!a.v6) return [24n, 16n, 8n, 0n].map((s) => String((a.value >> s) & 0xffn)).join('.');
  const parts = Array.from({ length: 8 }, (_, i) => Number((a.value >> BigInt(112 - 16 * i)) & 0xffffn));
  return new ipaddr.IPv6(parts).toRFC5952String();
}

function formatNetwork(n: Network): string {
  return `${formatIP({ v6: n.v6, value: n.base })}/${n.prefix}`;
}

/** Upper bound on `net.cidr_expand`, so a policy cannot exhaust host memory. */
const MAX_EXPAND = 1 << 20;

function expand(cidr: unknown): Value[] {
  const n = cidrOperand(stringOperand(cidr, 1));
  const size = 1n << BigInt(bits(n.v6) - n.prefix);
  if (size > BigInt(MAX_EXPAND)) throw new BuiltinFailure(`CIDR ${formatNetwork(n)} is too large to expand`);
  const out: string[] = [];
  for (let v = n.base; v <= lastAddress(n); v++) out.push(formatIP({ v6: n.v6, value: v }));
  return toSet(out);
}

/** Minimal CIDRs covering the inclusive range [start, end]. */
function rangeToNetworks(v6: boolean, start: bigint, end: bigint): Network[] {
  const out: Network[] = [];
  const width = bits(v6);
  let cur = start;
  while (cur <= end) {
    let size = 0;
    while (size < width) {
      const next = size + 1;
      const block = 1n << BigInt(next);
      if (cur % block !== 0n || cur + block - 1n > end) break;
      size = next;
    }
    out.push({ v6, base: cur, prefix: width - size });
    cur += 1n << BigInt(size);
  }
  return out;
}

/**
 * Go's `IP.DefaultMask`, which OPA gives a bare IPv4 address in
 * `net.cidr_merge`: the classful prefix (class A /8, B /16, C /24); the
 * multicast and reserved classes, which Go leaves without a mask, are taken
 * as single addresses.
 */
function classfulPrefix(address: bigint): number {
  const first = Number(address >> 24n);
  if (first < 0x80) return 8;
  if (first < 0xc0) return 16;
  if (first < 0xe0) return 24;
  return 32;
}

/** One input of `net.cidr_merge`: its address range, and how OPA prints it when nothing merges into it. */
interface MergeRange {
  v6: boolean;
  first: bigint;
  last: bigint;
  /** Absent once merged: a merged range is printed as the CIDRs that cover it. */
  text?: string;
}

function mergeRange(item: unknown): MergeRange {
  if (typeof item !== 'string') throw new BuiltinFailure('element must be string');
  // OPA tries an address first: an IPv4 address keeps its own bits with the classful mask
  // (`192.0.2.112` is `192.0.2.112/24`, the range 192.0.2.0-255); IPv6 needs a prefix.
  const ip = parseIP(item);
  if (ip) {
    if (ip.v6) throw new BuiltinFailure('IPv6 invalid: needs prefix length');
    const prefix = classfulPrefix(ip.value);
    const first = ip.value & mask(false, prefix);
    const last = lastAddress({ v6: false, base: first, prefix });
    return { v6: false, first, last, text: `${formatIP(ip)}/${prefix}` };
  }
  const net = parseCIDR(item);
  if (!net) throw new BuiltinFailure(`invalid CIDR address: ${item}`);
  return { v6: net.v6, first: net.base, last: lastAddress(net), text: formatNetwork(net) };
}

/**
 * `net.cidr_merge` as OPA's `evalNetCIDRMerge`: ranges sorted by last then
 * first address, merged from the end into their predecessor when they touch
 * or overlap it; an untouched input is printed as given, a merged range as
 * the fewest CIDRs covering it.
 */
function merge(value: unknown): Value[] {
  const all = collectionOperand(value, 1).map(mergeRange);
  const out: string[] = [];
  for (const v6 of [false, true]) {
    const ranges = all
      .filter((r) => r.v6 === v6)
      .sort((a, b) =>
        a.last !== b.last ? (a.last < b.last ? -1 : 1) : a.first < b.first ? -1 : a.first > b.first ? 1 : 0,
      );
    for (let i = ranges.length - 1; i > 0; i--) {
      const [prev, cur] = [ranges[i - 1], ranges[i]];
      if (cur.first - 1n <= prev.last) {
        ranges[i - 1] = { v6, first: prev.first < cur.first ? prev.first : cur.first, last: cur.last };
        ranges.splice(i, 1);
      }
    }
    for (const r of ranges) {
      if (r.text !== undefined) out.push(r.text);
      else out.push(...rangeToNetworks(v6, r.first, r.last).map(formatNetwork));
    }
  }
  return toSet(out);
}

/** Entries of a `net.cidr_contains_matches` operand: (key, address text). */
function matchEntries(value: unknown, pos: number): [Value, string][] {
  const element = (key: Value, v: unknown): [Value, string] => {
    if (typeof v === 'string') return [key, v];
    if (Array.isArray(v) && v.length > 0 && typeof v[0] === 'string') return [key, v[0]];
    throw new BuiltinFailure(`operand ${pos}: element must be string or non-empty array`);
  };
  if (typeof value === 'string') return [[value, value]];
  // A set's elements are their own keys; an array's keys are its indices.
  if (isSet(value)) return value.map((v) => element(v, v));
  if (Array.isArray(value)) return value.map((v: Value, i) => element(i, v));
  if (isObject(value)) return Object.entries(value).map(([k, v]) => element(k, v));
  throw new BuiltinFailure(`operand ${pos} must be one of {string, array, set, object}`);
}

function containsMatches(a: unknown, b: unknown): Value[] {
  const cidrs = matchEntries(a, 1);
  const addrs = matchEntries(b, 2);
  const out: Value[] = [];
  for (const [k1, c] of cidrs) {
    const net = cidrOperand(c);
    for (const [k2, addr] of addrs) {
      const ip = parseIP(addr);
      const inner = ip ? undefined : cidrOperand(addr);
      if (ip ? containsAddress(net, ip) : containsNetwork(net, inner as Network)) out.push([k1, k2]);
    }
  }
  return toSet(out);
}

/** Go's resolver gives up on a name after about this long. */
const LOOKUP_TIMEOUT_MS = 5000;

let lookupServers: string[] | undefined;

/**
 * Sends `net.lookup_ip_addr`'s queries to these DNS servers (`host` or
 * `host:port`) instead of the system resolver, for this process; `undefined`
 * goes back to the system resolver. For hosts whose policies must resolve
 * through a known server, and for tests that need a resolver they control.
 */
export function useLookupServers(servers: string[] | undefined): void {
  lookupServers = servers && [...servers];
}

/** Go's `DNSError` texts, by Node's getaddrinfo code; others keep Node's message. */
const RESOLVER_ERRORS: Record<string, string> = {
  ENOTFOUND: 'no such host',
  ENODATA: 'no such host',
  EAI_AGAIN: 'Temporary failure in name resolution',
};

function lookupError(name: string, err: unknown): Error {
  if (err instanceof BlockingTimeoutError) return new BuiltinFailure('i/o timeout');
  if (!(err instanceof BlockingTaskError)) return err as Error;
  return new BuiltinFailure(`lookup ${name}: ${RESOLVER_ERRORS[err.code] ?? err.message}`);
}

/** The addresses of a name (an IP literal is its own answer), printed as Go prints them; memoized per evaluation. */
function lookupIPAddr(nameValue: unknown): Value[] {
  const name = stringOperand(nameValue, 1);
  const literal = parseIP(name);
  if (literal) return [formatIP(literal)];
  const memo = evaluationContext().memo;
  const key = `net.lookup_ip_addr:${name}`;
  const known = memo.get(key);
  if (known) return known as Value[];
  if (name === '') throw new BuiltinFailure('lookup : no such host');
  let found: string[];
  try {
    found = runBlocking({ kind: 'lookup', name, servers: lookupServers }, LOOKUP_TIMEOUT_MS) as string[];
  } catch (err) {
    throw lookupError(name, err);
  }
  const addresses = toSet(
    found.map((a) => {
      const ip = parseIP(a);
      return ip ? formatIP(ip) : a;
    }),
  );
  memo.set(key, addresses);
  return addresses;
}

register('net', {
  'net.lookup_ip_addr': lookupIPAddr,
  'net.cidr_contains'(cidr, other) {
    const net = cidrOperand(stringOperand(cidr, 1));
    const text = stringOperand(other, 2);
    const ip = parseIP(text);
    if (ip) return containsAddress(net, ip);
    return containsNetwork(net, cidrOperand(text));
  },
  'net.cidr_intersects'(a, b) {
    const x = cidrOperand(stringOperand(a, 1));
    const y = cidrOperand(stringOperand(b, 2));
    return containsNetwork(x, y) || containsNetwork(y, x);
  },
  'net.cidr_overlap'(cidr, ip) {
    const net = cidrOperand(stringOperand(cidr, 1));
    const addr = parseIP(stringOperand(ip, 2));
    if (!addr) throw new BuiltinFailure(`invalid IP address: ${String(ip)}`);
    return containsAddress(net, addr);
  },
  'net.cidr_expand': expand,
  'net.cidr_is_valid': (s) => typeof s === 'string' && parseCIDR(s) !== undefined,
  'net.cidr_merge': merge,
  'net.cidr_contains_matches': containsMatches,
});
