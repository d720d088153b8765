import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express } from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { createServiceApp } from '../common/http.js';
import type { Logger } from '../common/logger.js';
import { DEFAULT_DEMO_TOKEN } from './upstream.js';

/**
 * The demo MCP server `npm start` puts behind the proxy at /mcp: a small
 * customer tool set built with the official TypeScript SDK, over
 * streamable HTTP, answering only requests that carry its credential (the
 * proxy injects it). Its tools cover what the example policy
 * (policies/mcp) decides: read-only tools, a destructive one, a bulk
 * export, and a report that streams progress messages before its result.
 */

/** Options of `mcpSessions`. */
export interface McpSessionOptions {
  /** The bearer token every request must carry. */
  token: string;
  /** Answer with JSON instead of an event stream. @defaultValue false */
  jsonResponse?: boolean;
  /** Largest request body read. @defaultValue 1 MiB */
  maxBodyBytes?: number;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= limit ? Buffer.concat(chunks) : undefined));
    req.on('error', reject);
  });
}

function jsonRpcFailure(res: ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}

/**
 * Streamable HTTP sessions of the SDK on a plain request handler: a new
 * server (from `build`) and transport per initialize, found again by the
 * `Mcp-Session-Id` of later requests.
 */
export function mcpSessions(build: () => McpServer, options: McpSessionOptions) {
  const sessions = new Map<string, { transport: StreamableHTTPServerTransport; server: McpServer }>();
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      jsonRpcFailure(
        res,
        401,
        -32001,
        'this MCP server needs its credential (Authorization: Bearer <token>)',
      );
      return;
    }
    const sessionId = req.headers['mcp-session-id'];
    const known = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
    let body: unknown;
    if (req.method === 'POST') {
      const raw = await readBody(req, limit);
      if (raw === undefined) return jsonRpcFailure(res, 413, -32600, 'the body is too large');
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return jsonRpcFailure(res, 400, -32700, 'Parse error: Invalid JSON');
      }
    }
    if (known) {
      await known.transport.handleRequest(req, res, body);
      return;
    }
    if (sessionId !== undefined) return jsonRpcFailure(res, 404, -32001, 'Session not found');
    const initializing = Array.isArray(body) ? body.some(isInitializeRequest) : isInitializeRequest(body);
    if (req.method !== 'POST' || !initializing)
      return jsonRpcFailure(res, 400, -32000, 'Bad Request: No valid session ID provided');
    const server = build();
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse: options.jsonResponse ?? false,
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, server });
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  }
  return {
    handler(req: IncomingMessage, res: ServerResponse): void {
      handle(req, res).catch(() => {
        if (!res.headersSent) jsonRpcFailure(res, 500, -32603, 'internal error');
        else res.destroy();
      });
    },
    get sessions(): number {
      return sessions.size;
    },
    async close(): Promise<void> {
      await Promise.allSettled([...sessions.values()].map((s) => s.server.close()));
      sessions.clear();
    },
  };
}

interface Customer {
  id: string;
  name: string;
  email: string;
  phone: string;
  ssn: string;
  plan: string;
}

const customerShape = {
  id: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  ssn: z.string(),
  plan: z.string(),
};

function seed(): Customer[] {
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

/** A text block holding the same JSON as the structured content (for clients that read text only). */
function result<T extends Record<string, unknown>>(structured: T) {
  return {
    content: [{ type: 'text' as const, text: JSON.stringify(structured) }],
    structuredContent: structured,
  };
}

/** The demo's MCP server: customer tools over one in-memory customer list. */
export function createDemoMcp(customers: Customer[] = seed()): McpServer {
  const server = new McpServer(
    { name: 'portcullis-demo-crm', version: '1.0.0' },
    { capabilities: { logging: {} } },
  );
  server.registerTool(
    'list_customers',
    {
      description: 'List every customer with contact details.',
      outputSchema: { customers: z.array(z.object(customerShape)) },
      annotations: { readOnlyHint: true },
    },
    async () => result({ customers }),
  );
  server.registerTool(
    'get_customer',
    {
      description: 'One customer by id.',
      inputSchema: { id: z.string() },
      outputSchema: customerShape,
      annotations: { readOnlyHint: true },
    },
    async ({ id }) => {
      const found = customers.find((c) => c.id === id);
      if (!found) return { content: [{ type: 'text', text: `no customer ${id}` }], isError: true };
      return result({ ...found });
    },
  );
  server.registerTool(
    'delete_customer',
    {
      description: 'Delete a customer for good.',
      inputSchema: { id: z.string() },
      annotations: { destructiveHint: true },
    },
    async ({ id }) => {
      const at = customers.findIndex((c) => c.id === id);
      if (at < 0) return { content: [{ type: 'text', text: `no customer ${id}` }], isError: true };
      customers.splice(at, 1);
      return { content: [{ type: 'text', text: `customer ${id} deleted` }] };
    },
  );
  server.registerTool(
    'export_customers',
    {
      description: 'Export the whole customer base as CSV.',
      annotations: { readOnlyHint: true },
    },
    async () => {
      const rows = customers.map((c) => [c.id, c.name, c.email, c.plan].join(','));
      return { content: [{ type: 'text', text: ['id,name,email,plan', ...rows].join('\n') }] };
    },
  );
  server.registerTool(
    'customer_report',
    {
      description: 'A report on the customer base; streams its progress as log messages.',
      annotations: { readOnlyHint: true },
    },
    async (extra) => {
      for (const step of ['counting customers', 'grouping by plan']) {
        await server.sendLoggingMessage({ level: 'info', data: step }, extra.sessionId);
      }
      const plans: Record<string, number> = {};
      for (const c of customers) plans[c.plan] = (plans[c.plan] ?? 0) + 1;
      return result({ total: customers.length, plans });
    },
  );
  return server;
}

/** The demo MCP server's app: `/mcp` (streamable HTTP) and `/health`. */
export function createDemoMcpApp(options: {
  logger: Logger;
  token?: string;
}): Express & { closeSessions(): Promise<void> } {
  const customers = seed();
  const sessions = mcpSessions(() => createDemoMcp(customers), {
    token: options.token ?? DEFAULT_DEMO_TOKEN,
  });
  const app = createServiceApp({
    service: 'demo-mcp',
    logger: options.logger,
    mount: (mounted) => {
      mounted.all('/mcp', (req, res) => sessions.handler(req, res));
    },
  });
  return Object.assign(app, { closeSessions: () => sessions.close() });
}
