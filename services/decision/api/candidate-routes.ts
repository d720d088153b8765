import type { CandidateAnswer } from '../candidates/candidate.js';
import type { Generation } from '../eval/generation.js';
import { CandidateError } from '../candidates/errors.js';
import type { ServiceContext } from './context.js';
import { invalidParameter } from './errors.js';
import { readBody, segmentsAfter, sendJson, type Exchange } from './exchange.js';

/** Largest candidate bundle accepted (compressed). */
const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;
/** Largest evaluate body (a chunk of recorded inputs). */
const MAX_EVALUATE_BYTES = 32 * 1024 * 1024;
/** Most decisions one evaluate call may carry. */
export const MAX_EVALUATE_DECISIONS = 2000;

const PREFIX = '/v1/candidates';

function candidatesOf(ctx: ServiceContext, ex: Exchange) {
  const candidates = ctx.candidates;
  if (!candidates)
    throw new CandidateError(
      'candidates_disabled',
      'this decision service has no replay token (replay.token)',
    );
  candidates.authorize(ex.headers.authorization);
  return candidates;
}

/**
 * `POST /v1/candidates` (body: a bundle .tar.gz) loads a candidate bundle
 * beside the live ones and answers `{id, revision, entrypoints}`;
 * `POST /v1/candidates/{id}/evaluate` with `{decisions: [{path, input}]}`
 * answers `{results: [{defined, result} | {defined: false} | {error}]}` in
 * order, evaluated in the live pool at background priority; with
 * `"baseline": "live"` also `live`, the live bundles' answers to the same
 * inputs (what the candidate is compared with). Portcullis'
 * own API for replays (OPA has none), behind `Authorization: Bearer <replay.token>`.
 */
export async function postCandidates(ctx: ServiceContext, ex: Exchange): Promise<void> {
  const candidates = candidatesOf(ctx, ex);
  const segments = segmentsAfter(ex.pathname, PREFIX);
  if (segments.length === 0) {
    const bytes = await readBody(ex.req, MAX_BUNDLE_BYTES);
    const candidate = await candidates.add(bytes);
    sendJson(ex.res, 201, {
      id: candidate.id,
      revision: candidate.revision,
      entrypoints: candidate.entrypointNames(),
    });
    return;
  }
  if (segments.length !== 2 || segments[1] !== 'evaluate') {
    ex.req.resume();
    throw invalidParameter('use POST /v1/candidates or POST /v1/candidates/{id}/evaluate');
  }
  const candidate = candidates.get(segments[0]);
  const text = (await readBody(ex.req, MAX_EVALUATE_BYTES)).toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalidParameter('the body must be JSON: {"decisions": [{"path": "...", "input": ...}]}');
  }
  const decisions = (body as { decisions?: unknown } | null)?.decisions;
  const withLive = (body as { baseline?: unknown }).baseline === 'live';
  if (!Array.isArray(decisions) || decisions.length > MAX_EVALUATE_DECISIONS)
    throw invalidParameter(`decisions: an array of at most ${MAX_EVALUATE_DECISIONS}`);
  const generation = ctx.registry.current;
  const queries = decisions.map((d: unknown) => {
    const { path, input } = (d ?? {}) as { path?: unknown; input?: unknown };
    if (typeof path !== 'string' || path === '') return undefined;
    return {
      path: path.split('/').filter((p) => p !== ''),
      inputJson: input === undefined ? undefined : JSON.stringify(input),
    };
  });
  const invalid: CandidateAnswer = { error: { code: 'invalid_parameter', message: 'path: a data path' } };
  const [results, live] = await Promise.all([
    Promise.all(queries.map((q) => (q ? candidate.evaluate(generation, q) : Promise.resolve(invalid)))),
    withLive
      ? Promise.all(queries.map((q) => (q ? liveAnswer(generation, q) : Promise.resolve(invalid))))
      : undefined,
  ]);
  sendJson(ex.res, 200, live ? { results, live } : { results });
}

/** The live bundles' answer to a candidate's query, as background work. */
async function liveAnswer(
  generation: Generation,
  query: { path: string[]; inputJson?: string },
): Promise<CandidateAnswer> {
  try {
    const answer = await generation.query(query.path, { inputJson: query.inputJson, background: true });
    return answer.defined ? { defined: true, result: answer.result } : { defined: false };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    return {
      error: {
        code: typeof code === 'string' ? code : 'evaluation_error',
        message: err instanceof Error ? err.message : String(err),
      },
    };
  }
}

/** `DELETE /v1/candidates/{id}`: unloads a candidate. */
export async function deleteCandidate(ctx: ServiceContext, ex: Exchange): Promise<void> {
  const candidates = candidatesOf(ctx, ex);
  const segments = segmentsAfter(ex.pathname, PREFIX);
  if (segments.length !== 1) throw invalidParameter('use DELETE /v1/candidates/{id}');
  if (!(await candidates.remove(segments[0])))
    throw new CandidateError(
      'candidate_not_found',
      `no candidate ${JSON.stringify(segments[0].slice(0, 80))}`,
    );
  ex.res.writeHead(204).end();
}
