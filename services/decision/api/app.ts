import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServiceContext } from './context.js';
import { postBatchData } from './batch-route.js';
import { getV1Data, postDefaultDecision, postV0Data, postV1Data } from './data-routes.js';
import { exchangeOf, sendJson, type Exchange } from './exchange.js';
import { ApiError, toApiError } from './errors.js';
import { getHealth, getMetrics, getReady, getStatus } from './system-routes.js';
import { deleteCandidate, postCandidates } from './candidate-routes.js';
import { requestLine } from './request-log.js';

type Handler = (ctx: ServiceContext, ex: Exchange) => void | Promise<void>;

interface Route {
  /** Metrics label, e.g. "POST /v1/data". */
  name: string;
  handler: Handler;
}

/** Routes by method for one path shape. */
type Methods = Partial<Record<'GET' | 'POST' | 'DELETE', Handler>>;

const EXACT: Record<string, Methods> = {
  '/health': { GET: getHealth },
  '/health/ready': { GET: getReady },
  '/v1/status': { GET: getStatus },
  '/metrics': { GET: getMetrics },
  '/': { POST: postDefaultDecision },
};

const PREFIXED: [prefix: string, methods: Methods][] = [
  ['/v1/data', { GET: getV1Data, POST: postV1Data }],
  ['/v1/batch/data', { POST: postBatchData }],
  ['/v0/data', { POST: postV0Data }],
  ['/v1/candidates', { POST: postCandidates, DELETE: deleteCandidate }],
];

function underPrefix(pathname: string, prefix: string): boolean {
  return (
    pathname.startsWith(prefix) && (pathname.length === prefix.length || pathname[prefix.length] === '/')
  );
}

interface NoRoute {
  error: ApiError;
  /** The methods the path does answer, for a 405's Allow header. */
  allow?: string[];
}

/** The route for a request, or why there is none (404 unknown path, 405 wrong method). */
function route(method: string, pathname: string): Route | NoRoute {
  const trimmed = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  let shape = trimmed;
  let methods = EXACT[trimmed];
  if (!methods) {
    const prefixed = PREFIXED.find(([prefix]) => underPrefix(pathname, prefix));
    if (prefixed) [shape, methods] = prefixed;
  }
  if (!methods)
    return { error: new ApiError('resource_not_found', `no route for ${method} ${pathname}`, 404) };
  const verb = method === 'HEAD' ? 'GET' : method;
  const handler = methods[verb as keyof Methods];
  if (!handler) {
    const allow = Object.keys(methods);
    const message = `${method} is not allowed on ${shape}; use ${allow.join(' or ')}`;
    return { error: new ApiError('method_not_allowed', message, 405), allow };
  }
  return { name: `${verb} ${shape}`, handler };
}

function answerError(res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const apiError = toApiError(err);
  // A refused body may still be arriving: end the connection rather than read it all.
  if (apiError.status === 413) res.setHeader('connection', 'close');
  sendJson(res, apiError.status, { code: apiError.code, message: apiError.message });
}

/**
 * The decision service's request handler on plain node:http: OPA's REST
 * API plus health, status and metrics. Express's router and body parser
 * cost more than a decision, so the few routes are matched here directly.
 */
export function createApiHandler(ctx: ServiceContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = process.hrtime.bigint();
    const logLine = requestLine(ctx.logger, req, res, performance.now());
    const ex = exchangeOf(req, res);
    const found = route(ex.method, ex.pathname);
    const name = 'error' in found ? `${ex.method} other` : found.name;
    const record = (): void => {
      ctx.metrics.requests.inc({ handler: name, code: String(res.statusCode) });
      ctx.metrics.requestSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9, { handler: name });
      logLine();
    };
    const fail = (err: unknown): void => {
      answerError(res, err);
      record();
    };
    if ('error' in found) {
      req.resume();
      if (found.allow) res.setHeader('allow', found.allow.join(', '));
      return fail(found.error);
    }
    try {
      const done = found.handler(ctx, ex);
      if (done) done.then(record, fail);
      else record();
    } catch (err) {
      fail(err);
    }
  };
}
