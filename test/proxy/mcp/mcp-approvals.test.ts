import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { startMcpStack, type McpStack } from './support/mcp-stack.js';

/**
 * A destructive tool (policies/mcp: delete_customer) needs a CRM owner's
 * approval: the call is answered with a tool result saying so and how to
 * retry (async), or held until a reviewer approves through the workers'
 * API (hold). Real parts: Redis, the workers, the SDK on both ends.
 */

type ToolText = { content: { type: string; text: string }[]; isError?: boolean; _meta?: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

function calls(s: McpStack, tool: string): Record<string, unknown>[] {
  return s
    .posts()
    .flatMap((p) => {
      const body = JSON.parse(p.body);
      return Array.isArray(body) ? body : [body];
    })
    .filter((m) => m.method === 'tools/call' && m.params?.name === tool)
    .map((m) => m.params.arguments);
}

async function refusal(promise: Promise<unknown>): Promise<McpError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(McpError);
  return err as McpError;
}

describe('MCP approvals (async): a tool result says approval is pending and how to retry', () => {
  let s: McpStack;
  beforeAll(async () => {
    s = await startMcpStack({ approvals: { mode: 'async' } });
  }, 60000);
  afterAll(async () => s?.close());

  it('pending, approved by a reviewer, then the retried call runs once', async () => {
    const alice = await s.client();
    const first = (await alice.callTool({ name: 'delete_customer', arguments: { id: 'c1' } })) as ToolText;
    expect(first.isError).toBe(true);
    const approval = first._meta!['portcullis/approval'];
    expect(approval).toMatchObject({
      status: 'pending',
      url: `${s.workers!.url}/v1/approvals/${approval.id}`,
    });
    expect(first.content[0].text).toContain(`Approval ${approval.id} is pending`);
    expect(first.content[0].text).toContain(
      `call delete_customer again with the same arguments and add "_portcullis_approval": "${approval.id}"`,
    );
    expect(first.content[0].text).toContain('a CRM owner must approve this call');
    expect(calls(s, 'delete_customer')).toEqual([]);

    // The reviewer sees the call as the policy saw it.
    const shown = await s.api('GET', `/v1/approvals/${approval.id}`, 'rita', ['crm-owners']);
    expect(shown.status).toBe(200);
    expect(JSON.parse(shown.body.request.body.excerpt)).toEqual({
      method: 'tools/call',
      params: { arguments: { id: 'c1' }, name: 'delete_customer' },
    });

    // Too early: still pending, the same approval.
    const early = (await alice.callTool({
      name: 'delete_customer',
      arguments: { id: 'c1', _portcullis_approval: approval.id },
    })) as ToolText;
    expect(early._meta!['portcullis/approval'].id).toBe(approval.id);
    expect(calls(s, 'delete_customer')).toEqual([]);

    const approved = await s.api('POST', `/v1/approvals/${approval.id}/approve`, 'rita', ['crm-owners'], {
      reason: 'confirmed with the customer',
    });
    expect(approved.status).toBe(200);

    // Other arguments with the same approval: refused, nothing runs.
    const mismatch = await refusal(
      alice.callTool({ name: 'delete_customer', arguments: { id: 'c2', _portcullis_approval: approval.id } }),
    );
    expect(mismatch.code).toBe(-32011);
    expect(mismatch.data).toMatchObject({ error: 'approval_mismatch', approval_id: approval.id });

    // Another caller cannot use it either.
    const bob = await s.client({ sub: 'bob' });
    const stranger = await refusal(
      bob.callTool({ name: 'delete_customer', arguments: { id: 'c1', _portcullis_approval: approval.id } }),
    );
    expect((stranger.data as { error: string }).error).toBe('approval_mismatch');

    const resumed = (await alice.callTool({
      name: 'delete_customer',
      arguments: { id: 'c1', _portcullis_approval: approval.id },
    })) as ToolText;
    expect(resumed.isError).toBeFalsy();
    expect(resumed.content[0].text).toBe('customer c1 deleted');
    // The server got the arguments without Portcullis' own key.
    expect(calls(s, 'delete_customer')).toEqual([{ id: 'c1' }]);
    const decided = s.decisions.calls.at(-1)!.input;
    expect(decided.approval).toMatchObject({ id: approval.id, status: 'approved' });
    expect(decided.mcp.arguments).toEqual({ id: 'c1' });

    // One-shot: the same call again is refused.
    const replay = await refusal(
      alice.callTool({ name: 'delete_customer', arguments: { id: 'c1', _portcullis_approval: approval.id } }),
    );
    expect(replay.code).toBe(-32011);
    expect((replay.data as { error: string }).error).toBe('approval_used');
    expect(calls(s, 'delete_customer')).toHaveLength(1);
  });

  it('a program can carry the approval in params._meta, and a denial is reported with its reason', async () => {
    const alice = await s.client();
    const first = (await alice.callTool({ name: 'delete_customer', arguments: { id: 'c2' } })) as ToolText;
    const id = first._meta!['portcullis/approval'].id as string;
    const denied = await s.api('POST', `/v1/approvals/${id}/deny`, 'rita', ['crm-owners'], {
      reason: 'c2 has open invoices',
    });
    expect(denied.status).toBe(200);
    const refused = await refusal(
      alice.callTool({
        name: 'delete_customer',
        arguments: { id: 'c2' },
        _meta: { 'portcullis/approval': id },
      }),
    );
    expect(refused.code).toBe(-32011);
    expect(refused.message).toContain('c2 has open invoices');
    expect(refused.data).toMatchObject({ error: 'approval_denied', approval_id: id, settled_by: 'rita' });
    expect(calls(s, 'delete_customer').filter((a) => a.id === 'c2')).toEqual([]);
  });
});

describe('MCP approvals (hold): the call waits for the reviewer and then runs', () => {
  let s: McpStack;
  beforeAll(async () => {
    s = await startMcpStack({ approvals: { mode: 'hold', holdSeconds: 120 } });
  }, 60000);
  afterAll(async () => s?.close());

  it('answers with the tool result once approved, no retry needed', async () => {
    const alice = await s.client();
    const call = alice.callTool({ name: 'delete_customer', arguments: { id: 'c2' } }) as Promise<ToolText>;
    const requested = await s.transitions.until((e) => e.type === 'approval.requested');
    expect(calls(s, 'delete_customer')).toEqual([]);
    const approved = await s.api('POST', `/v1/approvals/${requested.approval_id}/approve`, 'rita', [
      'crm-owners',
    ]);
    expect(approved.status).toBe(200);
    const result = await call;
    expect(result.content[0].text).toBe('customer c2 deleted');
    expect(calls(s, 'delete_customer')).toEqual([{ id: 'c2' }]);
  });
});
