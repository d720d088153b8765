import type { Logger } from 'pino';
import type { Decision } from '../decision/document.js';
import type { DecisionInput } from '../decision/input.js';
import { ProxyError } from '../errors.js';
import { maskValue } from '../mask/text-json.js';
import { mergeMasks } from '../respond.js';
import type { SseEvent } from '../sse/frame.js';
import type { EventVerdict } from '../sse/stream.js';
import { proxyErrorAnswer } from './errors.js';
import type { JsonObject, JsonRpcId } from './jsonrpc.js';
import { filterListing, LISTINGS, maskResult } from './results.js';

/** What the proxy does with the answer to one forwarded request. */
export interface MessagePlan {
  method: string;
  /** The request's decision input (for the listing questions and the response phase). */
  input: DecisionInput;
  decisionId: string;
  mask: Decision['mask'];
  /** Ask the policy again with the answer (`inspect_response`). */
  inspect: boolean;
}

/** The questions an answer may need, asked through the pipeline (fail mode included). */
export interface AnswerQuestions {
  /** The response-phase decision for one JSON-RPC answer. */
  responsePhase(plan: MessagePlan, answer: JsonObject): Promise<Decision>;
  /** Whether an item of a listing may be shown: would a call of it be allowed? */
  visible(plan: MessagePlan, call: JsonObject): Promise<boolean>;
}

const PASS: EventVerdict = { pass: true };

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isAnswer(message: JsonObject): boolean {
  return 'id' in message && ('result' in message || 'error' in message) && !('method' in message);
}

/**
 * The upstream's answers to the forwarded requests, each treated by its own
 * plan as it passes (found by id: ids are unique within what was sent):
 * the response-phase decision, the listing filter, the masks. Messages
 * that answer nothing sent (the server's notifications and requests) pass.
 * Whatever stays unanswered when the stream fails gets a JSON-RPC error.
 */
export class McpAnswers {
  constructor(
    private readonly plans: Map<JsonRpcId, MessagePlan>,
    private readonly questions: AnswerQuestions,
    private readonly replacement: string,
    private readonly log: Logger,
  ) {}

  /** The answer as the caller gets it (a JSON-RPC error when it cannot be inspected or masked). */
  async answer(message: unknown): Promise<unknown> {
    if (!isObject(message) || !isAnswer(message) || !this.plans.has(message.id as JsonRpcId)) return message;
    return this.settle(message);
  }

  /**
   * An answer to a request sent, treated by its plan: at once when only
   * masks apply, later when the policy is asked again (the response phase,
   * a listing's items).
   */
  private settle(message: JsonObject): JsonObject | Promise<JsonObject> {
    const id = message.id as JsonRpcId;
    const plan = this.plans.get(id)!;
    this.plans.delete(id);
    if ('error' in message) return message;
    const withheld = (err: unknown): JsonObject => {
      if (!(err instanceof ProxyError)) throw err;
      this.log.warn(
        { decision_id: plan.decisionId, code: err.code, reason: err.message },
        'MCP answer withheld',
      );
      return proxyErrorAnswer(id, err, plan.decisionId);
    };
    if (plan.inspect || LISTINGS[plan.method]) return this.treat(plan, message).catch(withheld);
    try {
      return this.masked(plan.method, message, message.result, plan.mask);
    } catch (err) {
      return withheld(err);
    }
  }

  private async treat(plan: MessagePlan, message: JsonObject): Promise<JsonObject> {
    let mask = plan.mask;
    if (plan.inspect) {
      const second = await this.questions.responsePhase(plan, message);
      if (!second.allow) throw new ProxyError('forbidden', undefined, { reasons: second.reasons });
      mask = mergeMasks(mask, second.mask);
    }
    let result = message.result;
    if (LISTINGS[plan.method]) {
      const filtered = await filterListing(plan.method, result, (call) => this.questions.visible(plan, call));
      result = filtered.result;
    }
    return this.masked(plan.method, message, result, mask);
  }

  /** The message with `result` masked (the same message when nothing changed). */
  private masked(method: string, message: JsonObject, result: unknown, mask: Decision['mask']): JsonObject {
    if (mask && (mask.fields.length > 0 || mask.detectors.length > 0)) {
      const replacement = mask.replacement ?? this.replacement;
      const plan = { fields: mask.fields, detectors: mask.detectors, replacement, literals: [] };
      result = maskResult(method, result, plan).result;
    }
    return result === message.result ? message : { ...message, result };
  }

  /**
   * The per-event handler of a streamed answer: each event's data is one
   * JSON-RPC message (read once: the event stage hands over its JSON when
   * it has read it).
   */
  onEvent = (event: SseEvent): EventVerdict | Promise<EventVerdict> => {
    if (this.plans.size === 0) return PASS;
    let message = event.json;
    if (message === undefined) {
      try {
        message = JSON.parse(event.data!);
      } catch {
        return PASS;
      }
    }
    if (!isObject(message)) return PASS;
    if (isAnswer(message)) {
      if (!this.plans.has(message.id as JsonRpcId)) return PASS;
      const sent = message;
      const verdict = (answer: JsonObject): EventVerdict =>
        answer === sent ? PASS : { data: JSON.stringify(answer) };
      const answer = this.settle(message);
      return answer instanceof Promise ? answer.then(verdict) : verdict(answer);
    }
    return this.serverMessage(message);
  };

  /**
   * A message the server sends on the stream of the calls it is working on
   * (progress, log messages, sampling requests): it carries their data too,
   * so it gets the masks of the calls still open, on its params. One that
   * cannot be masked is not sent.
   */
  private serverMessage(message: JsonObject): EventVerdict {
    if (typeof message.method !== 'string' || !isObject(message.params)) return PASS;
    let mask: Decision['mask'] = null;
    for (const plan of this.plans.values()) mask = mergeMasks(mask, plan.mask);
    if (!mask || (mask.fields.length === 0 && mask.detectors.length === 0)) return PASS;
    const replacement = mask.replacement ?? this.replacement;
    try {
      const masked = maskValue(message.params, { ...mask, replacement, literals: [] });
      if (masked.count === 0) return PASS;
      return { data: JSON.stringify({ ...message, params: masked.value }) };
    } catch (err) {
      if (!(err instanceof ProxyError)) throw err;
      this.log.warn({ code: err.code, method: message.method }, 'MCP server message withheld');
      return { drop: true };
    }
  }

  /** The ids still waiting for an answer. */
  get open(): JsonRpcId[] {
    return [...this.plans.keys()];
  }

  /** The refusal as the answer of each request still unanswered. */
  failureAnswers(err: ProxyError): JsonObject[] {
    return this.open.map((id) => proxyErrorAnswer(id, err, this.plans.get(id)?.decisionId));
  }

  /** The errors ending a failed stream: one per request still unanswered. */
  failureEvents = (err: ProxyError): SseEvent[] =>
    this.failureAnswers(err).map((answer) => ({ event: 'message', data: JSON.stringify(answer) }));
}
