import { spawnSync } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { deleteKeys, uniquePrefix } from '../support/redis.js';
import { startStack, type StartedStack } from '../support/npm-start.js';

/**
 * `npm start` puts the demo MCP server behind the proxy at /mcp: the
 * banner says how to call it; this test runs the banner's curl lines as
 * printed (bash, the built command line as a user runs it), then connects
 * the SDK's client to the address and key it shows.
 */
describe('npm start: the demo MCP server behind the proxy', () => {
  const prefix = uniquePrefix('mcp-demo');
  let stack: StartedStack | undefined;
  let banner = '';

  beforeAll(async () => {
    stack = await startStack({ prefix, readyWhen: 'npx portcullis audit verify' });
    banner = stack.banner;
    stack.process.stdout!.on('data', () => (banner = stack!.banner));
  }, 180000);

  afterAll(async () => {
    await stack?.stop();
    await deleteKeys(prefix);
  });

  /** The banner's MCP lines (the curl ones, as printed). */
  function curlLines(): string[] {
    const section = banner.slice(banner.indexOf('The demo MCP server'));
    return section
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('SESSION=') || l.startsWith('curl '));
  }

  /** The parts of the answers this test reads. */
  interface Answer {
    result: {
      tools: { name: string }[];
      structuredContent: { customers: Record<string, unknown>[] };
      isError?: boolean;
      content: { type: string; text: string }[];
      _meta: Record<string, { id: string }>;
    };
  }

  /**
   * The JSON-RPC messages of a curl answer: the data lines of an event
   * stream (the server's answers), or a JSON body (the proxy's own answer,
   * as for a pending approval).
   */
  const messages = (out: string): Answer[] => {
    const text = out.trim();
    if (text.startsWith('{') || text.startsWith('[')) return [JSON.parse(text)].flat();
    return text
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => JSON.parse(l.slice(6)));
  };

  it("the banner's lines run as printed: tools listed without the refused one, results masked, approval asked, approved, run", () => {
    const lines = curlLines();
    expect(lines).toHaveLength(4);
    // One shell, so $SESSION carries over; each answer on a line of its own.
    const script = [
      `${lines[0]}; echo "$SESSION"; echo '----'`,
      ...lines.slice(1).map((l) => `${l}; echo; echo '----'`),
    ].join('\n');
    const run = spawnSync('bash', ['-c', script], { encoding: 'utf8', timeout: 60000 });
    expect(run.status).toBe(0);
    const [session, list, customers, deletion] = run.stdout.split('----\n');
    expect(session.trim()).toMatch(/^[\w-]{8,}$/);
    const tools = messages(list)[0]
      .result.tools.map((t) => t.name)
      .sort();
    expect(tools).toEqual(['customer_report', 'delete_customer', 'get_customer', 'list_customers']);
    const structured = messages(customers)[0].result.structuredContent.customers;
    expect(structured[0]).toMatchObject({ name: 'Ada Lovelace', email: '[MASKED]', ssn: '[MASKED]' });
    const pending = messages(deletion)[0].result;
    expect(pending.isError).toBe(true);
    expect(pending.content[0].text).toContain('a CRM owner must approve this call');
    const approvalId = pending._meta['portcullis/approval'].id;

    // The banner's approve line (the built command line for npx portcullis), then the call again with the id.
    const approve = banner
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.startsWith('npx portcullis approvals approve <id>'))!;
    const approved = spawnSync(
      'bash',
      ['-c', approve.replace('npx portcullis', 'node bin/portcullis.js').replace('<id>', approvalId)],
      { encoding: 'utf8', timeout: 60000 },
    );
    expect(approved.stdout).toContain(`${approvalId}: approved`);
    const retry = lines[3].replace(
      '"arguments":{"id":"c2"}',
      `"arguments":{"id":"c2","_portcullis_approval":"${approvalId}"}`,
    );
    expect(retry).not.toBe(lines[3]);
    const ran = spawnSync('bash', ['-c', retry], {
      encoding: 'utf8',
      timeout: 60000,
      env: { ...process.env, SESSION: session.trim() },
    });
    expect(messages(ran.stdout)[0].result).toEqual({
      content: [{ type: 'text', text: 'customer c2 deleted' }],
    });
  }, 120000);

  it("the SDK's client reaches it with the address and key the banner shows", async () => {
    const [, url, key] = /\n\s+(http:\S+\/mcp)\s+with the header\s+x-api-key: (\S+)/.exec(banner)!;
    const client = new Client({ name: 'banner-test', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { 'x-api-key': key } } }),
    );
    try {
      const ada = await client.callTool({ name: 'get_customer', arguments: { id: 'c1' } });
      expect(ada.structuredContent).toMatchObject({ id: 'c1', name: 'Ada Lovelace', email: '[MASKED]' });
      // Streamed with progress events before the result (the other test may have deleted c2 by now).
      const report = await client.callTool({ name: 'customer_report', arguments: {} });
      expect(report.structuredContent).toMatchObject({ plans: { pro: 1 } });
      const refused = await client.callTool({ name: 'export_customers', arguments: {} }).then(
        () => 'answered',
        (err: Error) => err.message,
      );
      expect(refused).toContain('bulk exports of customer data are for people, not service identities');
    } finally {
      await client.close();
    }
  }, 60000);
});
