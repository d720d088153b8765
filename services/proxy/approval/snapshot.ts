import type { RequestView } from '../../approvals/types.js';
import type { Decision } from '../decision/document.js';
import type { DecisionInput } from '../decision/input.js';
import { maskBody } from '../mask/body.js';
import { textMasker, type DetectorName } from '../mask/detectors.js';

/** Secrets are masked in what reviewers see even when the decision masks nothing. */
const SECRET_DETECTORS: DetectorName[] = ['aws_key', 'private_key', 'jwt', 'bearer_token'];
/** The body excerpt reviewers see, in characters. */
const EXCERPT_CHARS = 4096;

/**
 * The request as reviewers see it (API, Slack, email), masked as the audit
 * trail shows it: the decision's field paths and detectors, plus secret
 * detectors always; headers without credentials (as in the decision
 * input); the body cut to an excerpt. A body that cannot be masked is
 * described, never shown.
 */
export function requestView(input: DecisionInput, body: Buffer, decision: Decision): RequestView {
  const mask = decision.mask;
  const replacement = mask?.replacement ?? '[MASKED]';
  const detectors = [...new Set([...(mask?.detectors ?? []), ...SECRET_DETECTORS])];
  const text = textMasker(detectors, [], replacement);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.request.headers)) headers[name] = text.mask(value).text;
  const query: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(input.request.query))
    query[name] = values.map((v) => text.mask(v).text);
  let excerpt = '';
  if (body.length > 0) {
    try {
      const masked = maskBody(body, input.request.content_type, {
        fields: mask?.fields ?? [],
        detectors,
        replacement,
        literals: [],
      });
      excerpt = masked.body.toString('utf8');
    } catch {
      excerpt = `[${input.request.content_type ?? 'unknown type'} body of ${body.length} bytes, not shown: it cannot be masked]`;
    }
  }
  return {
    method: input.request.method,
    path: input.request.path,
    query,
    headers,
    body: {
      size: body.length,
      content_type: input.request.content_type,
      excerpt: excerpt.slice(0, EXCERPT_CHARS),
      truncated: excerpt.length > EXCERPT_CHARS,
    },
  };
}
