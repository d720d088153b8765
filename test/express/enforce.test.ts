import express, { type Express, type Router } from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { openApprovals, type OpenedApprovals } from '../../services/approvals/connect.js';
import { approvalStoreConfigSchema } from '../../services/approvals/config.js';
import { listen } from '../../services/common/http.js';
import { startDecisionService, type RunningDecisionService } from '../../services/decision/index.js';
import { enforce, EnforceConfigError, type EnforceMiddleware } from '../../services/express/index.js';
import type { EnforceOptions } from '../../services/express/options.js';
import { hashApiKey } from '../../services/proxy/identity/api-keys.js';
import { startProxy } from '../../services/proxy/index.js';
import { gatewayBundle } from '../approvals/support/stack.js';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';

/**
 * `enforce()` in front of an Express app's own routes, against the real
 * decision service running the compiled gateway policy (policies/gateway:
 * the crm connection; engineers may read and create customers, deletes are
 * blocked, answers are masked and inspected, creating a customer needs a
 * CRM owner's approval), approvals on the real Redis.
 */

const DEV_KEY = 'pc_express_dev_' + 'd'.repeat(20);
const SUPPORT_KEY = 'pc_express_support_' + 's'.repeat(20);
const identity = {
  apiKeys: [
    { id: 'dev', sha256: hashApiKey(DEV_KEY), subject: 'dana', groups: ['engineers'] },
    { id: 'support', sha256: hashApiKey(SUPPORT_KEY), subject: 'sam', groups: ['support'] },
  ],
};
const CUSTOMERS = [
  { id: 1, name: 'Ada', email: 'ada@example.com', ssn: '123-45-6789', plan: 'pro' },
  { id: 2, name: 'Alan', email: 'alan@example.com', ssn: '987-65-4321', plan: 'free' },
];
const quiet = pino({ level: 'silent' });

/** What a route saw of the request. */
interface Seen {
  path: string;
  headers: Record<string, unknown>;
  body: unknown;
  sub?: string;
  decisionId?: string;
  credential?: string;
}

/** The crm routes; the same handlers serve the app behind enforce() and the proxy's upstream. */
function crmRoutes(seen: Seen[]): Router {
  const router = express.Router();
  router.use(express.json());
  const note = (req: express.Request) =>
    seen.push({
      path: req.path,
      headers: { ...req.headers },
      body: req.body as unknown,
      sub: req.portcullis?.identity.sub,
      decisionId: req.portcullis?.decisionId,
      credential: req.portcullis?.credential?.value,
    });
  router.get('/customers', (req, res) => {
    note(req);
    res.json(CUSTOMERS);
  });
  router.get('/customers/export', (req, res) => {
    note(req);
    // More rows than the crm connection allows (max_response_rows: 100).
    res.json(Array.from({ length: 101 }, (_, id) => ({ id, plan: 'free' })));
  });
  router.get('/customers/echo', (req, res) => {
    note(req);
    // Streams its answer in pieces, the app's own secret among them.
    res.status(200).type('application/json');
    res.write('{"token": "');
    res.write(process.env.PC_EXPRESS_SECRET ?? '');
    res.end('", "bye": true}');
  });
  router.post('/customers', (req, res) => {
    note(req);
    res.status(201).json({ id: 3, ...(req.body as object) });
  });
  router.delete('/customers/:id', (req, res) => {
    note(req);
    res.status(204).end();
  });
  return router;
}

describe('enforce() in front of an Express app', () => {
  const prefix = uniquePrefix('express-enforce');
  const secretEnv = 'PC_EXPRESS_SECRET';
  let decision: RunningDecisionService;
  let store: OpenedApprovals;
  const middlewares: EnforceMiddleware[] = [];
  const closers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    process.env[secretEnv] = 'app-secret-' + 'x'.repeat(24);
    decision = await startDecisionService({
      bundles: [await gatewayBundle()],
      port: 0,
      workers: 1,
      logger: quiet,
    });
    const settings = approvalStoreConfigSchema.parse({ redisUrl: testRedisUrl(), prefix });
    store = openApprovals({ redisUrl: testRedisUrl(), prefix, settings });
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(middlewares.map((m) => m.close()));
    for (const close of closers) await close();
    await store?.close();
    await decision?.close();
    await deleteKeys(prefix);
    delete process.env[secretEnv];
  });

  async function appWith(
    options: Partial<EnforceOptions> = {},
  ): Promise<{ app: Express; seen: Seen[]; mw: EnforceMiddleware }> {
    const mw = enforce({
      decisionUrl: decision.url,
      identity,
      connection: { name: 'crm' },
      logger: quiet,
      ...options,
    });
    middlewares.push(mw);
    await mw.ready();
    const seen: Seen[] = [];
    const app = express();
    app.use('/crm', mw, crmRoutes(seen));
    return { app, seen, mw };
  }

  it('refuses a caller without credentials (401) before any route runs', async () => {
    const { app, seen } = await appWith();
    const res = await request(app).get('/crm/customers');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'unauthenticated' });
    expect(res.headers['www-authenticate']).toBeDefined();
    expect(res.headers['x-request-id']).toMatch(/./);
    expect(seen).toEqual([]);
  });

  it('runs an allowed request with the decision applied: masked answer, header changes, no caller credential', async () => {
    const { app, seen } = await appWith();
    const res = await request(app).get('/crm/customers').set('x-api-key', DEV_KEY).set('x-request-id', 'r-1');
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe('r-1');
    const decisionId = res.headers['x-portcullis-decision-id'];
    expect(decisionId).toMatch(/./);
    // inspect_response on crm: a response-phase decision of its own.
    expect(res.headers['x-portcullis-response-decision-id']).toMatch(/./);
    expect(res.headers.etag).toBeUndefined();
    const body = res.body as Array<Record<string, unknown>>;
    expect(body.map((c) => c.name)).toEqual(['Ada', 'Alan']);
    for (const customer of body) {
      expect(customer.ssn).toBe('[MASKED]');
      expect(customer.email).not.toContain('@example.com');
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ path: '/customers', sub: 'dana', decisionId });
    // The policy's header change reaches the route; the caller's API key does not.
    expect(seen[0].headers['x-gateway-roles']).toBe('developer');
    expect(seen[0].headers['x-api-key']).toBeUndefined();
  });

  it('refuses what the policy denies (403 with reasons) and never runs the route', async () => {
    const { app, seen } = await appWith();
    const res = await request(app).delete('/crm/customers/1').set('x-api-key', DEV_KEY);
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('forbidden');
    expect(res.body.reasons).toContain('DELETE is blocked on this connection');
    expect(res.body.decision_id).toBe(res.headers['x-portcullis-decision-id']);
    expect(seen).toEqual([]);
  });

  it('decides on the body it reads and hands it to the routes parsed (express.json() after it is a no-op)', async () => {
    const { app, seen } = await appWith();
    const sql = await request(app)
      .post('/crm/customers')
      .set('x-api-key', SUPPORT_KEY)
      .send({ name: 'x', note: 'DROP TABLE customers' });
    expect(sql.status).toBe(403);
    expect(sql.body.reasons).toContain('the body looks like destructive SQL');
    expect(seen).toEqual([]);
    // Creating a customer asks for approval: with no approvals store configured, 403 approval_required.
    const needs = await request(app)
      .post('/crm/customers')
      .set('x-api-key', SUPPORT_KEY)
      .send({ name: 'Grace' });
    expect(needs.status).toBe(403);
    expect(needs.body.error).toBe('approval_required');
    expect(seen).toEqual([]);
  });

  it('refuses the app’s answer when the response-phase decision does (too many rows)', async () => {
    const { app, seen } = await appWith();
    const res = await request(app).get('/crm/customers/export').set('x-api-key', DEV_KEY);
    expect(seen).toHaveLength(1);
    expect(res.status).toBe(403);
    expect(res.body.reasons).toContain('the response has more rows than this connection allows');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('opens an approval (async: 202) and runs the approved retry once', async () => {
    const { app, seen } = await appWith({
      approvals: { redisUrl: testRedisUrl(), prefix, grantCacheMs: 0 },
      connection: { name: 'crm', approval: { mode: 'async' } },
    });
    const body = { name: 'Grace Hopper' };
    const pending = await request(app).post('/crm/customers').set('x-api-key', DEV_KEY).send(body);
    expect(pending.status).toBe(202);
    expect(pending.body.code).toBe('approval_pending');
    const id = pending.body.approval_id as string;
    expect(id).toMatch(/./);
    expect(seen).toEqual([]);
    await store.approvals.review(
      id,
      { sub: 'rita', email: null, groups: ['crm-owners'] },
      'approve',
      '',
      'api',
    );
    const retry = await request(app)
      .post('/crm/customers')
      .set('x-api-key', DEV_KEY)
      .set('portcullis-approval', id)
      .send(body);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual({ id: 3, name: 'Grace Hopper' });
    expect(seen).toHaveLength(1);
    expect(seen[0].body).toEqual(body);
    const again = await request(app)
      .post('/crm/customers')
      .set('x-api-key', DEV_KEY)
      .set('portcullis-approval', id)
      .send(body);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('approval_used');
    expect(seen).toHaveLength(1);
  });

  it('follows the fail mode when the decision service is away: closed 503, open runs the route marked', async () => {
    const gone = await listen(express(), 0);
    const url = gone.url;
    await gone.close();
    const closed = await appWith({ decisionUrl: url, decision: { timeoutMs: 500 } });
    const refused = await request(closed.app).get('/crm/customers').set('x-api-key', DEV_KEY);
    expect(refused.status).toBe(503);
    expect(refused.body.error).toBe('decision_unavailable');
    expect(closed.seen).toEqual([]);
    const open = await appWith({
      decisionUrl: url,
      decision: { timeoutMs: 500 },
      connection: { name: 'crm', failMode: 'open' },
    });
    const through = await request(open.app).get('/crm/customers').set('x-api-key', DEV_KEY);
    expect(through.status).toBe(200);
    expect(through.headers['x-portcullis-fail-open']).toBe('true');
    expect(open.seen).toHaveLength(1);
  });

  it('scrubs the app’s own credential from its answers, written in pieces', async () => {
    const { app, seen } = await appWith({
      connection: { name: 'crm', credential: { type: 'bearer', value: { env: secretEnv } } },
    });
    const res = await request(app).get('/crm/customers/echo').set('x-api-key', DEV_KEY);
    expect(seen[0].credential).toBe(`Bearer ${process.env[secretEnv]}`);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain(process.env[secretEnv]!);
    expect(res.body).toEqual({ token: '[MASKED]', bye: true });
  });

  it('fails loudly when mounted after a body parser, and on settings with no meaning in-process', async () => {
    const mw = enforce({ decisionUrl: decision.url, identity, connection: { name: 'crm' }, logger: quiet });
    middlewares.push(mw);
    const app = express();
    app.use(express.json(), mw, (_req, res) => res.json({ ran: true }));
    const res = await request(app).post('/').set('x-api-key', DEV_KEY).send({ a: 1 });
    expect(res.status).toBe(500);
    expect(res.body.error).toBe('internal_error');
    expect(() =>
      enforce({ identity, connection: { name: 'crm', upstream: 'http://x' } as never, logger: quiet }),
    ).toThrow(EnforceConfigError);
    expect(() => enforce({ identity, connection: { name: 'CRM' }, logger: quiet })).toThrow(
      /connection\.name/,
    );
  });

  it('answers as the standalone proxy does for the same requests (same statuses, errors and masked bodies)', async () => {
    const upstreamSeen: Seen[] = [];
    const upstreamApp = express();
    upstreamApp.use(crmRoutes(upstreamSeen));
    const upstream = await listen(upstreamApp, 0);
    closers.push(() => upstream.close());
    const proxy = await startProxy(
      {
        port: 0,
        decisionUrl: decision.url,
        identity,
        connections: [{ name: 'crm', match: { pathPrefix: '/crm' }, upstream: upstream.url }],
      },
      { logger: quiet },
    );
    closers.push(() => proxy.close());
    const { app, seen } = await appWith();
    const cases: Array<{ method: 'get' | 'post' | 'delete'; path: string; key?: string; body?: object }> = [
      { method: 'get', path: '/crm/customers', key: DEV_KEY },
      { method: 'get', path: '/crm/customers' },
      { method: 'get', path: '/crm/customers/export', key: DEV_KEY },
      { method: 'delete', path: '/crm/customers/1', key: DEV_KEY },
      { method: 'post', path: '/crm/customers', key: SUPPORT_KEY, body: { name: 'x', q: 'drop table t' } },
      { method: 'post', path: '/crm/customers', key: DEV_KEY, body: { name: 'y' } },
      { method: 'get', path: '/crm/customers?_method=DELETE', key: DEV_KEY },
      // The routes see the path the policy decided on, as the upstream does.
      { method: 'get', path: '/crm/customers/export/%2e%2e', key: DEV_KEY },
      { method: 'delete', path: '/crm/customers/x/..//1', key: DEV_KEY },
    ];
    const comparable = (res: request.Response) => {
      const body = typeof res.body === 'object' && res.body !== null ? { ...res.body } : res.text;
      if (typeof body === 'object') delete (body as Record<string, unknown>).decision_id;
      return { status: res.status, body };
    };
    for (const c of cases) {
      const send = (target: Parameters<typeof request>[0]) => {
        let r = request(target)[c.method](c.path);
        if (c.key) r = r.set('x-api-key', c.key);
        return c.body ? r.send(c.body) : r;
      };
      const viaProxy = await send(proxy.url);
      const inApp = await send(app);
      expect({ case: c, ...comparable(inApp) }).toEqual({ case: c, ...comparable(viaProxy) });
    }
    // The routes ran for the same requests and saw the same headers from the policy.
    expect(seen.map((s) => s.path)).toEqual(upstreamSeen.map((s) => s.path));
    expect(seen.map((s) => s.headers['x-gateway-roles'])).toEqual(
      upstreamSeen.map((s) => s.headers['x-gateway-roles']),
    );
  }, 60_000);
});
