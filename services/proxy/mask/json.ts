import type { TextMasker } from './detectors.js';
import { pathMatches, type FieldPath, type PathKey } from './field-paths.js';

export interface JsonMaskResult {
  value: unknown;
  count: number;
}

/**
 * Masks a parsed JSON value, keeping its shape: every scalar under a
 * matching field path becomes the replacement (null stays null), then every
 * string (and number) is run through the detectors. Object keys are kept.
 */
export function maskJson(
  value: unknown,
  fields: readonly FieldPath[],
  text: TextMasker,
  replacement: string,
): JsonMaskResult {
  let count = 0;
  const path: PathKey[] = [];

  const visit = (node: unknown, masked: boolean): unknown => {
    const hit = masked || (fields.length > 0 && fields.some((f) => pathMatches(f, path)));
    if (Array.isArray(node)) {
      return node.map((item, i) => {
        path.push(i);
        const out = visit(item, hit);
        path.pop();
        return out;
      });
    }
    if (node !== null && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(node)) {
        path.push(key);
        out[key] = visit(item, hit);
        path.pop();
      }
      return out;
    }
    if (node === null) return null;
    if (hit) {
      count++;
      return replacement;
    }
    if (typeof node === 'string') {
      const result = text.mask(node);
      count += result.count;
      return result.text;
    }
    if (typeof node === 'number') {
      const result = text.mask(String(node));
      if (result.count === 0) return node;
      count += result.count;
      return result.text;
    }
    return node;
  };

  return { value: visit(value, false), count };
}
