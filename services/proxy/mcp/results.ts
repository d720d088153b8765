import type { MaskPlan } from '../mask/body.js';
import { maskTextOrJson, maskValue } from '../mask/text-json.js';
import type { JsonObject } from './jsonrpc.js';

/**
 * A decision's masks applied to an MCP result, where the data is: a tool
 * result's `structuredContent` (field paths from its root) and its text
 * content (JSON found in the text is masked field by field, from its root;
 * other text gets the detectors); resources/read contents; prompts/get
 * messages. Any other
 * method's result is masked whole, field paths from the result's root.
 */

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A content block (text, or an embedded resource's text); images and audio pass. */
function maskContent(block: unknown, plan: MaskPlan, count: { n: number }): unknown {
  if (!isObject(block)) return block;
  if (block.type === 'text' && typeof block.text === 'string') {
    const result = maskTextOrJson(block.text, plan);
    count.n += result.count;
    return result.count === 0 ? block : { ...block, text: result.text };
  }
  if (block.type === 'resource' && isObject(block.resource)) {
    const resource = maskResourceContents(block.resource, plan, count);
    return resource === block.resource ? block : { ...block, resource };
  }
  return block;
}

function maskResourceContents(contents: JsonObject, plan: MaskPlan, count: { n: number }): JsonObject {
  if (typeof contents.text !== 'string') return contents;
  const result = maskTextOrJson(contents.text, plan);
  count.n += result.count;
  return result.count === 0 ? contents : { ...contents, text: result.text };
}

function mapArray(value: unknown, each: (item: unknown) => unknown): unknown {
  return Array.isArray(value) ? value.map(each) : value;
}

/** The result masked, and how many values were. Throws response_not_maskable. */
export function maskResult(
  method: string,
  result: unknown,
  plan: MaskPlan,
): { result: unknown; count: number } {
  const count = { n: 0 };
  if (!isObject(result)) {
    const masked = maskValue(result, plan);
    return { result: masked.value, count: masked.count };
  }
  const out: JsonObject = { ...result };
  switch (method) {
    case 'tools/call': {
      if ('structuredContent' in result) {
        const masked = maskValue(result.structuredContent, plan);
        out.structuredContent = masked.value;
        count.n += masked.count;
      }
      out.content = mapArray(result.content, (block) => maskContent(block, plan, count));
      break;
    }
    case 'resources/read':
      out.contents = mapArray(result.contents, (item) =>
        isObject(item) ? maskResourceContents(item, plan, count) : item,
      );
      break;
    case 'prompts/get':
      out.messages = mapArray(result.messages, (message) =>
        isObject(message) ? { ...message, content: maskContent(message.content, plan, count) } : message,
      );
      break;
    default: {
      const masked = maskValue(result, plan);
      return { result: masked.value, count: masked.count };
    }
  }
  return { result: out, count: count.n };
}

/** The listing methods whose answers are filtered, and the call each listed item stands for. */
export const LISTINGS: Record<string, { key: string; call: (item: JsonObject) => JsonObject | null }> = {
  'tools/list': {
    key: 'tools',
    call: (item) =>
      typeof item.name === 'string' ? { method: 'tools/call', params: { name: item.name } } : null,
  },
  'prompts/list': {
    key: 'prompts',
    call: (item) =>
      typeof item.name === 'string' ? { method: 'prompts/get', params: { name: item.name } } : null,
  },
  'resources/list': {
    key: 'resources',
    call: (item) =>
      typeof item.uri === 'string' ? { method: 'resources/read', params: { uri: item.uri } } : null,
  },
};

/**
 * A listing's result keeping only the items `visible` allows (asked all at
 * once). An item that names nothing callable is dropped.
 */
export async function filterListing(
  method: string,
  result: unknown,
  visible: (call: JsonObject) => Promise<boolean>,
): Promise<{ result: unknown; hidden: number }> {
  const listing = LISTINGS[method];
  if (!listing || !isObject(result) || !Array.isArray(result[listing.key])) return { result, hidden: 0 };
  const items = result[listing.key] as unknown[];
  const shown = await Promise.all(
    items.map(async (item) => {
      if (!isObject(item)) return false;
      const call = listing.call(item);
      return call !== null && (await visible(call));
    }),
  );
  const kept = items.filter((_, i) => shown[i]);
  return { result: { ...result, [listing.key]: kept }, hidden: items.length - kept.length };
}
