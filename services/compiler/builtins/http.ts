/**
 * `http.send` (OPA `topdown/http.go`): checks the request object as OPA does,
 * runs the exchange in the blocking worker (blocking.ts) and answers OPA's
 * response object. Identical requests within one evaluation share one answer
 * (OPA's intra-query cache); OPA's inter-query cache (`cache`, `force_cache`)
 * is a server-wide store this host does not keep, so those requests go out
 * once per evaluation.
 */
import { closeSync, constants as fsConstants, fstatSync, openSync, readSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { parse as parseYaml } from 'yaml';
import { BlockingTaskError, BlockingTimeoutError, runBlocking } from './blocking.js';
import type { HttpAnswer, HttpTask } from './blocking-worker.js';
import { evaluationContext } from './context.js';
import { BuiltinFailure, OperandError } from './errors.js';
import { goMarshal } from './json.js';
import { objectOperand, operandError } from './operands.js';
import { register } from './registry.js';
import { parseDuration } from './time.js';
import { compareStrings, isObject, toJSONText, typeName } from './values.js';
import type { ObjectValue, Value } from './values.js';

/** Each TLS input comes inline, from a file or from an environment variable. */
const TLS_SOURCE_KEYS = ['tls_ca_cert', 'tls_client_cert', 'tls_client_key'].flatMap((key) => [
  key,
  `${key}_file`,
  `${key}_env_variable`,
]);
const ALLOWED_KEYS = new Set([
  'method',
  'url',
  'body',
  'enable_redirect',
  'force_json_decode',
  'force_yaml_decode',
  'headers',
  'raw_body',
  'tls_use_system_certs',
  ...TLS_SOURCE_KEYS,
  'tls_insecure_skip_verify',
  'tls_server_name',
  'timeout',
  'cache',
  'force_cache',
  'force_cache_duration_seconds',
  'raise_error',
  'caching_mode',
  'max_retry_attempts',
]);
const REQUIRED_KEYS = ['method', 'url'];
const STRING_KEYS = new Set(['method', 'url', 'raw_body', ...TLS_SOURCE_KEYS, 'tls_server_name']);
/** Statuses OPA keeps in its intra-query cache (RFC 7231 §6.1). */
const CACHEABLE_STATUS = new Set([200, 203, 204, 206, 300, 301, 404, 405, 410, 414, 501]);
const DEFAULT_TIMEOUT_MS = 5000;
/** Host limits OPA does not have: they keep one policy from holding the evaluating thread or its memory. */
export const MAX_ATTEMPT_TIMEOUT_MS = 60_000;
export const MAX_OVERALL_WAIT_MS = 300_000;
export const MAX_RETRY_ATTEMPTS = 10;
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
export const MAX_PEM_FILE_BYTES = 1024 * 1024;
const USER_AGENT = 'Portcullis (Open Policy Agent http.send)';

/** Errors after the request object was accepted: with `raise_error: false` they become the response's `error`. */
class SendError extends Error {
  constructor(
    readonly kind: 'network' | 'internal',
    message: string,
  ) {
    super(message);
  }
}

function goSet(names: string[]): string {
  return `{${[...names]
    .sort(compareStrings)
    .map((n) => JSON.stringify(n))
    .join(', ')}}`;
}

function checkRequest(value: unknown): ObjectValue {
  const req = objectOperand(value, 1);
  const keys = Object.keys(req);
  const invalid = keys.filter((k) => !ALLOWED_KEYS.has(k));
  if (invalid.length) throw operandError(1, `invalid request parameters(s): ${goSet(invalid)}`);
  const missing = REQUIRED_KEYS.filter((k) => !(k in req));
  if (missing.length) throw operandError(1, `missing required request parameters(s): ${goSet(missing)}`);
  return req;
}

/** Go's `strconv.ParseBool` of the term's text, as OPA reads `enable_redirect` and the TLS switches. */
function parseBoolTerm(value: Value): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 1) return true;
  if (value === 0) return false;
  throw new SendError(
    'internal',
    `strconv.ParseBool: parsing ${JSON.stringify(toJSONText(value))}: invalid syntax`,
  );
}

/** A boolean field that may be absent (OPA's `getBoolValFromReqObj`). */
function boolField(req: ObjectValue, key: string): boolean {
  const value = req[key];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new SendError('internal', `invalid value for "${key}" field`);
  return value;
}

/** The per-attempt timeout of a `timeout` field, in ms: 0 or less is the default, more than MAX_ATTEMPT_TIMEOUT_MS is clamped. */
export function attemptTimeoutMs(value: Value): number {
  let ns: bigint;
  if (typeof value === 'number' || typeof value === 'bigint') {
    if (typeof value === 'number' && !Number.isInteger(value)) {
      throw new SendError('internal', `invalid timeout number value ${value}, must be int64`);
    }
    ns = BigInt(value);
  } else if (typeof value === 'string') {
    if (/^[+-]?\d+$/.test(value)) ns = BigInt(value);
    else {
      try {
        ns = parseDuration(value);
      } catch (err) {
        throw new SendError(
          'internal',
          `invalid timeout value ${JSON.stringify(value)}: ${(err as Error).message}`,
        );
      }
    }
  } else {
    throw operandError(1, `'timeout' must be one of {string, number} but got ${typeName(value)}`);
  }
  // Go's zero timeout means none; here it means the default.
  if (ns <= 0n) return DEFAULT_TIMEOUT_MS;
  const ms = ns / 1_000_000n;
  return ms >= BigInt(MAX_ATTEMPT_TIMEOUT_MS) ? MAX_ATTEMPT_TIMEOUT_MS : Math.max(1, Number(ms));
}

/** `max_retry_attempts`, clamped to MAX_RETRY_ATTEMPTS (OPA has no cap). */
export function retryAttempts(req: ObjectValue): number {
  const value = req.max_retry_attempts;
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new SendError('internal', `invalid value ${toJSONText(value)} for field "max_retry_attempts"`);
  }
  return Math.min(value, MAX_RETRY_ATTEMPTS);
}

/** A PEM file: a regular file of at most MAX_PEM_FILE_BYTES (opened non-blocking, so a FIFO cannot stall). */
function readPem(file: string): string {
  let fd: number;
  try {
    fd = openSync(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const reason = e.code === 'ENOENT' ? 'no such file or directory' : e.message;
    throw new SendError('internal', `open ${file}: ${reason}`);
  }
  try {
    if (!fstatSync(fd).isFile()) throw new SendError('internal', `read ${file}: not a regular file`);
    const buffer = Buffer.alloc(MAX_PEM_FILE_BYTES + 1);
    let size = 0;
    for (;;) {
      const n = size < buffer.length ? readSync(fd, buffer, size, buffer.length - size, null) : 0;
      if (n === 0) break;
      size += n;
    }
    if (size > MAX_PEM_FILE_BYTES) {
      throw new SendError('internal', `read ${file}: file larger than ${MAX_PEM_FILE_BYTES} bytes`);
    }
    return buffer.toString('utf8', 0, size);
  } catch (err) {
    if (err instanceof SendError) throw err;
    throw new SendError('internal', `read ${file}: ${(err as Error).message}`);
  } finally {
    closeSync(fd);
  }
}

/** Go's `http.CanonicalHeaderKey`. */
function canonicalHeader(name: string): string {
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

function goMethodName(method: string): string {
  return method.charAt(0) + method.slice(1).toLowerCase();
}

/** The exchange to run, from the request object (OPA's `createHTTPRequest`). */
function buildTask(req: ObjectValue): HttpTask {
  const strings: Record<string, string> = {};
  for (const key of Object.keys(req).sort(compareStrings)) {
    const value = req[key];
    if (typeof value === 'string') strings[key] = value;
    else if (STRING_KEYS.has(key)) throw new SendError('internal', `"${key}" must be a string`);
  }
  const method = (strings.method ?? '').toUpperCase();
  let url = strings.url ?? '';
  let body = req.body !== undefined ? goMarshal(req.body) : '';
  if (strings.raw_body !== undefined) body = strings.raw_body;

  const headers: Record<string, string> = {};
  if (req.headers !== undefined) {
    if (!isObject(req.headers)) throw new SendError('internal', 'invalid type for headers key');
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value !== 'string') {
        throw new SendError(
          'internal',
          `invalid type for headers value ${JSON.stringify(toJSONText(value))}`,
        );
      }
      headers[canonicalHeader(name)] = value;
    }
  }
  headers['User-Agent'] ??= USER_AGENT;

  const tls: HttpTask['tls'] = { rejectUnauthorized: true };
  if (req.tls_insecure_skip_verify !== undefined) {
    tls.rejectUnauthorized = !parseBoolTerm(req.tls_insecure_skip_verify);
  }
  const customCAs: string[] = [];
  if (strings.tls_ca_cert) customCAs.push(strings.tls_ca_cert.replaceAll('\\n', '\n'));
  if (strings.tls_ca_cert_file) customCAs.push(readPem(strings.tls_ca_cert_file));
  if (strings.tls_ca_cert_env_variable) {
    const pem = process.env[strings.tls_ca_cert_env_variable];
    if (!pem)
      throw new SendError('internal', `cert from env var ${strings.tls_ca_cert_env_variable} is empty`);
    customCAs.push(pem);
  }
  const systemCerts =
    req.tls_use_system_certs !== undefined ? parseBoolTerm(req.tls_use_system_certs) : customCAs.length === 0;
  if (customCAs.length) tls.ca = systemCerts ? [...rootCertificates, ...customCAs] : customCAs;
  const pairs: Array<[string | undefined, string | undefined]> = [
    [strings.tls_client_cert, strings.tls_client_key],
    [
      strings.tls_client_cert_file && readPem(strings.tls_client_cert_file),
      strings.tls_client_key_file && readPem(strings.tls_client_key_file),
    ],
    [
      strings.tls_client_cert_env_variable && process.env[strings.tls_client_cert_env_variable],
      strings.tls_client_key_env_variable && process.env[strings.tls_client_key_env_variable],
    ],
  ];
  const pair = pairs.find(([cert, key]) => cert && key);
  if (pair) [tls.cert, tls.key] = pair as [string, string];
  if (headers.Host) tls.servername = headers.Host;
  if (strings.tls_server_name) tls.servername = strings.tls_server_name;

  let socketPath: string | undefined;
  if (/^unix:/i.test(url)) {
    const parsed = new URL(url);
    socketPath = parsed.searchParams.get('socket') ?? undefined;
    if (socketPath !== undefined) {
      parsed.searchParams.delete('socket');
      url = `http:${parsed.href.slice(parsed.protocol.length)}`;
    }
  }
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(method)) {
    throw new SendError('internal', `net/http: invalid method ${JSON.stringify(method)}`);
  }
  if (!URL.canParse(url)) throw new SendError('internal', `parse ${JSON.stringify(url)}: invalid URL`);
  const scheme = new URL(url).protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') {
    throw new SendError(
      'network',
      `${goMethodName(method)} "${url}": unsupported protocol scheme "${scheme}"`,
    );
  }
  const timeoutMs = req.timeout === undefined ? DEFAULT_TIMEOUT_MS : attemptTimeoutMs(req.timeout);
  const retries = retryAttempts(req);
  return {
    method,
    url,
    headers,
    body,
    timeoutMs,
    overallMs: retryBudgetMs(timeoutMs, retries),
    maxBodyBytes: MAX_BODY_BYTES,
    followRedirects: req.enable_redirect !== undefined && parseBoolTerm(req.enable_redirect),
    retries,
    socketPath,
    tls,
  };
}

/** Go's `*url.Error` text for a failed exchange. */
function transportError(task: HttpTask, err: BlockingTaskError, raise: boolean): SendError {
  const op = goMethodName(task.method);
  const url = new URL(task.url);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const reasons: Record<string, string> = {
    ECONNREFUSED: `dial tcp ${url.hostname}:${port}: connect: connection refused`,
    ENOTFOUND: `dial tcp: lookup ${url.hostname}: no such host`,
    ECONNRESET: 'EOF',
    ETIMEDOUT: 'context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
  };
  if (err.code === 'ETIMEDOUT' && raise)
    return new SendError('network', `${op} ${task.url}: request timed out`);
  return new SendError('network', `${op} "${task.url}": ${reasons[err.code] ?? err.message}`);
}

function decodeBody(text: string, json: boolean, yaml: boolean): Value {
  try {
    if (json) return JSON.parse(text) as Value;
    if (yaml) return (parseYaml(text) ?? null) as Value;
  } catch {
    // OPA leaves the body null when it does not decode.
  }
  return null;
}

function responseObject(answer: HttpAnswer, req: ObjectValue): ObjectValue {
  const headers: Record<string, string[]> = {};
  for (let i = 0; i + 1 < answer.rawHeaders.length; i += 2) {
    (headers[answer.rawHeaders[i].toLowerCase()] ??= []).push(answer.rawHeaders[i + 1]);
  }
  const contentType = headers['content-type']?.[0] ?? '';
  const json = boolField(req, 'force_json_decode') || contentType.includes('application/json');
  const yaml =
    !json &&
    (boolField(req, 'force_yaml_decode') ||
      contentType.includes('application/yaml') ||
      contentType.includes('application/x-yaml'));
  return {
    status: answer.status,
    status_code: answer.statusCode,
    body: decodeBody(answer.body, json, yaml),
    raw_body: answer.body,
    headers,
  };
}

/**
 * The time every attempt and the longest backoff between them may take, at
 * most MAX_OVERALL_WAIT_MS; the worker stops retrying once it is spent.
 * `retries` is at most MAX_RETRY_ATTEMPTS, so the loop is short.
 */
export function retryBudgetMs(timeoutMs: number, retries: number): number {
  let backoff = 0;
  for (let i = 0; i < retries; i++) backoff += Math.min(100 * 1.6 ** i, 60_000) * 1.1;
  return Math.min(timeoutMs * (retries + 1) + Math.ceil(backoff), MAX_OVERALL_WAIT_MS);
}

/** How long the calling thread waits for the worker: the budget and a margin for the reply. */
const WAIT_MARGIN_MS = 1000;

function exchange(req: ObjectValue, raise: boolean): ObjectValue {
  boolField(req, 'cache');
  if (boolField(req, 'force_cache') && req.force_cache_duration_seconds === undefined) {
    throw new SendError(
      'internal',
      "'force_cache' set but 'force_cache_duration_seconds' parameter is missing",
    );
  }
  const task = buildTask(req);
  let answer: HttpAnswer;
  try {
    answer = runBlocking({ kind: 'http', request: task }, task.overallMs + WAIT_MARGIN_MS) as HttpAnswer;
  } catch (err) {
    if (err instanceof BlockingTaskError) throw transportError(task, err, raise);
    if (err instanceof BlockingTimeoutError)
      throw new BuiltinFailure('timed out (context deadline exceeded)');
    throw err;
  }
  return responseObject(answer, req);
}

type Cached = { response: ObjectValue } | { error: Error };

function send(value: unknown): ObjectValue {
  const req = checkRequest(value);
  const raise = req.raise_error ?? true;
  if (typeof raise !== 'boolean') throw new BuiltinFailure('invalid value for raise_error field');
  const memo = evaluationContext().memo;
  const key = `http.send:${toJSONText(req, true)}`;
  let cached = memo.get(key) as Cached | undefined;
  if (!cached) {
    try {
      const response = exchange(req, raise);
      cached = { response };
      if (CACHEABLE_STATUS.has(response.status_code as number)) memo.set(key, cached);
    } catch (err) {
      cached = { error: err as Error };
      if (err instanceof SendError) memo.set(key, cached);
    }
  }
  if ('response' in cached) return cached.response;
  const err = cached.error;
  if (raise || !(err instanceof SendError || err instanceof OperandError)) {
    throw err instanceof SendError ? new BuiltinFailure(err.message) : err;
  }
  const code = err instanceof SendError && err.kind === 'network' ? 'network' : 'internal';
  return { status_code: 0, error: { code: `eval_http_send_${code}_error`, message: err.message } };
}

register('http', { 'http.send': send });
