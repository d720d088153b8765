import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { readBundle, writeBundle } from '../../services/bundle/index.js';
import { buildBundle } from '../../services/compiler/project.js';
import { startDecisionService, type RunningDecisionService } from '../../services/decision/index.js';
import { cleanup, getJson, postJson, tempDir, waitFor, writeFiles } from './support.js';

/*
 * Any document over OPA's REST API: a rule the bundle was not built to
 * expose is compiled from the bundle's Rego sources on first use, in a
 * worker thread, and evaluated by the pool; without sources the answer
 * names the entrypoints there are.
 */

const POLICY = `package authz

default allow := false

allow if "admin" in roles[input.user]

roles[user] := rs if {
  some user, rs in data.authz.assignments
}

reasons contains msg if {
  not allow
  msg := sprintf("%s is not an admin", [input.user])
}

reasons contains "no user given" if not input.user

version := data.authz.release
`;

const DATA = { assignments: { alice: ['admin'], bob: ['reader'] }, release: 'v1' };

async function gatewayBundle(policy: string, options: { sources?: boolean; revision?: string } = {}) {
  const { bundle } = await buildBundle(
    { rego: [{ file: 'authz/policy.rego', source: policy }], data: { authz: DATA } },
    { entrypoints: ['authz/allow'], revision: options.revision ?? 'r1' },
  );
  if (options.sources !== false) return bundle;
  // The same bundle without its Rego: only the compiled entrypoint remains.
  const read = await readBundle(bundle);
  return writeBundle({ manifest: read.manifest, data: read.data, wasm: read.wasm, rego: [] });
}

describe('documents that are not entrypoints, from a bundle with its Rego sources', () => {
  let dir: string;
  let service: RunningDecisionService;
  let bundlePath: string;

  beforeAll(async () => {
    dir = await tempDir('ondemand');
    bundlePath = join(dir, 'authz.tar.gz');
    await writeFile(bundlePath, await gatewayBundle(POLICY));
    service = await startDecisionService({ bundles: [bundlePath], workers: 2 });
  });

  afterAll(async () => {
    await service.close();
    await cleanup(dir);
  });

  const generation = () => service.context.registry.current;

  test('a compiled entrypoint answers without compiling anything', async () => {
    const { body } = await postJson(`${service.url}/v1/data/authz/allow`, { input: { user: 'alice' } });
    expect(body.result).toBe(true);
    expect(generation().onDemandStats()?.compiles ?? 0).toBe(0);
  });

  test('a partial set rule is compiled on first use, off the event loop, and kept for the next request', async () => {
    const first = await postJson(`${service.url}/v1/data/authz/reasons`, { input: { user: 'bob' } });
    expect(first.status).toBe(200);
    expect(first.body.result).toEqual(['bob is not an admin']);
    const stats = generation().onDemandStats()!;
    expect(stats.compiles).toBe(1);
    expect(stats.compileThreadId).toBeDefined();
    expect(stats.compileThreadId).not.toBe(threadId);
    const second = await postJson(`${service.url}/v1/data/authz/reasons`, { input: {} });
    expect(second.body.result).toEqual(['no user given']);
    expect(generation().onDemandStats()!.compiles).toBe(1);
  });

  test('a path inside a rule value, and a rule reading base data', async () => {
    expect((await getJson(`${service.url}/v1/data/authz/roles/bob`)).body.result).toEqual(['reader']);
    expect((await getJson(`${service.url}/v1/data/authz/version`)).body.result).toBe('v1');
  });

  test('GET of a package path returns all its documents, rules and base data together', async () => {
    const { body } = await getJson(
      `${service.url}/v1/data/authz?input=${encodeURIComponent(JSON.stringify({ user: 'alice' }))}`,
    );
    expect(body.result).toEqual({
      allow: true,
      roles: { alice: ['admin'], bob: ['reader'] },
      reasons: [],
      version: 'v1',
      ...DATA,
    });
  });

  test('a path no source defines and no data holds is undefined, as in OPA', async () => {
    const { status, body } = await getJson(`${service.url}/v1/data/authz/nosuch`);
    expect(status).toBe(200);
    expect('result' in body).toBe(false);
    const other = await getJson(`${service.url}/v1/data/elsewhere/rule`);
    expect('result' in other.body).toBe(false);
  });

  test('a new bundle revision compiles again, from its own sources', async () => {
    const before = generation();
    await writeFile(
      bundlePath,
      await gatewayBundle(POLICY.replace('is not an admin', 'may not'), { revision: 'r2' }),
    );
    await waitFor(
      'revision r2',
      () => service.context.registry.status()[bundlePath]?.active_revision === 'r2',
      30_000,
    );
    expect(generation()).not.toBe(before);
    const { body } = await postJson(`${service.url}/v1/data/authz/reasons`, { input: { user: 'bob' } });
    expect(body.result).toEqual(['bob may not']);
    expect(generation().onDemandStats()!.compiles).toBe(1);
  });
});

describe('a bundle of Rego sources and data only (no policy.wasm), as opa build writes by default', () => {
  let dir: string;
  let service: RunningDecisionService;

  beforeAll(async () => {
    dir = await tempDir('ondemand-rego');
    await writeFiles(dir, {
      '.manifest': { revision: 'src-1', roots: ['authz'] },
      'authz/policy.rego': POLICY,
      'authz/data.json': DATA,
    });
    service = await startDecisionService({ bundles: [dir], workers: 1 });
  });

  afterAll(async () => {
    await service.close();
    await cleanup(dir);
  });

  test('every rule is queryable', async () => {
    const alice = await postJson(`${service.url}/v1/data/authz/allow`, { input: { user: 'alice' } });
    expect(alice.body.result).toBe(true);
    const bob = await postJson(`${service.url}/v1/data/authz/allow`, { input: { user: 'bob' } });
    expect(bob.body.result).toBe(false);
    const v0 = await postJson(`${service.url}/v0/data/authz/roles/alice`, {});
    expect(v0.body).toEqual(['admin']);
  });
});

describe('a bundle without its Rego sources', () => {
  let dir: string;
  let service: RunningDecisionService;

  beforeAll(async () => {
    dir = await tempDir('ondemand-nosrc');
    const bundlePath = join(dir, 'authz.tar.gz');
    await writeFile(bundlePath, await gatewayBundle(POLICY, { sources: false }));
    service = await startDecisionService({ bundles: [bundlePath], workers: 1 });
  });

  afterAll(async () => {
    await service.close();
    await cleanup(dir);
  });

  test('a rule that is not an entrypoint is a clear error naming the entrypoints there are', async () => {
    const { status, body } = await postJson(`${service.url}/v1/data/authz/reasons`, {
      input: { user: 'bob' },
    });
    expect(status).toBe(404);
    expect(body.code).toBe('document_not_compiled');
    expect(body.message).toContain('data/authz/reasons is not an entrypoint');
    expect(body.message).toContain('entrypoints: authz/allow');
  });

  test('the entrypoint and base data still answer', async () => {
    const allow = await postJson(`${service.url}/v1/data/authz/allow`, { input: { user: 'alice' } });
    expect(allow.body.result).toBe(true);
    const data = await getJson(`${service.url}/v1/data/authz/release`);
    expect(data.body.result).toBe('v1');
    const pkg = await getJson(`${service.url}/v1/data/authz`);
    expect(pkg.body.result).toEqual({ allow: false, ...DATA });
  });
});

describe('sources that do not compile', () => {
  let dir: string;
  let service: RunningDecisionService;

  beforeAll(async () => {
    dir = await tempDir('ondemand-err');
    await writeFiles(dir, {
      '.manifest': { revision: 'e1', roots: ['p'] },
      'p/policy.rego': 'package p\n\nok := 1\n\nbroken := x if {\n  x := count(1, 2, 3)\n}\n',
    });
    service = await startDecisionService({ bundles: [dir], workers: 1 });
  });

  afterAll(async () => {
    await service.close();
    await cleanup(dir);
  });

  test('a compile error answers 500 with the Rego error, for every document', async () => {
    for (const path of ['p/broken', 'p/ok']) {
      const { status, body } = await getJson(`${service.url}/v1/data/${path}`);
      expect(status).toBe(500);
      expect(body.code).toBe('policy_compile_error');
      expect(body.message).toMatch(/policy\.rego:6:\d+: rego_type_error: .*count/);
    }
  });
});

describe('the compiled paths of a generation', () => {
  test('are bounded: the least recently used is dropped from the pool and compiled again when asked', async () => {
    const { Generation } = await import('../../services/decision/eval/generation.js');
    const { builtinsModuleUrl } = await import('../../services/decision/eval/worker-script.js');
    const bundle = await readBundle(await gatewayBundle(POLICY));
    const generation = await Generation.create([{ name: 'authz', bundle }], {
      poolSize: 1,
      builtinsModule: builtinsModuleUrl((url) => existsSync(fileURLToPath(url))),
      onDemand: { maxPolicies: 2 },
    });
    try {
      const ask = (path: string) =>
        generation.query(path.split('/'), { inputJson: JSON.stringify({ user: 'bob' }) });
      expect((await ask('authz/roles')).result).toEqual(DATA.assignments);
      expect((await ask('authz/reasons')).result).toEqual(['bob is not an admin']);
      expect((await ask('authz/version')).result).toBe('v1');
      expect(generation.onDemandStats()!.paths).toEqual([
        ['authz', 'reasons'],
        ['authz', 'version'],
      ]);
      expect(generation.poolStats()!.added_policies).toBe(2);
      expect((await ask('authz/roles')).result).toEqual(DATA.assignments);
      expect(generation.onDemandStats()!.compiles).toBe(4);
      expect(generation.poolStats()!.added_policies).toBe(2);
    } finally {
      await generation.retire();
    }
  });
});
