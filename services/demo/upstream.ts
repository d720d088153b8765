import type { Express } from 'express';
import express from 'express';
import { createServiceApp } from '../common/http.js';
import type { Logger } from '../common/logger.js';

/** The credential the demo API expects; the proxy injects it, callers never see it. */
export const DEMO_UPSTREAM_TOKEN_ENV = 'PORTCULLIS_DEMO_UPSTREAM_TOKEN';
export const DEFAULT_DEMO_TOKEN = 'demo-upstream-secret';

/**
 * What `portcullis demo-upstream` prints: the credential the API expects
 * and where it comes from, so it can be called alone or put behind a proxy.
 */
export function demoCredentialHelp(token: string, url: string): string {
  const source =
    token === DEFAULT_DEMO_TOKEN
      ? `the default; set ${DEMO_UPSTREAM_TOKEN_ENV} to choose another`
      : `from ${DEMO_UPSTREAM_TOKEN_ENV}`;
  return (
    `It answers only requests carrying its credential (${source}):\n` +
    `  Authorization: Bearer ${token}\n` +
    `  curl -H 'Authorization: Bearer ${token}' ${url}/customers\n` +
    `Behind the proxy, a connection injects it: credential: { type: bearer, value: { env: ${DEMO_UPSTREAM_TOKEN_ENV} } }\n`
  );
}

interface Customer {
  id: string;
  name: string;
  email: string;
  phone: string;
  ssn: string;
  plan: string;
}

function seedCustomers(): Customer[] {
  return [
    {
      id: 'c1',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '+44 20 7946 0018',
      ssn: '078-05-1120',
      plan: 'pro',
    },
    {
      id: 'c2',
      name: 'Alan Turing',
      email: 'alan@example.com',
      phone: '+44 20 7946 0019',
      ssn: '219-09-9999',
      plan: 'free',
    },
  ];
}

/**
 * A small customer API (a CRM) to put behind the proxy in `npm start`: it answers
 * only with the injected credential, returns personal data for masking
 * demos, and supports the verbs the gateway policy guards.
 */
export function createDemoUpstream(options: { logger: Logger; token?: string }): Express {
  const token = options.token ?? DEFAULT_DEMO_TOKEN;
  const customers = seedCustomers();
  return createServiceApp({
    service: 'demo-upstream',
    logger: options.logger,
    mount: (app) => {
      app.use((req, res, next) => {
        if (req.get('authorization') !== `Bearer ${token}`) {
          res.status(401).json({
            code: 'unauthorized',
            message: `the demo API needs its upstream credential: Authorization: Bearer <token>, the token being ${DEMO_UPSTREAM_TOKEN_ENV} (default ${DEFAULT_DEMO_TOKEN}; \`portcullis demo-upstream\` prints it)`,
          });
          return;
        }
        next();
      });
      app.use(express.json({ limit: '100kb' }));
      app.get('/customers', (_req, res) => {
        res.json({ customers });
      });
      app.get('/customers/:id', (req, res) => {
        const found = customers.find((c) => c.id === req.params.id);
        if (!found) res.status(404).json({ code: 'not_found', message: `no customer ${req.params.id}` });
        else res.json(found);
      });
      app.post('/customers', (req, res) => {
        const body = req.body as Partial<Customer> | undefined;
        if (!body || typeof body.name !== 'string') {
          res.status(400).json({ code: 'invalid_customer', message: 'name (string) is required' });
          return;
        }
        const created: Customer = {
          id: `c${customers.length + 1}`,
          name: body.name,
          email: String(body.email ?? ''),
          phone: String(body.phone ?? ''),
          ssn: String(body.ssn ?? ''),
          plan: String(body.plan ?? 'free'),
        };
        customers.push(created);
        res.status(201).json(created);
      });
      app.delete('/customers/:id', (req, res) => {
        const index = customers.findIndex((c) => c.id === req.params.id);
        if (index < 0) {
          res.status(404).json({ code: 'not_found', message: `no customer ${req.params.id}` });
          return;
        }
        customers.splice(index, 1);
        res.status(204).end();
      });
      app.get('/echo', (req, res) => {
        res.json({ method: req.method, path: req.path, query: req.query, headers: req.headers });
      });
    },
  });
}
