import { readdirSync, readFileSync } from 'node:fs';
import { loadPolicy, type LoadedPolicy } from '@open-policy-agent/opa-wasm';
import { hostBuiltins } from '../../services/compiler/builtins/index.js';
import { compileAndPlan } from '../../services/compiler/plan/index.js';
import { parseModule } from '../../services/compiler/rego/index.js';
import { generateWasm } from '../../services/compiler/wasm/index.js';
import { startHarness, type Harness } from './support/harness.js';

// policies/gateway compiled by Portcullis' own Rego → WASM compiler and run by
// the unmodified opa-wasm SDK: its test_* rules, then the proxy enforcing it.
const dir = new URL('../../policies/gateway/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dir), 'utf8');

const NEGATIVE_TEST = `package gateway_negative_test
import data.gateway
test_admins_may_delete_repos if {
	gateway.decision.allow with input as data.gateway_test.request("DELETE", "/repos/a/b", ["admins"], "github")
}
`;

function testRuleNames(source: string): string[] {
  return [...source.matchAll(/^(test_\w+) if/gm)].map((m) => m[1]);
}

async function compileGateway(): Promise<{ policy: LoadedPolicy; tests: string[] }> {
  // Every module of the directory, as `portcullis test policies` loads it (log.rego holds system.log).
  const files = readdirSync(dir).filter((name) => name.endsWith('.rego'));
  expect(files).toEqual(expect.arrayContaining(['gateway.rego', 'gateway_test.rego', 'log.rego']));
  const sources = Object.fromEntries(files.map((file) => [file, read(file)]));
  const modules = [
    ...Object.entries(sources).map(([file, text]) => parseModule(text, file)),
    parseModule(NEGATIVE_TEST, 'negative_test.rego'),
  ];
  const tests = testRuleNames(sources['gateway_test.rego']).map((t) => `gateway_test/${t}`);
  const entrypoints = ['gateway/decision', ...tests, 'gateway_negative_test/test_admins_may_delete_repos'];
  const wasm = generateWasm(compileAndPlan(modules, entrypoints).policy);
  const policy = await loadPolicy(wasm, undefined, hostBuiltins({ strict: true }) as never);
  policy.setData({ gateway: JSON.parse(read('data.json')) });
  return { policy, tests };
}

describe('the gateway policy, compiled to WASM', () => {
  let compiled: Awaited<ReturnType<typeof compileGateway>>;
  beforeAll(async () => {
    compiled = await compileGateway();
  }, 60000);

  it('passes every test_* rule of gateway_test.rego', () => {
    expect(compiled.tests.length).toBeGreaterThanOrEqual(20);
    const failed = compiled.tests.filter((t) => {
      const result = compiled.policy.evaluate({}, t) as { result: unknown }[];
      return !(result.length === 1 && result[0].result === true);
    });
    expect(failed).toEqual([]);
  });

  it('reports a false test as undefined (so the check above can fail)', () => {
    expect(compiled.policy.evaluate({}, 'gateway_negative_test/test_admins_may_delete_repos')).toEqual([]);
  });

  describe('enforced by the proxy', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({
        decide: (input) =>
          (compiled.policy.evaluate(input, 'gateway/decision') as { result: unknown }[])[0]?.result,
        configure: (c) => {
          c.connections[0].name = 'github';
          c.connections.push({
            name: 'warehouse',
            match: { pathPrefix: '/warehouse' },
            upstream: c.connections[0].upstream,
          });
        },
      });
    }, 30000);
    afterAll(async () => h?.close());

    it('lets an engineer read a repository, with personal data masked and roles passed on', async () => {
      h.upstream.reply = () => ({
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'api', owner: { email: 'ops@acme.test', ssn: '078-05-1120' } }),
      });
      const res = await h.call('/api/repos/acme/api');
      expect(res.status).toBe(200);
      expect(res.json()).toEqual({ name: 'api', owner: { email: '[MASKED]', ssn: '[MASKED]' } });
      expect(h.upstream.requests.at(-1)!.headers['x-gateway-roles']).toBe('developer');
      h.upstream.reply = undefined;
    });

    it('denies what no rule grants, and DELETE on a blocked connection', async () => {
      const settings = await h.call('/api/repos/acme/api', { method: 'PATCH', body: '{}' });
      expect(settings.status).toBe(403);
      expect(settings.json().reasons).toEqual(['no rule grants your roles this method and path']);
      const del = await h.call('/api/repos/acme/api', {
        method: 'DELETE',
        headers: { authorization: `Bearer ${await h.token({ groups: ['admins'] })}` },
      });
      expect(del.status).toBe(403);
      expect(del.json().reasons).toContain('DELETE is blocked on this connection');
    });

    it('blocks destructive SQL and asks for approval before dropping a table', async () => {
      const sre = {
        authorization: `Bearer ${await h.token({ groups: ['sre'] })}`,
        'content-type': 'text/plain',
      };
      const drop = await h.call('/warehouse/query', {
        method: 'POST',
        headers: sre,
        body: 'DROP TABLE users;',
      });
      expect(drop.status).toBe(403);
      expect(drop.json().reasons).toEqual(['the body looks like destructive SQL']);
      const select = await h.call('/warehouse/query', { method: 'POST', headers: sre, body: 'SELECT 1' });
      expect(select.status).toBe(200);
      const table = await h.call('/warehouse/tables/events', { method: 'DELETE', headers: sre });
      expect(table.status).toBe(403);
      expect(table.json()).toMatchObject({
        error: 'approval_required',
        reasons: expect.arrayContaining(['dropping a warehouse table needs two data owners']),
      });
    });
  });
});
