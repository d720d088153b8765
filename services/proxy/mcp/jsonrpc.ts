import { jsonTooDeep } from '../../common/json-depth.js';
import type { McpLimits } from '../config.js';

/**
 * JSON-RPC 2.0 as MCP clients send it over streamable HTTP: one message or
 * a batch per POST body. Everything a client sends is checked here, before
 * any decision and before the upstream sees a byte: a body that is not
 * JSON, a message that is not JSON-RPC 2.0, an id that could not be echoed
 * exactly, ids repeated in a batch (answers are matched by id, so the
 * masks of one call could land on another's result), nesting past the
 * connection's limit. What is refused is answered as JSON-RPC errors.
 */

/** A JSON-RPC id as Portcullis accepts it: a string, or an integer JSON.parse keeps exact. */
export type JsonRpcId = string | number;

/** Why a body or a message was refused (`error.data.error` of the JSON-RPC error). */
export type McpErrorCode =
  | 'jsonrpc_parse_error'
  | 'jsonrpc_invalid_request'
  | 'jsonrpc_too_deep'
  | 'jsonrpc_batch_too_large'
  | 'jsonrpc_duplicate_id';

/** JSON-RPC's own codes. */
export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;

type Params = Record<string, unknown> | unknown[] | undefined;

/** One message of a body, classified. `index` is its place in the batch (0 for a single message). */
export type ParsedMessage =
  | { kind: 'request'; index: number; id: JsonRpcId; method: string; params: Params; raw: JsonObject }
  | { kind: 'notification'; index: number; method: string; params: Params; raw: JsonObject }
  /** The client's answer to a request the server made (sampling, elicitation, roots). */
  | { kind: 'response'; index: number; id: JsonRpcId | null; raw: JsonObject }
  | { kind: 'invalid'; index: number; id: JsonRpcId | null; code: McpErrorCode; message: string };

export type JsonObject = Record<string, unknown>;

export interface ParsedBody {
  /** The body was a JSON array (answers go back as an array too). */
  batch: boolean;
  messages: ParsedMessage[];
}

/** A refusal of the whole body: nothing in it is decided or forwarded. */
export interface BodyRefusal {
  code: McpErrorCode;
  jsonRpcCode: number;
  message: string;
}

export class JsonRpcBodyError extends Error {
  constructor(readonly refusal: BodyRefusal) {
    super(refusal.message);
    this.name = 'JsonRpcBodyError';
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function refuse(code: McpErrorCode, jsonRpcCode: number, message: string): never {
  throw new JsonRpcBodyError({ code, jsonRpcCode, message });
}

/** The id as written when it is one Portcullis can echo exactly; a reason otherwise. */
function checkId(id: unknown, limits: McpLimits): { id: JsonRpcId | null } | { why: string } {
  if (id === null) return { id: null };
  if (typeof id === 'string') {
    if (id.length > limits.maxIdLength)
      return { why: `the id is ${id.length} characters long; at most ${limits.maxIdLength} are accepted` };
    return { id };
  }
  if (typeof id === 'number') {
    // Past 2^53 JSON.parse has already rounded it: the answer would carry another id.
    if (!Number.isSafeInteger(id))
      return { why: 'a number id must be an integer within ±(2^53 - 1) (it could not be echoed exactly)' };
    return { id };
  }
  return { why: 'the id must be a string or an integer' };
}

/** The id of a message refused as a whole, when it has a usable one (so the client can match the error). */
function salvageId(value: JsonObject, limits: McpLimits): JsonRpcId | null {
  if (!('id' in value)) return null;
  const checked = checkId(value.id, limits);
  return 'id' in checked ? checked.id : null;
}

function classify(value: unknown, index: number, limits: McpLimits): ParsedMessage {
  const invalid = (id: JsonRpcId | null, message: string): ParsedMessage => ({
    kind: 'invalid',
    index,
    id,
    code: 'jsonrpc_invalid_request',
    message,
  });
  if (!isObject(value)) return invalid(null, 'a JSON-RPC message must be an object');
  const id = salvageId(value, limits);
  if (value.jsonrpc !== '2.0')
    return invalid(id, `"jsonrpc" must be "2.0" (got ${JSON.stringify(value.jsonrpc) ?? 'nothing'})`);
  if (Object.hasOwn(value, '__proto__')) return invalid(id, 'a message may not have a "__proto__" member');
  const hasId = 'id' in value;
  if (hasId) {
    const checked = checkId(value.id, limits);
    if ('why' in checked) return invalid(null, checked.why);
  }
  if ('method' in value) {
    if (typeof value.method !== 'string' || value.method === '')
      return invalid(id, '"method" must be a non-empty string');
    if ('result' in value || 'error' in value)
      return invalid(id, 'a message cannot be a request and a response at once');
    const params = value.params;
    if (params !== undefined && !isObject(params) && !Array.isArray(params))
      return invalid(id, '"params" must be an object or an array');
    if (!hasId) return { kind: 'notification', index, method: value.method, params, raw: value };
    if (id === null) return invalid(null, 'a request id may not be null');
    return { kind: 'request', index, id, method: value.method, params, raw: value };
  }
  if (!hasId)
    return invalid(null, 'a message needs a "method" (request, notification) or an "id" (response)');
  if ('result' in value === 'error' in value)
    return invalid(id, 'a response carries exactly one of "result" and "error"');
  return { kind: 'response', index, id, raw: value };
}

/**
 * Reads a POST body of an MCP connection. Throws JsonRpcBodyError for a
 * body refused as a whole; a batch keeps its valid messages and marks the
 * others invalid (each gets its own error, as JSON-RPC 2.0 asks).
 */
export function parseJsonRpcBody(body: Buffer, limits: McpLimits): ParsedBody {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    refuse('jsonrpc_parse_error', PARSE_ERROR, 'the body is not UTF-8 text');
  }
  // One level for the batch array, the rest for the message: one scan at
  // the message's limit, a second only for a body past it.
  const pastMessageLimit = jsonTooDeep(text, limits.maxDepth);
  if (pastMessageLimit && jsonTooDeep(text, limits.maxDepth + 1))
    refuse('jsonrpc_too_deep', INVALID_REQUEST, `the body nests deeper than ${limits.maxDepth} levels`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    refuse('jsonrpc_parse_error', PARSE_ERROR, 'the body is not valid JSON');
  }
  if (!Array.isArray(value)) {
    if (pastMessageLimit)
      refuse('jsonrpc_too_deep', INVALID_REQUEST, `the message nests deeper than ${limits.maxDepth} levels`);
    const message = classify(value, 0, limits);
    if (message.kind === 'invalid') refuse(message.code, INVALID_REQUEST, message.message);
    return { batch: false, messages: [message] };
  }
  if (value.length === 0) refuse('jsonrpc_invalid_request', INVALID_REQUEST, 'an empty batch');
  if (value.length > limits.maxBatch)
    refuse(
      'jsonrpc_batch_too_large',
      INVALID_REQUEST,
      `the batch holds ${value.length} messages; at most ${limits.maxBatch} are accepted`,
    );
  const messages = value.map((item, i) => classify(item, i, limits));
  const seen = new Set<JsonRpcId>();
  for (const message of messages) {
    if (message.kind !== 'request') continue;
    if (seen.has(message.id))
      refuse(
        'jsonrpc_duplicate_id',
        INVALID_REQUEST,
        `the id ${JSON.stringify(message.id)} is used by two requests of the batch`,
      );
    seen.add(message.id);
  }
  return { batch: true, messages };
}

/** The `error` member of a JSON-RPC error answer. */
export interface JsonRpcErrorBody {
  code: number;
  message: string;
  data?: Record<string, unknown>;
}

export function jsonRpcError(id: JsonRpcId | null, error: JsonRpcErrorBody): JsonObject {
  return { jsonrpc: '2.0', id, error };
}

export function jsonRpcResult(id: JsonRpcId, result: unknown): JsonObject {
  return { jsonrpc: '2.0', id, result };
}

/** The answer to a body refused whole. */
export function refusalAnswer(refusal: BodyRefusal): JsonObject {
  return jsonRpcError(null, {
    code: refusal.jsonRpcCode,
    message: refusal.message,
    data: { error: refusal.code },
  });
}

/** Portcullis' own keys in a message's params: taken out before the upstream (or the policy) sees it. */
export interface OwnKeys {
  /** Keys of `params._meta`. */
  meta: readonly string[];
  /** Keys of `params.arguments` (an agent can only write those). */
  arguments: readonly string[];
}

function without(value: JsonObject, keys: readonly string[]): JsonObject | undefined {
  if (!keys.some((k) => Object.hasOwn(value, k))) return undefined;
  const kept = { ...value };
  for (const key of keys) delete kept[key];
  return kept;
}

/** A message as the upstream gets it: the same object when it holds none of `own`. */
export function messageForUpstream(raw: JsonObject, own: OwnKeys): JsonObject {
  const params = raw.params;
  if (!isObject(params)) return raw;
  const meta = isObject(params._meta) ? without(params._meta, own.meta) : undefined;
  const args = isObject(params.arguments) ? without(params.arguments, own.arguments) : undefined;
  if (!meta && !args) return raw;
  const out: JsonObject = { ...params };
  if (meta) {
    if (Object.keys(meta).length === 0) delete out._meta;
    else out._meta = meta;
  }
  if (args) out.arguments = args;
  return { ...raw, params: out };
}

/**
 * JSON with object keys sorted at every level: the same call written with
 * its arguments in another order has the same text (approvals bind to it).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
