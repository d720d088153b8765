import type { ConnectionConfig } from '../proxy/config.js';
import { DEMO_UPSTREAM_TOKEN_ENV } from '../demo/upstream.js';

/**
 * The demo MCP server behind `npm start`'s proxy: the `crm-mcp` connection
 * (protocol mcp, decided by policies/mcp, the demo credential injected) and
 * what the banner says about it.
 */

/** The connection `npm start` adds for the demo MCP server at `upstream` (its /mcp URL). */
export function demoMcpConnection(upstream: string): ConnectionConfig {
  return {
    name: 'crm-mcp',
    protocol: 'mcp',
    match: { pathPrefix: '/mcp' },
    stripPrefix: true,
    upstream,
    credential: { type: 'bearer', value: { env: DEMO_UPSTREAM_TOKEN_ENV } },
    forwardIdentity: {
      mode: 'none',
      header: 'X-Portcullis-Identity',
      algorithm: 'ES256',
      issuer: 'portcullis',
      ttlSeconds: 60,
    },
    entrypoint: 'mcp/decision',
    failMode: 'closed',
    methodOverride: 'refuse',
    tags: ['demo', 'mcp'],
    maxBodyBytes: 1024 * 1024,
    audit: { mode: 'async', level: 'basic', maxBodyBytes: 64 * 1024 },
    // The agent gets a tool result naming the approval at once; the banner says how to approve it.
    approval: { mode: 'async', holdSeconds: 30 },
    timeouts: { connectMs: 5000, headersMs: 30000, bodyMs: 30000 },
  };
}

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'curl', version: '1' } },
});

function call(id: number, tool: string, args: Record<string, unknown>): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name: tool, arguments: args },
  });
}

/** How to reach the demo MCP server through the proxy, for the `npm start` banner. */
export function mcpBanner(
  mcpUrl: string,
  apiKey: string,
  reviewerKey: string | undefined,
  workersUrl: string,
): string {
  const curl = `curl -s -H 'x-api-key: ${apiKey}' -H 'content-type: application/json' -H 'accept: application/json, text/event-stream'`;
  const session = `${curl} -H "mcp-session-id: $SESSION"`;
  const approve = reviewerKey
    ? `A reviewer approves it, then the same call with "_portcullis_approval": "<id>" added to the arguments runs:\n` +
      `  npx portcullis approvals approve <id> --url ${workersUrl} --api-key ${reviewerKey}\n`
    : '';
  return (
    `\nThe demo MCP server (customer tools, the official SDK) sits behind the proxy at /mcp; each\n` +
    `JSON-RPC message is decided by policies/mcp (docs/MCP.md). An MCP client (streamable HTTP) uses\n` +
    `  ${mcpUrl}  with the header  x-api-key: ${apiKey}\n` +
    `or, with curl (the demo key is a service identity):\n` +
    `  SESSION=$(${curl} -D - -o /dev/null -d '${INITIALIZE}' ${mcpUrl} | tr -d '\\r' | sed -n 's/^mcp-session-id: //Ip')\n` +
    `  ${session} -d '${JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' })}' ${mcpUrl}\n` +
    `  ${session} -d '${call(3, 'list_customers', {})}' ${mcpUrl}\n` +
    `tools/list hides export_customers (refused to service identities), list_customers comes back with\n` +
    `personal data masked, and delete_customer answers that a CRM owner must approve it:\n` +
    `  ${session} -d '${call(4, 'delete_customer', { id: 'c2' })}' ${mcpUrl}\n` +
    approve
  );
}
