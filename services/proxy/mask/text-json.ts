import { jsonTooDeep, MAX_BODY_DEPTH, valueTooDeep } from '../../common/json-depth.js';
import { ProxyError } from '../errors.js';
import { compilePlan, type MaskPlan } from './body.js';
import { maskJson } from './json.js';

/**
 * Masking inside values that are not a whole HTTP body: the data of one
 * server-sent event, the text of an MCP tool result (which often holds the
 * result as JSON). Field paths apply to JSON found in the text; detectors
 * to every string. Unlike a whole HTTP body, text that is not JSON is not
 * refused when field paths are asked for: an event stream and a tool
 * answer mix JSON and prose by design (docs/MCP.md says so to policy
 * authors).
 */

function looksLikeJson(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    return c === 0x7b || c === 0x5b;
  }
  return false;
}

/**
 * Masks a text that may be JSON (an object or an array); the new text and
 * how many values were masked. Field paths reach JSON only: other text
 * gets the detectors (an event stream's `[DONE]`, a tool's prose answer).
 */
export function maskTextOrJson(text: string, plan: MaskPlan): { text: string; count: number } {
  const compiled = compilePlan(plan);
  if (looksLikeJson(text)) {
    if (jsonTooDeep(text, MAX_BODY_DEPTH))
      throw new ProxyError('response_not_maskable', `JSON nests deeper than ${MAX_BODY_DEPTH} levels`);
    let value: unknown;
    let parsed = true;
    try {
      value = JSON.parse(text);
    } catch {
      parsed = false;
    }
    if (parsed) {
      const result = maskJson(value, compiled.fields, compiled.text, plan.replacement);
      return { text: JSON.stringify(result.value), count: result.count };
    }
  }
  return compiled.text.mask(text);
}

/** Masks a value already parsed (an MCP result's structured content); refused when too deep to walk. */
export function maskValue(value: unknown, plan: MaskPlan): { value: unknown; count: number } {
  if (valueTooDeep(value, MAX_BODY_DEPTH))
    throw new ProxyError('response_not_maskable', `JSON nests deeper than ${MAX_BODY_DEPTH} levels`);
  const compiled = compilePlan(plan);
  return maskJson(value, compiled.fields, compiled.text, plan.replacement);
}
