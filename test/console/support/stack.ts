import request from 'supertest';
import type { ConsoleConfigInput } from '../../../services/console/config.js';
import { createLogger } from '../../../services/common/logger.js';
import { hashApiKey } from '../../../services/proxy/identity/api-keys.js';
import { startWorkers } from '../../../services/workers/index.js';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../../support/redis.js';
import { dropSchema, testPostgresUrl, uniqueSchema } from '../../support/postgres.js';

/** The people of the console tests: each an API key of the proxy's identity config. */
export const PEOPLE = {
  alice: { key: 'pc_test_alice_' + 'a'.repeat(24), groups: ['engineers'] },
  bob: { key: 'pc_test_bob_' + 'b'.repeat(24), groups: ['crm-owners'] },
  carol: { key: 'pc_test_carol_' + 'c'.repeat(24), groups: ['crm-owners'] },
  root: { key: 'pc_test_root_' + 'r'.repeat(24), groups: ['approval-admins'] },
  ann: { key: 'pc_test_ann_' + 'n'.repeat(24), groups: ['auditors'] },
} as const;
export type Person = keyof typeof PEOPLE;

export interface ConsoleStackOptions {
  /** `console:` settings on top of the development sign-in with every person. */
  console?: ConsoleConfigInput;
  /** JWT issuers the API accepts besides the API keys (an OIDC provider's). */
  issuers?: { issuer: string; audience: string; algorithms: ['RS256'] }[];
  /** Run the audit trail (a PostgreSQL schema of its own). @defaultValue false */
  audit?: boolean;
  /** The console's clock. */
  now?: () => number;
  decisionServices?: string[];
  /** Serve /v1/replay against this decision service, with this token. */
  replay?: { decisionUrl: string; token: string };
  /** The key prefix (a decision service recording to the same stream needs it first). @defaultValue a new one */
  prefix?: string;
}

/** Workers with the approvals API, optionally the audit trail, and the console, on a prefix of their own. */
export async function startConsoleStack(options: ConsoleStackOptions = {}) {
  const prefix = options.prefix ?? uniquePrefix('console');
  const schema = uniqueSchema('console');
  const identity = {
    issuers: options.issuers ?? [],
    apiKeys: Object.entries(PEOPLE).map(([sub, p]) => ({
      id: sub,
      sha256: hashApiKey(p.key),
      subject: sub,
      groups: [...p.groups],
    })),
    apiKeyHeader: 'x-api-key',
  };
  const workers = await startWorkers({
    redisUrl: testRedisUrl(),
    prefix,
    host: '127.0.0.1',
    port: 0,
    logger: createLogger({ level: 'silent' }),
    approvals: { identity, config: { adminGroups: ['approval-admins'] } },
    audit: options.audit
      ? {
          identity,
          config: {
            spool: { enabled: false },
            sinks: [
              { type: 'postgres', name: 'store', url: testPostgresUrl(), schema, batch: { timeoutMs: 50 } },
            ],
          },
        }
      : undefined,
    replay: options.replay && {
      identity,
      decisionUrl: options.replay.decisionUrl,
      config: { token: { value: options.replay.token } },
    },
    console: {
      identity,
      adminGroups: ['approval-admins'],
      auditorGroup: 'auditors',
      now: options.now,
      bundles: { decisionServices: options.decisionServices ?? [] },
      config: {
        devSignIn: {
          enabled: true,
          users: Object.entries(PEOPLE).map(([sub, p]) => ({
            label: `${sub} (${p.groups.join(', ')})`,
            apiKey: { value: p.key },
          })),
        },
        pollSeconds: 0.2,
        ...options.console,
      },
    },
  });
  return {
    workers,
    prefix,
    schema,
    identity,
    url: workers.url,
    async close() {
      await workers.close();
      await deleteKeys(prefix);
      if (options.audit) await dropSchema(schema);
    },
  };
}

/** Cookies as a browser keeps them: name → value, from Set-Cookie headers. */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  take(setCookie: string[] | string | undefined): void {
    for (const line of [setCookie ?? []].flat()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = decodeURIComponent(pair.slice(eq + 1).trim());
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([n, v]) => `${n}=${encodeURIComponent(v)}`).join('; ');
  }
}

/** A browser-like client of the console: keeps its cookies, reads form tokens out of pages. */
export class ConsoleBrowser {
  readonly jar = new CookieJar();

  constructor(readonly url: string) {}

  async get(path: string) {
    const res = await request(this.url).get(path).set('cookie', this.jar.header());
    this.jar.take(res.headers['set-cookie']);
    return res;
  }

  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    const res = await request(this.url)
      .post(path)
      .set('cookie', this.jar.header())
      .set(headers)
      .type('form')
      .send(form);
    this.jar.take(res.headers['set-cookie']);
    return res;
  }

  /** The form token a page carries (the first `_csrf` field). */
  static csrfOf(html: string): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!m) throw new Error('no form token in the page');
    return m[1];
  }

  /** Signs in with the development sign-in as one of PEOPLE (the button's form). */
  async signInAs(person: Person) {
    const page = await this.get('/console/signin');
    const index = Object.keys(PEOPLE).indexOf(person);
    const res = await this.post('/console/signin/dev', {
      _csrf: ConsoleBrowser.csrfOf(page.text),
      user: String(index),
      return: '/console/inbox',
    });
    if (res.status !== 303) throw new Error(`sign-in as ${person} answered ${res.status}: ${res.text}`);
    return res;
  }
}
