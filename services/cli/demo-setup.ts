import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProxyConfig } from '../proxy/config.js';
import { buildBundle, readPolicySources } from '../compiler/project.js';
import { DEFAULT_DEMO_TOKEN, DEMO_UPSTREAM_TOKEN_ENV } from '../demo/upstream.js';
import { demoMcpConnection } from './mcp-demo.js';

/** The package's own folders, whether running from the sources or from dist/. */
function packageDir(name: string): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const root = here.includes(`${'/dist/'}`) ? join(here, '../../..') : join(here, '../..');
  return join(root, name);
}

/** policies/: the gateway policy's data.json sits at data.gateway, as `opa build policies/` places it. */
export const POLICIES_DIR = packageDir('policies');

/**
 * Compiles policies/ (the gateway policy) into bundles/gateway.tar.gz (or a temporary
 * folder when the package is read-only) and returns the bundle's path.
 */
export async function buildGatewayBundle(): Promise<string> {
  const { bundle } = await buildBundle(readPolicySources([POLICIES_DIR]), {
    // system/log/mask: the decision logs' masking rule (policies/gateway/log.rego).
    // mcp/decision: the demo MCP server's connection (policies/mcp).
    entrypoints: ['gateway/decision', 'system/log/mask', 'mcp/decision'],
    revision: `start-${new Date().toISOString()}`,
  });
  for (const dir of [packageDir('bundles'), join(tmpdir(), 'portcullis-bundles')]) {
    try {
      mkdirSync(dir, { recursive: true });
      const file = join(dir, 'gateway.tar.gz');
      // Written whole, then renamed: another `start` (or a test) may be reading it right now.
      const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
      writeFileSync(partial, bundle);
      renameSync(partial, file);
      return file;
    } catch {
      // read-only: try the next place
    }
  }
  throw new Error('cannot write the gateway bundle anywhere');
}

export interface DemoProxySetup {
  config: ProxyConfig;
  /** An API key valid for this run only, printed for the user to try the proxy. */
  apiKey?: string;
  /** A reviewer's API key (a crm-owner) for this run, printed to approve from the CLI. */
  reviewerKey?: string;
}

/**
 * When the configuration declares no connections, `npm start` puts the demo
 * customer API behind the proxy at /crm as the gateway policy's `crm`
 * connection, with its credential injected and a fresh API key for a
 * member of the `engineers` group (who may read customers, masked).
 */
export function demoProxyConfig(
  config: ProxyConfig,
  demoUrl: string,
  decisionUrl: string,
  /** The demo MCP server's /mcp URL: put behind the proxy at /mcp too. */
  mcpUrl?: string,
): DemoProxySetup {
  // The stack's decision service, unless the proxy is configured to decide in-process.
  const decisions = config.decision.bundles === undefined ? { decisionUrl } : {};
  if (config.connections.length > 0) return { config: { ...config, ...decisions } };
  process.env[DEMO_UPSTREAM_TOKEN_ENV] ??= DEFAULT_DEMO_TOKEN;
  const apiKey = `pc_demo_${randomBytes(12).toString('hex')}`;
  const reviewerKey = `pc_review_${randomBytes(12).toString('hex')}`;
  const demo: ProxyConfig = {
    ...config,
    ...decisions,
    identity: {
      ...config.identity,
      apiKeys: [
        ...config.identity.apiKeys,
        {
          id: 'demo',
          sha256: createHash('sha256').update(apiKey).digest('hex'),
          subject: 'demo-user',
          groups: ['engineers'],
        },
        {
          id: 'demo-reviewer',
          sha256: createHash('sha256').update(reviewerKey).digest('hex'),
          subject: 'demo-reviewer',
          groups: ['crm-owners'],
        },
      ],
    },
    connections: [
      {
        name: 'crm',
        match: { pathPrefix: '/crm' },
        stripPrefix: true,
        upstream: demoUrl,
        credential: { type: 'bearer', value: { env: DEMO_UPSTREAM_TOKEN_ENV } },
        forwardIdentity: {
          mode: 'headers',
          header: 'X-Portcullis-Identity',
          algorithm: 'ES256',
          issuer: 'portcullis',
          ttlSeconds: 60,
        },
        entrypoint: 'gateway/decision',
        failMode: 'closed',
        methodOverride: 'refuse',
        tags: ['demo'],
        maxBodyBytes: 1024 * 1024,
        audit: { mode: 'async', level: 'basic', maxBodyBytes: 64 * 1024 },
        // The caller gets 202 and an approval id at once; the banner says how to approve it.
        approval: { mode: 'async', holdSeconds: 30 },
        timeouts: { connectMs: 5000, headersMs: 30000, bodyMs: 30000 },
      },
      ...(mcpUrl ? [demoMcpConnection(mcpUrl)] : []),
    ],
  };
  return { config: demo, apiKey, reviewerKey };
}
