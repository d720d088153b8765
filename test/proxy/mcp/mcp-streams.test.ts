import { LoggingMessageNotificationSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import {
  compileMcpPolicy,
  policyDecision,
  startMcpStack,
  testMcpServer,
  type McpStack,
} from './support/mcp-stack.js';
import type { DecisionFn } from '../support/servers.js';

/**
 * The answers of an MCP server past what the proxy can inspect, and a
 * decision asked again per answer: always a JSON-RPC error for the call
 * concerned (never an HTTP error the SDK's client would take for a broken
 * transport), and the session goes on.
 */

/** The test server, with a tool whose answer is `size` characters of text. */
function serverWithBigTool(size: number) {
  const server = testMcpServer();
  server.registerTool('big', { description: 'A large answer.' }, async () => ({
    content: [{ type: 'text', text: 'x'.repeat(size) }],
  }));
  return server;
}

/** The error a call ends with, or undefined when it was answered. */
async function failure(call: Promise<unknown>): Promise<McpError | undefined> {
  return call.then(
    () => undefined,
    (err: unknown) => {
      if (err instanceof McpError) return err;
      throw err;
    },
  );
}

describe('MCP streams: an event over the bound', () => {
  let s: McpStack;
  beforeAll(async () => {
    s = await startMcpStack({
      extraTools: { big: { kind: 'read' } },
      build: () => serverWithBigTool(8192),
      configure: (config) => {
        config.connections[0].sse = { maxEventBytes: 4096 };
      },
    });
  }, 60000);
  afterAll(async () => s?.close());

  it('ends the call with a JSON-RPC error naming stream_event_too_large; other calls go on', async () => {
    const client = await s.client();
    const error = await failure(client.callTool({ name: 'big', arguments: {} }));
    expect(error).toBeInstanceOf(McpError);
    expect(error!.code).toBe(-32013);
    expect(error!.data).toMatchObject({ error: 'stream_event_too_large' });
    expect(error!.message).toContain('stream_event_too_large');
    // The tool ran (the server answered); the answer was withheld, not passed uninspected.
    const ada = await client.callTool({ name: 'get_customer', arguments: { id: 'c1' } });
    expect(ada.structuredContent).toMatchObject({ name: 'Ada Lovelace', ssn: '[MASKED]' });
  });
});

describe('MCP answers (JSON): past the masking limit', () => {
  let s: McpStack;
  beforeAll(async () => {
    s = await startMcpStack({
      jsonResponse: true,
      extraTools: { big: { kind: 'read' } },
      build: () => serverWithBigTool(64 * 1024),
      configure: (config) => {
        config.mask = { maxResponseBytes: 16 * 1024 };
      },
    });
  }, 60000);
  afterAll(async () => s?.close());

  it('answers the call with a JSON-RPC error (response_too_large_to_mask), never an HTTP 502', async () => {
    const client = await s.client();
    const error = await failure(client.callTool({ name: 'big', arguments: {} }));
    expect(error).toBeInstanceOf(McpError);
    expect(error!.code).toBe(-32013);
    expect(error!.data).toMatchObject({ error: 'response_too_large_to_mask' });
    const ada = await client.callTool({ name: 'get_customer', arguments: { id: 'c1' } });
    expect(ada.structuredContent).toMatchObject({ name: 'Ada Lovelace', phone: '[MASKED]' });
  });
});

describe('MCP streams: inspect_response decides each answer as it passes', () => {
  let s: McpStack;
  const REASON = "Alan Turing's record is not for agents";
  beforeAll(async () => {
    const policy = policyDecision(await compileMcpPolicy());
    // policies/mcp, asking to see every tool's answer; the answer naming Alan Turing is refused.
    const decide: DecisionFn = (input) => {
      const decision = policy(input) as Record<string, unknown>;
      if (input.phase === 'response' && JSON.stringify(input.response?.body).includes('Alan Turing'))
        return { ...decision, allow: false, reasons: [REASON] };
      return input.mcp?.tool ? { ...decision, inspect_response: true } : decision;
    };
    s = await startMcpStack({ decide });
  }, 60000);
  afterAll(async () => s?.close());

  it('an allowed answer comes back masked; a refused one is a JSON-RPC error with the reason', async () => {
    const client = await s.client();
    const ada = await client.callTool({ name: 'get_customer', arguments: { id: 'c1' } });
    expect(ada.structuredContent).toMatchObject({ name: 'Ada Lovelace', ssn: '[MASKED]' });

    const error = await failure(client.callTool({ name: 'get_customer', arguments: { id: 'c2' } }));
    expect(error).toBeInstanceOf(McpError);
    expect(error!.code).toBe(-32010);
    expect(error!.message).toContain(REASON);
    expect(JSON.stringify(error!.data)).not.toContain('219-09-9999');

    // The response phase saw the answer of its own call, with input.mcp as in the request.
    const second = s.decisions.calls
      .map((c) => c.input)
      .filter((i) => i.phase === 'response' && i.mcp?.tool === 'get_customer');
    expect(second).toHaveLength(2);
    expect(second.map((i) => i.mcp.arguments)).toEqual([{ id: 'c1' }, { id: 'c2' }]);
    expect(second[1].response.body.result.structuredContent.name).toBe('Alan Turing');
  });
});

describe("MCP streams: the server's messages during a call", () => {
  let s: McpStack;
  beforeAll(async () => {
    s = await startMcpStack({
      extraTools: { chatty: { kind: 'read' } },
      build: () => {
        const server = testMcpServer();
        // Log messages carrying personal data, in a string and in fields, before the result.
        server.registerTool('chatty', { description: 'Talks while it works.' }, async (extra) => {
          for (const data of [
            'writing to ada@example.com',
            { customer: { name: 'Ada Lovelace', ssn: '078-05-1120' } },
          ])
            await extra.sendNotification({
              method: 'notifications/message',
              params: { level: 'info', data },
            });
          return { content: [{ type: 'text', text: 'done' }] };
        });
        return server;
      },
    });
  }, 60000);
  afterAll(async () => s?.close());

  it('get the masks of the call they belong to, as they pass', async () => {
    const client = await s.client();
    const messages: unknown[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
      messages.push(n.params.data);
    });
    const result = await client.callTool({ name: 'chatty', arguments: {} });
    expect(result.content).toEqual([{ type: 'text', text: 'done' }]);
    expect(messages).toEqual([
      'writing to [MASKED]',
      { customer: { name: 'Ada Lovelace', ssn: '[MASKED]' } },
    ]);
  });

  it('pass as they are for someone the policy does not mask', async () => {
    const client = await s.client({ sub: 'priya', groups: ['privacy-officers'] });
    const messages: unknown[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
      messages.push(n.params.data);
    });
    await client.callTool({ name: 'chatty', arguments: {} });
    expect(messages).toEqual([
      'writing to ada@example.com',
      { customer: { name: 'Ada Lovelace', ssn: '078-05-1120' } },
    ]);
  });
});
