/** Content type OPA's bundle servers answer with; a client keeps long polling only when it sees it. */
export const BUNDLE_CONTENT_TYPE = 'application/vnd.openpolicyagent.bundles';

/** Parses the `wait=N` preference of a `Prefer` header (seconds), or undefined. */
export function preferredWaitSeconds(prefer: string | undefined): number | undefined {
  if (!prefer) return undefined;
  const match = /(?:^|[;,\s])wait=(\d+)/.exec(prefer);
  return match ? Number(match[1]) : undefined;
}
