/*
 * Rego v0 sources in bundles served by the decision service: the manifest
 * says which files are v0 (`rego_version`, `file_rego_versions`); a bundle
 * that says nothing is read as v1, or as v0 with `v0Compatible` (OPA's
 * `--v0-compatible`). Documents are compiled from the sources on first use.
 */
import { startDecisionService, type RunningDecisionService } from '../../services/decision/index.js';
import { cleanup, postJson, tempDir, writeFiles } from './support.js';

const POLICY_V0 = `package authz

default allow = false

allow { input.user == data.authz.admins[_] }

deny[msg] {
  not allow
  msg := sprintf("%s is not an admin", [input.user])
}
`;

const REPORT_V1 = `package report

summary := {"denied": count(data.authz.deny), "allowed": data.authz.allow}
`;

const DATA = { admins: ['ada'] };

async function serve(
  dir: string,
  manifest: Record<string, unknown>,
  v0Compatible?: boolean,
): Promise<RunningDecisionService> {
  await writeFiles(dir, {
    '.manifest': { revision: 'r1', roots: ['authz', 'report'], ...manifest },
    'authz/policy.rego': POLICY_V0,
    'authz/data.json': DATA,
    'report/report.rego': REPORT_V1,
  });
  return startDecisionService({ bundles: [dir], workers: 1, v0Compatible });
}

describe('a bundle mixing v0 and v1 sources, declared by its manifest', () => {
  let dir: string;
  let service: RunningDecisionService;
  beforeAll(async () => {
    dir = await tempDir('v0-mixed');
    service = await serve(dir, { rego_version: 1, file_rego_versions: { '/authz/*.rego': 0 } });
  });
  afterAll(async () => {
    await service.close();
    await cleanup(dir);
  });

  test('the v0 partial set and the v1 document reading it both answer', async () => {
    const deny = await postJson(`${service.url}/v1/data/authz/deny`, { input: { user: 'bob' } });
    expect(deny.status).toBe(200);
    expect(deny.body.result).toEqual(['bob is not an admin']);
    const summary = await postJson(`${service.url}/v1/data/report/summary`, { input: { user: 'ada' } });
    expect(summary.body.result).toEqual({ denied: 0, allowed: true });
  });
});

describe('a bundle that declares no version', () => {
  let dir: string;
  let strict: RunningDecisionService;
  let compatible: RunningDecisionService;
  beforeAll(async () => {
    dir = await tempDir('v0-undeclared');
    strict = await serve(dir, {}, false);
    compatible = await startDecisionService({ bundles: [dir], workers: 1, v0Compatible: true });
  });
  afterAll(async () => {
    await strict.close();
    await compatible.close();
    await cleanup(dir);
  });

  test('is read as Rego v1 by default: the v0 file is a compile error naming the file', async () => {
    const { status, body } = await postJson(`${strict.url}/v1/data/authz/deny`, { input: { user: 'bob' } });
    expect(status).toBe(500);
    expect(body.code).toBe('policy_compile_error');
    expect(body.message).toContain('authz/policy.rego');
    expect(body.message).toContain('`if` keyword is required before rule body');
  });

  test('is read as Rego v0 with v0Compatible, as opa run --v0-compatible', async () => {
    const deny = await postJson(`${compatible.url}/v1/data/authz/deny`, { input: { user: 'bob' } });
    expect(deny.status).toBe(200);
    expect(deny.body.result).toEqual(['bob is not an admin']);
    // The v1 file parses as v0 too: it uses no v1-only syntax.
    const summary = await postJson(`${compatible.url}/v1/data/report/summary`, { input: { user: 'bob' } });
    expect(summary.body.result).toEqual({ denied: 1, allowed: false });
  });
});
