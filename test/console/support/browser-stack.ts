import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditProducer } from '../../../services/audit/producer.js';
import { POLICIES_DIR } from '../../../services/cli/demo-setup.js';
import { listen } from '../../../services/common/http.js';
import { createLogger } from '../../../services/common/logger.js';
import { buildBundle, readPolicySources } from '../../../services/compiler/project.js';
import { startDecisionService } from '../../../services/decision/index.js';
import { createDemoUpstream } from '../../../services/demo/upstream.js';
import { startProxy } from '../../../services/proxy/index.js';
import { testRedisUrl, uniquePrefix } from '../../support/redis.js';
import { PEOPLE, startConsoleStack, type Person } from './stack.js';

const TOKEN = 'browser-replay-token-' + 'z'.repeat(24);
const UPSTREAM_TOKEN = 'browser-demo-upstream-' + 'u'.repeat(16);

/**
 * The gateway policy as built from policies/, and a candidate that differs
 * in two known ways: engineers lose reads on crm (allow → deny), and a
 * new customer needs two crm-owners (approval changed).
 */
async function gatewayBundles(dir: string) {
  const build = async (name: string, src: string) => {
    const { bundle } = await buildBundle(readPolicySources([src]), {
      entrypoints: ['gateway/decision', 'system/log/mask'],
      revision: name,
    });
    const path = join(dir, `${name}.tar.gz`);
    writeFileSync(path, bundle);
    return path;
  };
  const live = await build('gateway-live', POLICIES_DIR);
  const candidateSrc = join(dir, 'candidate-policies');
  cpSync(POLICIES_DIR, candidateSrc, { recursive: true });
  const dataFile = join(candidateSrc, 'gateway', 'data.json');
  const data = JSON.parse(readFileSync(dataFile, 'utf8'));
  const crm = data.config.connections.crm;
  crm.rules = crm.rules.map((r: { roles: string[]; methods: string[] }) =>
    r.methods.includes('GET') ? { ...r, roles: r.roles.filter((role) => role !== 'developer') } : r,
  );
  for (const a of data.config.approvals) if (a.connection === 'crm') a.min_approvals = 2;
  writeFileSync(dataFile, JSON.stringify(data));
  const candidate = await build('gateway-candidate', candidateSrc);
  return { live, candidate };
}

/**
 * Everything a reviewer's and an auditor's day touches, on loopback: the
 * demo customer API behind the proxy (crm connection, requests held for
 * approval), the decision service running the gateway policy (with the
 * candidate as its shadow and the candidate API on), and the workers with
 * approvals, the audit trail, replay and the console.
 */
export async function startBrowserStack() {
  const logger = createLogger({ level: 'silent' });
  const prefix = uniquePrefix('console-browser');
  const dir = mkdtempSync(join(tmpdir(), 'pc-console-browser-'));
  const bundles = await gatewayBundles(dir);
  const decision = await startDecisionService({
    bundles: [bundles.live],
    workers: 1,
    redisUrl: testRedisUrl(),
    redisPrefix: prefix,
    candidates: { token: TOKEN },
    shadow: { bundle: bundles.candidate },
  });
  const stack = await startConsoleStack({
    prefix,
    audit: true,
    decisionServices: [decision.url],
    replay: { decisionUrl: decision.url, token: TOKEN },
    console: { traceUrl: 'http://localhost:16686/trace/{trace_id}' },
  });
  const upstream = await listen(createDemoUpstream({ logger, token: UPSTREAM_TOKEN }), 0, '127.0.0.1');
  const env = `PC_BROWSER_UPSTREAM_${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  process.env[env] = UPSTREAM_TOKEN;
  const audit = new AuditProducer({
    redisUrl: testRedisUrl(),
    prefix,
    source: { service: 'proxy', instance: 'test' },
  });
  const proxy = await startProxy(
    {
      decisionUrl: decision.url,
      identity: stack.identity,
      approvals: { redisUrl: testRedisUrl(), prefix, publicUrl: stack.url },
      connections: [
        {
          name: 'crm',
          match: { pathPrefix: '/crm' },
          stripPrefix: true,
          upstream: upstream.url,
          credential: { type: 'bearer', value: { env } },
          entrypoint: 'gateway/decision',
          approval: { mode: 'hold', holdSeconds: 120 },
          audit: { mode: 'async', level: 'full' },
        },
      ],
    },
    { port: 0, logger, audit },
  );

  /** A request through the proxy as one of PEOPLE. */
  const call = async (person: Person, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${proxy.url}/crm${path}`, {
      method,
      headers: {
        'x-api-key': PEOPLE[person].key,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // not JSON
    }
    return { status: res.status, json, text };
  };

  return {
    ...stack,
    decision,
    proxy,
    bundles,
    call,
    async close() {
      await proxy.close();
      await audit.close();
      await upstream.close();
      await stack.close();
      await decision.close();
      delete process.env[env];
    },
  };
}
