import { readFileSync } from 'node:fs';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { BOT_KEY, rawSession, startMcpStack, testMcpServer, type McpStack } from './support/mcp-stack.js';
import { check } from '../support/mini-schema.js';

/**
 * An MCP server built with the official SDK, behind the proxy on an
 * `protocol: mcp` connection, driven by the SDK's own client over
 * streamable HTTP; the decisions come from policies/mcp compiled by
 * Portcullis' compiler. The server checks the credential the proxy injects.
 */
describe('MCP through the proxy (SDK client and server, policies/mcp)', () => {
  let s: McpStack;
  beforeAll(async () => {
    s = await startMcpStack();
  }, 60000);
  afterAll(async () => s?.close());

  const inputs = () => s.decisions.calls.map((c) => c.input);

  it('an allowed tool call reaches the server with its credential, and the result comes back masked', async () => {
    const client = await s.client();
    const result = await client.callTool({ name: 'list_customers', arguments: {} });
    const structured = result.structuredContent as { customers: Record<string, string>[] };
    expect(structured.customers[0]).toEqual({
      id: 'c1',
      name: 'Ada Lovelace',
      email: '[MASKED]',
      phone: '[MASKED]',
      ssn: '[MASKED]',
      plan: 'pro',
    });
    // The same data as JSON inside the text content is masked field by field too.
    const text = (result.content as { type: string; text: string }[])[0].text;
    expect(JSON.parse(text)).toEqual(structured);
    expect(text).not.toContain('078-05-1120');
    expect(text).not.toContain('ada@example.com');

    const input = inputs().find((i) => i.mcp?.tool === 'list_customers')!;
    expect(input.mcp).toMatchObject({
      kind: 'request',
      method: 'tools/call',
      tool: 'list_customers',
      arguments: {},
      resource_uri: null,
      prompt: null,
      listing: false,
    });
    expect(input.request.method).toBe('POST');
    expect(input.request.body).toMatchObject({ method: 'tools/call', params: { name: 'list_customers' } });
  });

  it('passes session ids, initialize and protocol versions through', async () => {
    const before = inputs().length;
    const client = await s.client();
    await client.ping();
    const mine = inputs().slice(before);
    const init = mine.find((i) => i.mcp?.method === 'initialize')!;
    expect(init.mcp.session_id).toBeNull();
    expect(init.mcp.protocol_version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const ping = mine.find((i) => i.mcp?.method === 'ping')!;
    const transport = client.transport as { sessionId?: string; protocolVersion?: string };
    expect(ping.mcp.session_id).toBe(transport.sessionId);
    expect(ping.mcp.protocol_version).toBe(transport.protocolVersion);
    expect(mine.find((i) => i.mcp?.method === 'notifications/initialized')?.mcp.kind).toBe('notification');
    // The client's GET (the server's own stream) is decided as an http request of the session.
    expect(mine.some((i) => i.mcp?.kind === 'http' && i.request.method === 'GET')).toBe(true);
  });

  it("the server sees the injected credential, never the caller's; its echo is scrubbed", async () => {
    const client = await s.client();
    const result = await client.callTool({ name: 'whoami', arguments: {} });
    const text = (result.content as { text: string }[])[0].text;
    const { headers } = JSON.parse(text) as { headers: Record<string, string> };
    expect(text).not.toContain(s.secret);
    expect(headers.authorization).toBe('Bearer [MASKED]');
    expect(headers['mcp-session-id']).toBeDefined();
    expect(Object.keys(headers).filter((h) => h.startsWith('portcullis-') || h === 'x-api-key')).toEqual([]);
  });

  it("a denied call is a JSON-RPC error with the policy's reasons, and never reaches the server", async () => {
    const bot = await s.client({ bot: true });
    const before = s.posts().length;
    const error = await bot.callTool({ name: 'export_customers', arguments: {} }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(McpError);
    const mcpError = error as McpError;
    expect(mcpError.code).toBe(-32010);
    expect(mcpError.message).toContain(
      'Denied by policy: bulk exports of customer data are for people, not service identities',
    );
    expect(mcpError.data).toMatchObject({
      error: 'forbidden',
      reasons: ['bulk exports of customer data are for people, not service identities'],
    });
    expect((mcpError.data as { decision_id: string }).decision_id).toMatch(/^dec-/);
    expect(s.posts().length).toBe(before);
    // The same tool is allowed to a person.
    const alice = await s.client();
    const allowed = await alice.callTool({ name: 'export_customers', arguments: {} });
    expect((allowed.content as { text: string }[])[0].text).toContain('id,name,email,plan');
  });

  it('tools/list shows only the tools the caller may call', async () => {
    const bot = await s.client({ bot: true });
    const alice = await s.client();
    const botTools = (await bot.listTools()).tools.map((t) => t.name).sort();
    const aliceTools = (await alice.listTools()).tools.map((t) => t.name).sort();
    expect(aliceTools).toEqual([
      'customer_report',
      'delete_customer',
      'export_customers',
      'get_customer',
      'leak_split',
      'list_customers',
      'whoami',
    ]);
    expect(botTools).toEqual(aliceTools.filter((t) => t !== 'export_customers'));
    const probes = inputs().filter((i) => i.mcp?.listing === true && i.identity.sub === 'agent-bot');
    expect(probes.map((i) => i.mcp.tool).sort()).toEqual(aliceTools);
    expect(probes.every((i) => i.mcp.method === 'tools/call' && i.mcp.arguments === null)).toBe(true);
  });

  it('decides a batch message by message: allowed ones forwarded together, the others answered', async () => {
    const session = await rawSession(`${s.proxy.url}/mcp`, { 'x-api-key': BOT_KEY });
    try {
      const before = s.posts().length;
      const answers = await session.batch([
        {
          jsonrpc: '2.0',
          id: 1,
          method: 'tools/call',
          params: { name: 'get_customer', arguments: { id: 'c2' } },
        },
        { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'export_customers', arguments: {} } },
        { jsonrpc: '2.0', id: 3, method: 'ping' },
        { jsonrpc: '2.0', id: 4, method: 'resources/read', params: { uri: 'file:///etc/passwd' } },
        { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 99 } },
      ]);
      const [one, two, three, four] = answers as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(one.result.structuredContent).toMatchObject({ id: 'c2', ssn: '[MASKED]', email: '[MASKED]' });
      expect(two.error).toMatchObject({ code: -32010, data: { error: 'forbidden' } });
      expect(three.result).toEqual({});
      expect(four.error.message).toBe(
        'Denied by policy: the method resources/read is not allowed on this connection',
      );
      // One upstream request, holding only what was allowed.
      const sent = s.posts().slice(before);
      expect(sent).toHaveLength(1);
      const forwarded = JSON.parse(sent[0].body) as { id?: number; method: string }[];
      expect(forwarded.map((m) => m.id ?? m.method)).toEqual([1, 3, 'notifications/cancelled']);
    } finally {
      await session.close();
    }
  });

  it('a secret the server streams across two events never reaches the client whole', async () => {
    const client = await s.client();
    const messages: string[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
      messages.push(String(n.params.data));
    });
    for (const cut of [3, 12, 27, s.secret.length - 2]) {
      messages.length = 0;
      const result = await client.callTool({ name: 'leak_split', arguments: { cut } });
      expect((result.content as { text: string }[])[0].text).toBe('sent');
      expect(messages).toHaveLength(2);
      const joined = messages.join('');
      expect(joined).not.toContain(s.secret);
      expect(joined).toContain('[MASKED]');
      // No run of 8 characters of the secret is left anywhere (a cut secret is masked to its end).
      const pieces = Array.from({ length: s.secret.length - 7 }, (_, i) => s.secret.slice(i, i + 8));
      expect(pieces.filter((piece) => joined.includes(piece))).toEqual([]);
    }
  });

  it('every input it asked about matches docs/schemas (decision-input, and mcp-input alone)', () => {
    const schema = (name: string) =>
      JSON.parse(readFileSync(new URL(`../../../docs/schemas/${name}`, import.meta.url), 'utf8'));
    const input = schema('decision-input.schema.json');
    const alone = schema('mcp-input.schema.json');
    const { $schema: _s, $id: _i, title: _t, ...mcp } = alone;
    expect(input.$defs.mcp).toEqual(mcp);
    const kinds = new Set(inputs().map((i) => i.mcp?.kind));
    expect([...kinds].sort()).toEqual(['http', 'notification', 'request']);
    for (const i of inputs()) {
      expect(check(input, i)).toEqual([]);
      expect(check(alone, i.mcp)).toEqual([]);
    }
  });

  describe('hostile JSON-RPC never reaches the server', () => {
    const hostile: [string, string, number, string][] = [
      ['not JSON', '{"jsonrpc":"2.0",', -32700, 'jsonrpc_parse_error'],
      ['nested 100,000 deep', '['.repeat(100_000) + ']'.repeat(100_000), -32600, 'jsonrpc_too_deep'],
      [
        'params nested deeper than the limit',
        `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":${'{"a":'.repeat(80)}1${'}'.repeat(80)}}`,
        -32600,
        'jsonrpc_too_deep',
      ],
      [
        'a 10,000-character id',
        JSON.stringify({ jsonrpc: '2.0', id: 'x'.repeat(10_000), method: 'ping' }),
        -32600,
        'jsonrpc_invalid_request',
      ],
      [
        'an id past 2^53',
        '{"jsonrpc":"2.0","id":9007199254740993,"method":"ping"}',
        -32600,
        'jsonrpc_invalid_request',
      ],
      ['an id of 1e400', '{"jsonrpc":"2.0","id":1e400,"method":"ping"}', -32600, 'jsonrpc_invalid_request'],
      ['a fractional id', '{"jsonrpc":"2.0","id":1.5,"method":"ping"}', -32600, 'jsonrpc_invalid_request'],
      ['an object id', '{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}', -32600, 'jsonrpc_invalid_request'],
      ['version 1.0', '{"jsonrpc":"1.0","id":1,"method":"ping"}', -32600, 'jsonrpc_invalid_request'],
      ['no version', '{"id":1,"method":"ping"}', -32600, 'jsonrpc_invalid_request'],
      [
        'duplicate ids in a batch',
        '[{"jsonrpc":"2.0","id":7,"method":"ping"},{"jsonrpc":"2.0","id":7,"method":"tools/list"}]',
        -32600,
        'jsonrpc_duplicate_id',
      ],
      ['an empty batch', '[]', -32600, 'jsonrpc_invalid_request'],
      [
        'a batch of 65',
        JSON.stringify(Array.from({ length: 65 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'ping' }))),
        -32600,
        'jsonrpc_batch_too_large',
      ],
      ['a string', '"tools/call"', -32600, 'jsonrpc_invalid_request'],
      [
        'a __proto__ member',
        '{"jsonrpc":"2.0","id":1,"method":"ping","__proto__":{"x":1}}',
        -32600,
        'jsonrpc_invalid_request',
      ],
    ];
    it.each(hostile)('%s: 400 with a JSON-RPC error', async (_name, body, code, reason) => {
      const before = s.posts().length;
      const answer = await s.post(body);
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({
        jsonrpc: '2.0',
        id: null,
        error: { code, data: { error: reason } },
      });
      expect(s.posts().length).toBe(before);
    });

    it('a body that is not UTF-8 is a parse error', async () => {
      const answer = await s.post(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
      expect(answer.json.error).toMatchObject({ code: -32700, data: { error: 'jsonrpc_parse_error' } });
    });

    it('in a batch, a malformed message gets its own error and the others go on', async () => {
      const session = await rawSession(`${s.proxy.url}/mcp`, { authorization: `Bearer ${await s.token()}` });
      try {
        const answers = await session.batch([
          { jsonrpc: '2.0', id: 10, method: 'ping' },
          { jsonrpc: '1.0', id: 11, method: 'ping' },
        ]);
        expect(answers[0]).toMatchObject({ id: 10, result: {} });
        expect(answers[1]).toMatchObject({
          id: 11,
          error: { code: -32600, data: { error: 'jsonrpc_invalid_request' } },
        });
      } finally {
        await session.close();
      }
    });
  });
});

describe('MCP through the proxy, the server answering JSON instead of streams', () => {
  let s: McpStack;
  beforeAll(async () => {
    s = await startMcpStack({ jsonResponse: true });
  }, 60000);
  afterAll(async () => s?.close());

  it('masks, filters and answers batches the same way', async () => {
    const bot = await s.client({ bot: true });
    const result = await bot.callTool({ name: 'get_customer', arguments: { id: 'c1' } });
    expect(result.structuredContent).toMatchObject({
      name: 'Ada Lovelace',
      ssn: '[MASKED]',
      phone: '[MASKED]',
    });
    expect((await bot.listTools()).tools.map((t) => t.name)).not.toContain('export_customers');
    const session = await rawSession(`${s.proxy.url}/mcp`, { 'x-api-key': BOT_KEY });
    try {
      const answers = await session.batch([
        { jsonrpc: '2.0', id: 'a', method: 'tools/call', params: { name: 'list_customers', arguments: {} } },
        {
          jsonrpc: '2.0',
          id: 'b',
          method: 'tools/call',
          params: { name: 'export_customers', arguments: {} },
        },
      ]);
      expect(JSON.stringify(answers[0])).not.toContain('219-09-9999');
      expect(answers[1]).toMatchObject({ error: { code: -32010 } });
    } finally {
      await session.close();
    }
  });
});

describe('MCP through the proxy: a tool call whose stream goes idle', () => {
  let s: McpStack;
  beforeAll(async () => {
    s = await startMcpStack({
      extraTools: { hang: { kind: 'read' } },
      build: () => {
        const server = testMcpServer();
        // Sends one progress message, then never answers.
        server.registerTool('hang', { description: 'Starts, then never answers.' }, async (extra) => {
          await extra.sendNotification({
            method: 'notifications/message',
            params: { level: 'info', data: 'started' },
          });
          return new Promise(() => undefined);
        });
        return server;
      },
      configure: (config) => {
        config.connections[0].timeouts = { bodyMs: 400 };
      },
    });
  }, 60000);
  afterAll(async () => s?.close());

  it('is cut, and the call gets a JSON-RPC error instead of hanging', async () => {
    const client = await s.client();
    const messages: string[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
      messages.push(String(n.params.data));
    });
    const error = await client.callTool({ name: 'hang', arguments: {} }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(messages).toEqual(['started']);
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).code).toBe(-32012);
    expect((error as McpError).data).toMatchObject({ error: 'upstream_timeout' });
  });
});
