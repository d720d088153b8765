/**
 * `providers.aws.sign_req` (OPA `providers.go` and its SigV4 signer): signs
 * an HTTP request description with AWS Signature Version 4 and returns it
 * with the Authorization and x-amz-* headers added.
 */
import { createHash, createHmac } from 'node:crypto';
import { BuiltinFailure } from './errors.js';
import { goMarshal } from './json.js';
import { objectOperand, operandError } from './operands.js';
import { register } from './registry.js';
import { compareStrings, isObject } from './values.js';
import type { ObjectValue, Value } from './values.js';

/** Headers AWS leaves out of the signature. */
const IGNORED_HEADERS = new Set(['authorization', 'user-agent', 'x-amzn-trace-id']);

function quotedList(names: string[]): string {
  return `{${names.map((n) => JSON.stringify(n)).join(', ')}}`;
}

function requireStrings(
  obj: ObjectValue,
  names: string[],
  pos: number,
  what: string,
): Record<string, string> {
  const missing = names.filter((n) => !(n in obj));
  if (missing.length > 0)
    throw operandError(pos, `missing required ${what} parameters(s): ${quotedList(missing)}`);
  const invalid = names.filter((n) => typeof obj[n] !== 'string');
  if (invalid.length > 0)
    throw operandError(pos, `invalid values for required ${what} parameters(s): ${quotedList(invalid)}`);
  return Object.fromEntries(names.map((n) => [n, obj[n] as string]));
}

function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** Host, escaped path and raw query of a URL, as Go's `url.URL` gives them. */
function splitUrl(url: string): { host: string; path: string; query: string } {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/.exec(url);
  if (!m) throw new BuiltinFailure(`invalid URL: ${url}`);
  return { host: m[1], path: m[2], query: m[3] ?? '' };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function signRequest(reqValue: unknown, configValue: unknown, timeValue: unknown): ObjectValue {
  const req = objectOperand(reqValue, 1);
  const { method, url } = requireStrings(req, ['method', 'url'], 1, 'request');
  const config = objectOperand(configValue, 2);
  const creds = requireStrings(
    config,
    ['aws_access_key', 'aws_region', 'aws_secret_access_key', 'aws_service'],
    2,
    'AWS config',
  );
  const sessionToken = typeof config.aws_session_token === 'string' ? config.aws_session_token : '';
  const disablePayloadSigning = config.disable_payload_signing ?? false;
  if (typeof disablePayloadSigning !== 'boolean') {
    throw operandError(2, "invalid value for 'disable_payload_signing' in AWS config");
  }
  if (typeof timeValue !== 'number' && typeof timeValue !== 'bigint') throw operandError(3, 'must be number');
  const ns = BigInt(Math.trunc(Number(timeValue)));
  if (ns < 0n) throw operandError(3, 'could not convert time_ns value into a unix timestamp');
  const when = new Date(Number(ns / 1_000_000n));

  let body = '';
  if (typeof req.raw_body === 'string') body = req.raw_body;
  else if (req.body !== undefined && req.body !== null) body = goMarshal(req.body);

  const headers = isObject(req.headers) ? req.headers : {};
  const dateNow = `${when.getUTCFullYear()}${pad2(when.getUTCMonth() + 1)}${pad2(when.getUTCDate())}`;
  const isoNow = `${dateNow}T${pad2(when.getUTCHours())}${pad2(when.getUTCMinutes())}${pad2(when.getUTCSeconds())}Z`;
  const { host, path, query } = splitUrl(url);
  const service = creds.aws_service;
  const bodyHash = sha256Hex(body);

  const awsHeaders: Record<string, string> = { host, 'x-amz-date': isoNow };
  if (service === 's3' || service === 'glacier') {
    awsHeaders['x-amz-content-sha256'] = disablePayloadSigning ? 'UNSIGNED-PAYLOAD' : bodyHash;
  }
  if (sessionToken !== '') awsHeaders['x-amz-security-token'] = sessionToken;

  const toSign: Record<string, string> = { ...awsHeaders };
  for (const [k, v] of Object.entries(headers)) {
    const lower = k.toLowerCase();
    if (!IGNORED_HEADERS.has(lower)) toSign[lower] = typeof v === 'string' ? v : goMarshal(v);
  }
  const keys = Object.keys(toSign).sort(compareStrings);
  const headerList = keys.join(';');
  const payloadLine = awsHeaders['x-amz-content-sha256'] ?? bodyHash;
  // Method and path go in exactly as given (OPA does not upper-case or default them).
  const canonical = [
    method,
    path,
    query,
    ...keys.map((k) => `${k}:${toSign[k]}`),
    '',
    headerList,
    payloadLine,
  ].join('\n');
  const scope = `${dateNow}/${creds.aws_region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', isoNow, scope, sha256Hex(canonical)].join('\n');
  let key = hmac(`AWS4${creds.aws_secret_access_key}`, dateNow);
  key = hmac(key, creds.aws_region);
  key = hmac(key, service);
  key = hmac(key, 'aws4_request');
  const signature = hmac(key, stringToSign).toString('hex');

  const signedHeaders: ObjectValue = { ...(headers as ObjectValue) };
  for (const [k, v] of Object.entries(awsHeaders)) signedHeaders[k] = v;
  signedHeaders.Authorization = `AWS4-HMAC-SHA256 Credential=${creds.aws_access_key}/${scope},SignedHeaders=${headerList},Signature=${signature}`;
  const out: ObjectValue = { ...req, headers: signedHeaders as Value };
  return out;
}

register('aws', { 'providers.aws.sign_req': signRequest });
