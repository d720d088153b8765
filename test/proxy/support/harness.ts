import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { hashApiKey } from '../../../services/proxy/identity/api-keys.js';
import { startProxy } from '../../../services/proxy/index.js';
import type { ProxyConfigInput } from '../../../services/proxy/config.js';
import { startDecisionService, startIssuer, startUpstream, type DecisionFn } from './servers.js';

export const API_KEY = 'svc-key-' + 'x'.repeat(24);

/** Allows everyone; the simplest stand-in policy. */
export const allowAll: DecisionFn = () => ({ allow: true, reasons: ['test allows all'] });

export interface HarnessOptions {
  decide?: DecisionFn;
  /** Changes to the generated config (connections are replaced whole when given). */
  configure?: (config: ProxyConfigInput & Required<Pick<ProxyConfigInput, 'connections'>>) => void;
}

/**
 * Everything on loopback: an upstream, the decision stand-in, an OIDC
 * issuer, and the proxy in front with one connection `api` at `/api`
 * injecting a bearer credential from a per-test environment variable.
 */
export async function startHarness(options: HarnessOptions = {}) {
  const upstream = await startUpstream();
  const decisions = await startDecisionService(options.decide ?? allowAll);
  const issuer = await startIssuer();
  const envName = `PC_TEST_CRED_${randomBytes(4).toString('hex').toUpperCase()}`;
  const secret = 'upstream-secret-' + randomBytes(8).toString('hex');
  process.env[envName] = secret;
  const config: ProxyConfigInput & Required<Pick<ProxyConfigInput, 'connections'>> = {
    decisionUrl: decisions.url,
    // Generous: on a loaded machine a decision may take a while; tests of the timeout set their own.
    decision: { timeoutMs: 10_000 },
    identity: {
      issuers: [
        { issuer: issuer.url, audience: 'portcullis', algorithms: ['RS256'], jwksCooldownSeconds: 0 },
      ],
      apiKeys: [{ id: 'ci', sha256: hashApiKey(API_KEY), subject: 'ci-bot', groups: ['ci'] }],
    },
    connections: [
      {
        name: 'api',
        match: { pathPrefix: '/api' },
        upstream: upstream.url,
        credential: { type: 'bearer', value: { env: envName } },
        tags: ['internal'],
      },
    ],
  };
  options.configure?.(config);
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      callback();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  const proxy = await startProxy(config, { port: 0, host: '127.0.0.1', logger });
  const token = (claims: Record<string, unknown> = {}) =>
    issuer.sign({ sub: 'alice', email: 'alice@example.com', groups: ['engineers'], ...claims });
  return {
    upstream,
    decisions,
    issuer,
    proxy,
    secret,
    envName,
    logs: lines,
    token,
    /** fetch through the proxy with a valid token unless headers say otherwise. */
    async call(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
      const headers = { authorization: `Bearer ${await token()}`, ...(init.headers ?? {}) };
      const response = await fetch(proxy.url + path, { ...init, headers });
      const text = await response.text();
      return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
    },
    async close() {
      await proxy.close();
      await Promise.all([upstream.close(), decisions.close(), issuer.close()]);
      delete process.env[envName];
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
