import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { loadPolicy, type LoadedPolicy } from '@open-policy-agent/opa-wasm';
import { pino } from 'pino';
import { z } from 'zod';
import { hostBuiltins } from '../../../../services/compiler/builtins/index.js';
import { compileAndPlan } from '../../../../services/compiler/plan/index.js';
import { parseModule } from '../../../../services/compiler/rego/index.js';
import { generateWasm } from '../../../../services/compiler/wasm/index.js';
import { createDemoMcp, mcpSessions } from '../../../../services/demo/mcp-server.js';
import { hashApiKey } from '../../../../services/proxy/identity/api-keys.js';
import { startProxy, type ProxyConfigInput } from '../../../../services/proxy/index.js';
import { createLogger } from '../../../../services/common/logger.js';
import { startWorkers } from '../../../../services/workers/index.js';
import { eventLog } from '../../../approvals/support/stack.js';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../../../support/redis.js';
import { listen, startDecisionService, startIssuer, type DecisionFn } from '../../support/servers.js';

/** The API key of a service identity (an agent running unattended). */
export const BOT_KEY = 'bot-key-' + 'b'.repeat(24);

/** policies/mcp compiled by Portcullis' compiler, run by the unmodified opa-wasm SDK. */
export async function compileMcpPolicy(
  extraTools: Record<string, { kind: string }> = { whoami: { kind: 'read' }, leak_split: { kind: 'read' } },
): Promise<LoadedPolicy> {
  const dir = new URL('../../../../policies/mcp/', import.meta.url);
  const read = (name: string) => readFileSync(new URL(name, dir), 'utf8');
  const modules = [parseModule(read('mcp.rego'), 'mcp.rego')];
  const wasm = generateWasm(compileAndPlan(modules, ['mcp/decision']).policy);
  const policy = await loadPolicy(wasm, undefined, hostBuiltins({ strict: true }) as never);
  const data = JSON.parse(read('data.json'));
  Object.assign(data.config.tools, extraTools);
  policy.setData({ mcp: data });
  return policy;
}

/** The policy as the decision stand-in's answer. */
export function policyDecision(policy: LoadedPolicy): DecisionFn {
  return (input) => (policy.evaluate(input, 'mcp/decision') as { result: unknown }[])[0]?.result;
}

/**
 * The MCP server behind the proxy: the demo's customer tools, plus tools
 * that show what reaches the server (`whoami`: the headers it got) and one
 * that streams the credential it was called with across two events
 * (`leak_split`: progress messages cut mid-secret, then the result).
 */
export function testMcpServer(customers?: Parameters<typeof createDemoMcp>[0]): McpServer {
  const server = createDemoMcp(customers);
  server.registerTool('whoami', { description: 'The headers this server received.' }, async (extra) => {
    const headers = extra.requestInfo?.headers ?? {};
    return { content: [{ type: 'text', text: JSON.stringify({ headers }) }] };
  });
  server.registerTool(
    'leak_split',
    {
      description: 'Streams the credential it received, cut across two events.',
      inputSchema: { cut: z.number() },
    },
    async ({ cut }, extra) => {
      const auth = String(extra.requestInfo?.headers?.authorization ?? '');
      const secret = auth.replace(/^Bearer /, '');
      for (const data of [`the token is ${secret.slice(0, cut)}`, `${secret.slice(cut)} (end)`])
        await extra.sendNotification({ method: 'notifications/message', params: { level: 'info', data } });
      return { content: [{ type: 'text', text: 'sent' }] };
    },
  );
  return server;
}

export interface McpStackOptions {
  /** Answers the proxy's decision questions. @defaultValue the compiled policies/mcp */
  decide?: DecisionFn;
  /** The MCP server answers JSON instead of event streams. */
  jsonResponse?: boolean;
  /** Changes to the proxy's config before it starts. */
  configure?: (
    config: ProxyConfigInput & { connections: NonNullable<ProxyConfigInput['connections']> },
  ) => void;
  /** The MCP server's tools. @defaultValue testMcpServer() */
  build?: () => McpServer;
  /** Tools added to the policy's data (name → kind). @defaultValue whoami and leak_split, read-only */
  extraTools?: Record<string, { kind: string }>;
  /** Approvals on Redis with the workers' API: how the connection's callers wait. */
  approvals?: { mode: 'hold' | 'async'; holdSeconds?: number };
}

/**
 * Everything on loopback: the MCP server (SDK, streamable HTTP) checking
 * its credential, the decision stand-in running the MCP policy, an OIDC
 * issuer, and the proxy with an mcp connection `crm-mcp` at /mcp.
 */
export async function startMcpStack(options: McpStackOptions = {}) {
  const envName = `PC_MCP_CRED_${randomBytes(4).toString('hex').toUpperCase()}`;
  const secret = 'mcp-upstream-secret-' + randomBytes(8).toString('hex');
  process.env[envName] = secret;
  const sessions = mcpSessions(options.build ?? (() => testMcpServer()), {
    token: secret,
    jsonResponse: options.jsonResponse,
  });
  /** What reached the MCP server: each request's method and body. */
  const received: { method: string; body: string }[] = [];
  const mcpServer = await listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => received.push({ method: req.method!, body: Buffer.concat(chunks).toString() }));
    sessions.handler(req, res);
  });
  const policy = options.decide ? undefined : await compileMcpPolicy(options.extraTools);
  const decisions = await startDecisionService(options.decide ?? policyDecision(policy!));
  const issuer = await startIssuer();
  const identity = {
    issuers: [{ issuer: issuer.url, audience: 'portcullis', algorithms: ['RS256' as const] }],
    apiKeys: [{ id: 'bot', sha256: hashApiKey(BOT_KEY), subject: 'agent-bot', groups: ['agents'] }],
  };
  const prefix = uniquePrefix('mcp-approvals');
  const transitions = eventLog();
  const workers = options.approvals
    ? await startWorkers({
        redisUrl: testRedisUrl(),
        prefix,
        host: '127.0.0.1',
        port: 0,
        logger: createLogger({ level: 'silent' }),
        approvals: { identity, config: {} },
      })
    : undefined;
  workers?.approvals!.feed.onTransition(transitions.listener);
  const config: ProxyConfigInput & { connections: NonNullable<ProxyConfigInput['connections']> } = {
    decisionUrl: decisions.url,
    decision: { timeoutMs: 10_000 },
    identity,
    ...(workers ? { approvals: { redisUrl: testRedisUrl(), prefix, publicUrl: workers.url } } : {}),
    connections: [
      {
        name: 'crm-mcp',
        protocol: 'mcp',
        match: { pathPrefix: '/mcp' },
        upstream: `${mcpServer.url}/mcp`,
        credential: { type: 'bearer', value: { env: envName } },
        entrypoint: 'mcp/decision',
        ...(options.approvals ? { approval: options.approvals } : {}),
      },
    ],
  };
  options.configure?.(config);
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line));
      callback();
    },
  });
  const proxy = await startProxy(config, {
    port: 0,
    host: '127.0.0.1',
    logger: pino({ level: 'info' }, sink),
  });
  const clients: Client[] = [];
  const token = (sub = 'alice', groups = ['engineers']) =>
    issuer.sign({ sub, email: `${sub}@example.com`, groups });

  /** An SDK client connected through the proxy, as `sub` (a JWT) or the bot (its API key). */
  async function client(who: { sub?: string; groups?: string[]; bot?: boolean } = {}): Promise<Client> {
    const headers: Record<string, string> = who.bot
      ? { 'x-api-key': BOT_KEY }
      : { authorization: `Bearer ${await token(who.sub, who.groups)}` };
    const transport = new StreamableHTTPClientTransport(new URL(`${proxy.url}/mcp`), {
      requestInit: { headers },
    });
    const mcp = new Client({ name: 'portcullis-test', version: '1.0.0' });
    await mcp.connect(transport);
    clients.push(mcp);
    return mcp;
  }

  /** A raw POST through the proxy (hostile bodies the SDK would never send). */
  async function post(body: string | Buffer, headers: Record<string, string> = {}) {
    const response = await fetch(`${proxy.url}/mcp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await token()}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...headers,
      },
      body,
    });
    const text = await response.text();
    let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  /** Calls the workers' API as `sub` in `groups`. */
  async function api(method: 'GET' | 'POST', path: string, sub: string, groups: string[], body?: unknown) {
    const res = await fetch(`${workers!.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await token(sub, groups)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  return {
    proxy,
    workers,
    transitions,
    api,
    mcpServer,
    received,
    /** POSTs that reached the MCP server so far. */
    posts: () => received.filter((r) => r.method === 'POST'),
    sessions,
    decisions,
    issuer,
    secret,
    logs,
    token,
    client,
    post,
    policy,
    async close() {
      await Promise.allSettled(clients.map((c) => c.close()));
      await proxy.close();
      await sessions.close();
      await workers?.close();
      await Promise.all([mcpServer.close(), decisions.close(), issuer.close()]);
      if (workers) await deleteKeys(prefix);
      delete process.env[envName];
    },
  };
}

export type McpStack = Awaited<ReturnType<typeof startMcpStack>>;

type Message = Record<string, unknown>;

/**
 * The SDK's streamable HTTP transport alone (no Client on top), initialised
 * by hand: it can send what the Client never does (batches), and every
 * message it receives is kept.
 */
export async function rawSession(url: string, headers: Record<string, string>) {
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
  const inbox: Message[] = [];
  const waiters: { done: () => boolean; resolve: () => void }[] = [];
  transport.onmessage = (message) => {
    inbox.push(message as Message);
    for (const w of [...waiters])
      if (w.done()) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
  };
  const answered = (ids: (string | number)[]) => () =>
    ids.every((id) => inbox.some((m) => m.id === id && ('result' in m || 'error' in m)));
  /** Resolves once every id has its answer (waits on messages, never on time). */
  const until = (ids: (string | number)[]) =>
    new Promise<Message[]>((resolve) => {
      const done = answered(ids);
      const finish = () =>
        resolve(ids.map((id) => inbox.find((m) => m.id === id && ('result' in m || 'error' in m))!));
      if (done()) finish();
      else waiters.push({ done, resolve: finish });
    });
  await transport.start();
  await transport.send({
    jsonrpc: '2.0',
    id: 'init',
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
  });
  const [init] = await until(['init']);
  transport.setProtocolVersion((init.result as { protocolVersion: string }).protocolVersion);
  await transport.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  return {
    transport,
    inbox,
    until,
    /** Sends a batch and waits for the answers to its requests (those with an id and a method). */
    async batch(messages: Message[]): Promise<Message[]> {
      await transport.send(messages as never);
      return until(messages.filter((m) => 'id' in m && 'method' in m).map((m) => m.id as string | number));
    },
    close: () => transport.close(),
  };
}
