import type { IncomingHttpHeaders } from 'node:http';

/** RFC 9110 §7.6.1 connection-specific headers, never forwarded either way. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Headers the proxy itself owns on the way to the upstream. */
const PROXY_OWNED = /^(host|content-length|expect|forwarded|x-forwarded-.*|x-portcullis-.*)$/;

function connectionListed(
  headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>,
): Set<string> {
  const listed = new Set<string>();
  const value = headers.connection;
  for (const part of (Array.isArray(value) ? value.join(',') : (value ?? '')).split(',')) {
    const name = part.trim().toLowerCase();
    if (name) listed.add(name);
  }
  return listed;
}

export interface ForwardFacts {
  /** Caller credential headers (Authorization, API key, cookies): never forwarded. */
  credentialHeaders: ReadonlySet<string>;
  sourceIp: string;
  originalHost: string | undefined;
  proto: 'http' | 'https';
}

/**
 * The caller's headers as the upstream gets them: hop-by-hop and credential
 * headers dropped, proxy-owned headers replaced, X-Forwarded-* set from what
 * the proxy saw (a caller's own X-Forwarded-For is not trusted).
 */
export function upstreamRequestHeaders(
  incoming: IncomingHttpHeaders,
  facts: ForwardFacts,
): Record<string, string> {
  const listed = connectionListed(incoming);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name) || PROXY_OWNED.test(name)) continue;
    if (facts.credentialHeaders.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  out['x-forwarded-for'] = facts.sourceIp;
  out['x-forwarded-proto'] = facts.proto;
  if (facts.originalHost) out['x-forwarded-host'] = facts.originalHost;
  return out;
}

/** The upstream's response headers as the caller gets them (hop-by-hop dropped). */
export function callerResponseHeaders(
  upstream: Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const listed = connectionListed(upstream);
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(upstream)) {
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name)) continue;
    out[name] = value;
  }
  return out;
}

/** Applies a decision's `headers` (already checked) to a header map, in place. */
export function applyHeaderChanges(
  headers: Record<string, string | string[]>,
  changes: { set: Record<string, string>; remove: string[] } | null,
): void {
  if (!changes) return;
  for (const name of changes.remove) delete headers[name.toLowerCase()];
  for (const [name, value] of Object.entries(changes.set)) headers[name.toLowerCase()] = value;
}
