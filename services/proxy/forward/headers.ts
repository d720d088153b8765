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

/**
 * Headers the proxy itself owns on the way to the upstream; the caller's
 * `Portcullis-*` (approval, reason, break-glass) are for the proxy only.
 */
const PROXY_OWNED = /^(host|content-length|expect|forwarded|x-forwarded-.*|x-portcullis-.*|portcullis-.*)$/;

/**
 * Headers some frameworks read as a different method or URL than the one the
 * policy decided on: never forwarded.
 */
const OVERRIDES = new Set([
  'x-http-method-override',
  'x-http-method',
  'x-method-override',
  'x-original-url',
  'x-rewrite-url',
]);

/**
 * Names with `_`: servers behind CGI-style adapters read `x_forwarded_for` as
 * `X-Forwarded-For`, so such a name could smuggle a header the proxy drops.
 */
function aliasesAnotherHeader(name: string): boolean {
  return name.includes('_');
}

const NOTHING_LISTED: ReadonlySet<string> = new Set();

function connectionListed(
  headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>,
): ReadonlySet<string> {
  const value = headers.connection;
  // The usual cases; `keep-alive` names a header dropped as hop-by-hop anyway.
  if (value === undefined || value === 'keep-alive' || value === 'Keep-Alive') return NOTHING_LISTED;
  const listed = new Set<string>();
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
  /** The caller's Host: not forwarded, the caller chooses it on path-prefix connections. */
  originalHost?: string | undefined;
  /** The Host the connection is matched by, if any: sent as X-Forwarded-Host. */
  configuredHost?: string | undefined;
  proto: 'http' | 'https';
}

/**
 * The caller's headers as the upstream gets them: hop-by-hop and credential
 * headers dropped, method/URL overrides and `_` names dropped, proxy-owned
 * headers replaced, X-Forwarded-* set from what the proxy saw (a caller's own
 * X-Forwarded-For and Host are not trusted).
 */
export function upstreamRequestHeaders(
  incoming: IncomingHttpHeaders,
  facts: ForwardFacts,
): Record<string, string> {
  const listed = connectionListed(incoming);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name) || PROXY_OWNED.test(name)) continue;
    if (facts.credentialHeaders.has(name) || OVERRIDES.has(name) || aliasesAnotherHeader(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  out['x-forwarded-for'] = facts.sourceIp;
  out['x-forwarded-proto'] = facts.proto;
  if (facts.configuredHost) out['x-forwarded-host'] = facts.configuredHost;
  return out;
}

/** The proxy's own response headers: an upstream must not be able to forge them. */
const PROXY_RESPONSE_HEADER = /^x-portcullis-/;

/** The upstream's response headers as the caller gets them (hop-by-hop and `X-Portcullis-*` dropped). */
export function callerResponseHeaders(
  upstream: Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const listed = connectionListed(upstream);
  const out: Record<string, string | string[]> = {};
  // for...in, not Object.entries: no array of pairs per answer (a header map has no inherited keys).
  for (const name in upstream) {
    const value = upstream[name];
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name)) continue;
    if (PROXY_RESPONSE_HEADER.test(name)) continue;
    out[name] = value;
  }
  return out;
}

/**
 * Asks the upstream for the whole body as plain bytes, when the proxy must
 * read it (to scrub the credential, mask or inspect): no content coding,
 * and no byte range. A range would let a caller fetch an echoed secret, or
 * a value to mask, in pieces that no pattern recognises, and join them.
 */
export function askWholeBody(headers: Record<string, string>): void {
  headers['accept-encoding'] = 'identity';
  delete headers.range;
  delete headers['if-range'];
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
