import { isDraining } from './shutdown.js';

/** One readiness condition: `true` when met, else why not. */
export type ReadinessCheck = () => true | string | Promise<true | string>;

export interface ReadinessAnswer {
  status: 200 | 503;
  body: { status: 'ready' | 'not ready' | 'draining'; checks: Record<string, string> };
}

/** A check that has not answered in this time counts as failed (a probe must never hang). */
export const READINESS_CHECK_TIMEOUT_MS = 2000;

async function run(check: ReadinessCheck): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(
      () => resolve(`no answer within ${READINESS_CHECK_TIMEOUT_MS} ms`),
      READINESS_CHECK_TIMEOUT_MS,
    );
  });
  try {
    const result = await Promise.race([Promise.resolve().then(check), late]);
    return result === true ? 'ok' : result;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /health/ready`: 200 when every check passes, 503 naming the failing
 * ones, and 503 `draining` once shutdown has begun (so a load balancer stops
 * sending while the requests in flight finish). `/health` stays liveness:
 * the process answers.
 */
export async function readiness(checks: Record<string, ReadinessCheck> = {}): Promise<ReadinessAnswer> {
  const names = Object.keys(checks);
  const results = await Promise.all(names.map((name) => run(checks[name])));
  const answers = Object.fromEntries(names.map((name, i) => [name, results[i]]));
  if (isDraining()) return { status: 503, body: { status: 'draining', checks: answers } };
  const ready = results.every((r) => r === 'ok');
  return { status: ready ? 200 : 503, body: { status: ready ? 'ready' : 'not ready', checks: answers } };
}

/** Whether a request asks for readiness: `GET`/`HEAD /health/ready` (any query, optional trailing slash). */
export function isReadinessPath(method: string | undefined, url: string | undefined): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const raw = url ?? '';
  const end = raw.indexOf('?');
  const path = (end < 0 ? raw : raw.slice(0, end)).toLowerCase();
  return path === '/health/ready' || path === '/health/ready/';
}
