import { createHash } from 'node:crypto';

/** The parts of a request an approval is bound to. */
export interface RequestIdentity {
  connection: string;
  subject: string;
  method: string;
  /** The normalised path the policy saw. */
  path: string;
  query: Record<string, string[]>;
  body: Buffer;
}

/**
 * SHA-256 (hex) over connection, subject, method, path, query (keys sorted,
 * values in order) and the body's own SHA-256: a reviewer approves exactly
 * what they saw, so any other request, or the same one by someone else,
 * has another digest.
 */
export function requestDigest(request: RequestIdentity): string {
  const query = Object.keys(request.query)
    .sort()
    .map((key) => [key, request.query[key]]);
  const body = createHash('sha256').update(request.body).digest('hex');
  const canonical = JSON.stringify([
    request.connection,
    request.subject,
    request.method.toUpperCase(),
    request.path,
    query,
    body,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
