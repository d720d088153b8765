import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { POLICIES_DIR } from '../../../services/cli/demo-setup.js';
import { createLogger } from '../../../services/common/logger.js';
import { buildBundle, readPolicySources } from '../../../services/compiler/project.js';
import { startDecisionService, type RunningDecisionService } from '../../../services/decision/index.js';
import type { ApprovalsConfigInput } from '../../../services/approvals/config.js';
import type { TransitionEvent } from '../../../services/approvals/types.js';
import { hashApiKey } from '../../../services/proxy/identity/api-keys.js';
import { startProxy, type ProxyConfigInput } from '../../../services/proxy/index.js';
import { startWorkers } from '../../../services/workers/index.js';
import { startIssuer, startUpstream } from '../../proxy/support/servers.js';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../../support/redis.js';
import { fakeClock } from './fixtures.js';

export const REVIEWER_KEY = 'reviewer-key-' + 'r'.repeat(24);

/** Feed events seen so far; `until` resolves once one matches (waits on the event, never on time). */
export function eventLog() {
  const events: TransitionEvent[] = [];
  const waiters: { match: (e: TransitionEvent) => boolean; resolve: (e: TransitionEvent) => void }[] = [];
  return {
    events,
    listener(event: TransitionEvent) {
      events.push(event);
      for (const w of [...waiters])
        if (w.match(event)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(event);
        }
    },
    until(match: (e: TransitionEvent) => boolean): Promise<TransitionEvent> {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

/** The gateway policy compiled by our compiler, as a bundle file. */
export async function gatewayBundle(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'pc-approvals-'));
  const { bundle } = await buildBundle(readPolicySources([POLICIES_DIR]), {
    entrypoints: ['gateway/decision'],
    revision: 'approvals-test',
  });
  const file = join(dir, 'gateway.tar.gz');
  writeFileSync(file, bundle);
  return file;
}

export interface StackOptions {
  /** Approval settings of the workers (channels, directory). */
  approvals?: ApprovalsConfigInput;
}

/**
 * Every real part of the approval path on loopback: an OIDC issuer, the
 * decision service running the compiled gateway policy, an upstream that
 * records what reaches it, the workers (API, feed, queues) with a
 * hand-moved clock, and proxies built on demand, all on one Redis prefix.
 */
export async function startApprovalStack(options: StackOptions = {}) {
  const logger = createLogger({ level: 'silent' });
  const prefix = uniquePrefix('approvals-e2e');
  const clock = fakeClock();
  const env = `PC_APPROVALS_TOKEN_${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  process.env[env] = 'upstream-secret-approvals';
  const [issuer, upstream] = await Promise.all([startIssuer(), startUpstream()]);
  const decision: RunningDecisionService = await startDecisionService({
    bundles: [await gatewayBundle()],
    port: 0,
    workers: 1,
    redisUrl: testRedisUrl(),
    redisPrefix: prefix,
    logger,
  });
  const identity = {
    issuers: [{ issuer: issuer.url, audience: 'portcullis', algorithms: ['RS256' as const] }],
    apiKeys: [{ id: 'reviewer', sha256: hashApiKey(REVIEWER_KEY), subject: 'rita', groups: ['crm-owners'] }],
  };
  const workers = await startWorkers({
    redisUrl: testRedisUrl(),
    prefix,
    host: '127.0.0.1',
    port: 0,
    logger,
    approvals: {
      identity,
      config: { adminGroups: ['approval-admins'], ...options.approvals },
      now: clock.now,
    },
  });
  const log = eventLog();
  workers.approvals!.feed.onTransition(log.listener);
  const proxies: { close(): Promise<void> }[] = [];

  /** A proxy on this stack; `connections` override the mode per connection name. */
  async function proxy(
    modes: Record<string, { mode: 'hold' | 'async'; holdSeconds?: number }>,
    overrides: Partial<ProxyConfigInput> = {},
  ) {
    const running = await startProxy(
      {
        port: 0,
        decisionUrl: decision.url,
        identity,
        approvals: { redisUrl: testRedisUrl(), prefix, publicUrl: workers.url },
        connections: Object.entries(modes).map(([name, approval]) => ({
          name,
          match: { pathPrefix: `/${name}` },
          upstream: upstream.url,
          credential: { type: 'bearer' as const, value: { env } },
          approval,
        })),
        ...overrides,
      },
      { logger },
    );
    proxies.push(running);
    return running;
  }

  const token = (sub: string, groups: string[]) => issuer.sign({ sub, email: `${sub}@example.com`, groups });

  /** Calls the workers' API as `sub` in `groups`. */
  async function api(method: 'GET' | 'POST', path: string, sub: string, groups: string[], body?: unknown) {
    const res = await fetch(`${workers.url}${path}`, {
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
    prefix,
    clock,
    issuer,
    upstream,
    decision,
    workers,
    log,
    identity,
    proxy,
    token,
    api,
    /** Calls `url` (a proxy URL and path) as `sub` in `groups`. */
    async call(
      url: string,
      sub: string,
      groups: string[],
      init: RequestInit & { headers?: Record<string, string> } = {},
    ) {
      const res = await fetch(url, {
        ...init,
        headers: { authorization: `Bearer ${await token(sub, groups)}`, ...(init.headers ?? {}) },
      });
      const text = await res.text();
      let json: Record<string, any> = {}; // eslint-disable-line @typescript-eslint/no-explicit-any
      try {
        json = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: res.status, headers: res.headers, text, json };
    },
    async close() {
      for (const p of proxies) await p.close();
      await workers.close();
      await decision.close();
      await Promise.all([issuer.close(), upstream.close()]);
      await deleteKeys(prefix);
      delete process.env[env];
    },
  };
}

export type ApprovalStack = Awaited<ReturnType<typeof startApprovalStack>>;
