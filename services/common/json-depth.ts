/**
 * How deep JSON may nest where Portcullis parses it from outside: request
 * bodies and `input` at the decision service, request bodies and responses
 * to mask or inspect at the proxy. JSON.parse copes with any depth, but
 * what walks the value afterwards (JSON.stringify, masking, decision-log
 * masking, the policy's own JSON reader) recurses and runs out of stack a
 * few thousand levels down. No API or policy input needs more than a few
 * dozen. docs/ERRORS.md: `json_too_deep`.
 */
export const MAX_JSON_DEPTH = 512;

/**
 * The proxy's limit for request and response bodies: the decision input
 * holds them a few levels down (`input.request.body`,
 * `input.response.body`), and the whole input must stay within
 * MAX_JSON_DEPTH at the decision service.
 */
export const MAX_BODY_DEPTH = MAX_JSON_DEPTH - 8;

/**
 * True when JSON text nests arrays and objects deeper than `limit`, counted
 * without parsing (brackets inside strings are skipped). Text that is not
 * JSON gives an answer too; the parser refuses it on its own.
 */
export function jsonTooDeep(text: string, limit = MAX_JSON_DEPTH): boolean {
  // Every level opens with a bracket: shorter text cannot nest deeper.
  if (text.length <= limit) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string: to the next quote not escaped by a backslash.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

/** The depth of a value already parsed (arrays and objects), stopping once past `limit`. */
export function valueTooDeep(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  // An explicit stack: the point is not to recurse on hostile values.
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}
