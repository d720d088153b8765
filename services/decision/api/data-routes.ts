import express, { Router, type Request, type Response } from 'express';
import type { ServiceContext } from './context.js';
import { decide, type DecisionOutcome } from './decide.js';
import { ApiError, invalidParameter } from './errors.js';
import { boolParam, deadlineOf, parseJsonBody, pathSegments } from './query-params.js';

export const SERVICE_VERSION = '0.1.0';

function send(req: Request, res: Response, status: number, body: unknown): void {
  const text = boolParam(req, 'pretty') ? JSON.stringify(body, null, 2) : JSON.stringify(body);
  res.status(status).type('application/json').send(text);
}

function v1Body(req: Request, outcome: DecisionOutcome, warning?: { code: string; message: string }): object {
  const body: Record<string, unknown> = { decision_id: outcome.decisionId };
  if (boolParam(req, 'provenance')) {
    body.provenance = { version: SERVICE_VERSION, bundles: outcome.bundles };
  }
  if (boolParam(req, 'metrics')) body.metrics = outcome.metrics;
  if (outcome.defined) body.result = outcome.result;
  if (warning) body.warning = warning;
  return body;
}

function inputFromQuery(req: Request): unknown {
  const raw = req.query.input;
  if (raw === undefined) return undefined;
  const text = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  try {
    return JSON.parse(String(text));
  } catch (err) {
    throw invalidParameter(`input parameter contains malformed JSON: ${(err as Error).message}`);
  }
}

/** OPA's data API: `/v1/data/{path}` (GET and POST), `/v0/data/{path}` and the default decision `POST /`. */
export function dataRoutes(ctx: ServiceContext): Router {
  const router = Router();
  const body = express.raw({ type: () => true, limit: ctx.maxInputBytes });

  router.get('/v1/data{/*path}', async (req, res) => {
    const outcome = await decide(ctx, req, {
      handler: 'GET /v1/data',
      path: pathSegments(req),
      input: inputFromQuery(req),
      strictBuiltinErrors: boolParam(req, 'strict-builtin-errors'),
      deadlineMs: deadlineOf(req),
    });
    send(req, res, 200, v1Body(req, outcome));
  });

  router.post('/v1/data{/*path}', body, async (req, res) => {
    const parsed = parseJsonBody(req.body);
    let input: unknown;
    let warning: { code: string; message: string } | undefined;
    if (!parsed.empty) {
      const value = parsed.value;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw invalidParameter('body must be a JSON object with an "input" key');
      }
      input = (value as { input?: unknown }).input;
    }
    if (input === undefined) {
      warning = { code: 'api_usage_warning', message: "'input' key missing from the request" };
    }
    const outcome = await decide(ctx, req, {
      handler: 'POST /v1/data',
      path: pathSegments(req),
      input,
      strictBuiltinErrors: boolParam(req, 'strict-builtin-errors'),
      deadlineMs: deadlineOf(req),
    });
    send(req, res, 200, v1Body(req, outcome, warning));
  });

  const bare =
    (handler: string, pathOf: (req: Request) => string[]) => async (req: Request, res: Response) => {
      const parsed = parseJsonBody(req.body);
      const path = pathOf(req);
      const outcome = await decide(ctx, req, {
        handler,
        path,
        input: parsed.empty ? undefined : parsed.value,
        strictBuiltinErrors: boolParam(req, 'strict-builtin-errors'),
        deadlineMs: deadlineOf(req),
      });
      if (!outcome.defined) {
        throw new ApiError(
          'undefined_document',
          `document missing or undefined: data/${path.join('/')}`,
          404,
        );
      }
      send(req, res, 200, outcome.result);
    };

  router.post(
    '/v0/data{/*path}',
    body,
    bare('POST /v0/data', (req) => pathSegments(req)),
  );
  router.post(
    '/',
    body,
    bare('POST /', () => ctx.defaultDecision.split('/').filter(Boolean)),
  );
  return router;
}
