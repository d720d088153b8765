import type { Decision } from '../decision/document.js';
import { ProxyError } from '../errors.js';
import { maskTextOrJson } from '../mask/text-json.js';
import { mergeMasks } from '../respond.js';
import type { EventVerdict } from './stream.js';
import type { SseEvent } from './frame.js';

/**
 * What a plain HTTP connection's decision asks of an event stream (an LLM
 * API streaming its answer): the decision's masks on each event's data and,
 * with `inspect_response`, a response-phase decision per event.
 */
export interface HttpEventPlan {
  /** The request-phase decision's masks. */
  mask: Decision['mask'];
  /** Replacement when the decision names none. */
  replacement: string;
  /** The response-phase decision for one event's data (set when the decision inspects responses). */
  inspect?: (data: string) => Promise<Decision>;
}

type Handler = (event: SseEvent) => EventVerdict | Promise<EventVerdict>;

function masked(data: string, mask: Decision['mask'], replacement: string): EventVerdict {
  if (!mask || (mask.fields.length === 0 && mask.detectors.length === 0)) return { pass: true };
  const plan = {
    fields: mask.fields,
    detectors: mask.detectors,
    replacement: mask.replacement ?? replacement,
    literals: [],
  };
  // Field paths reach the events whose data is JSON; the others (`[DONE]`) get the detectors.
  const result = maskTextOrJson(data, plan);
  return result.count === 0 ? { pass: true } : { data: result.text };
}

/** The per-event handler, or undefined when the decision asks nothing of the events. */
export function httpEventHandler(plan: HttpEventPlan): Handler | undefined {
  const { mask, replacement, inspect } = plan;
  if (!inspect) {
    if (!mask || (mask.fields.length === 0 && mask.detectors.length === 0)) return undefined;
    return (event) => masked(event.data!, mask, replacement);
  }
  return async (event) => {
    const decision = await inspect(event.data!);
    if (!decision.allow)
      return { fail: new ProxyError('forbidden', undefined, { reasons: decision.reasons }) };
    return masked(event.data!, mergeMasks(mask, decision.mask), replacement);
  };
}
