/**
 * Rego v0 policies end to end: compiled to WebAssembly and evaluated
 * through the unmodified opa-wasm SDK, alone and mixed with v1 modules in
 * one compile, and built into a bundle whose manifest says which is which.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { readBundle, regoVersionForFile } from '../../services/bundle/index.js';
import { hostBuiltins } from '../../services/compiler/builtins/index.js';
import { RegoCompileError } from '../../services/compiler/errors.js';
import { compileRego, type RegoFile } from '../../services/compiler/index.js';
import { buildBundle, readPolicySources } from '../../services/compiler/project.js';

/** A v0 library in the style of the published admission-control libraries. */
const LABELS_V0 = `package k8s.labels

default enforced = true

violation[{"msg": msg, "missing": missing}] {
  enforced
  given := {k | input.review.object.metadata.labels[k]}
  wanted := {k | k := input.parameters.labels[_]}
  missing := wanted - given
  count(missing) > 0
  msg := sprintf("missing labels: %v", [sort(missing)])
}

image_allowed(image) {
  re_match("^registry\\\\.example\\\\.com/", image)
}

image_allowed(image) {
  any([startswith(image, "mirror.example.com/"), image == "pause"])
}

violation[{"msg": msg}] {
  container := input.review.object.spec.containers[_]
  not image_allowed(container.image)
  msg := concat("", ["image not allowed: ", container.image])
}

tier = "gold" { input.review.object.metadata.labels.tier == "gold" } else = "standard" { true }
`;

/** A v0 module that imports keywords, and a v1 module that reads the v0 one. */
const KEYWORDS_V0 = `package k8s.ports
import future.keywords.in

open_ports[p] { some p in input.review.object.spec.ports; p < 1024 }
`;

const MAIN_V1 = `package k8s.main

deny contains v.msg if some v in data.k8s.labels.violation

deny contains sprintf("privileged port %d", [p]) if some p in data.k8s.ports.open_ports

summary := {"deny": deny, "tier": data.k8s.labels.tier}
`;

const INPUT = {
  review: {
    object: {
      metadata: { labels: { app: 'web', tier: 'gold' } },
      spec: {
        containers: [{ image: 'registry.example.com/web:1' }, { image: 'docker.io/evil:latest' }],
        ports: [80, 8080],
      },
    },
  },
  parameters: { labels: ['app', 'owner', 'team'] },
};

async function evaluate(files: RegoFile[], entrypoint: string, input: unknown): Promise<unknown> {
  const compiled = compileRego(files, { entrypoints: [entrypoint] });
  const policy = await loadPolicy(compiled.wasm, undefined, hostBuiltins());
  const [first] = policy.evaluate(input, entrypoint) as { result: unknown }[];
  return first?.result;
}

describe('Rego v0 policies compiled to WebAssembly', () => {
  const files: RegoFile[] = [
    { file: 'lib/labels.rego', source: LABELS_V0, regoVersion: 'v0' },
    { file: 'lib/ports.rego', source: KEYWORDS_V0, regoVersion: 'v0' },
    { file: 'main.rego', source: MAIN_V1 },
  ];

  it('evaluates a v0 library (partial sets, functions of several bodies, else, deprecated builtins)', async () => {
    const violations = (await evaluate(files, 'k8s/labels/violation', INPUT)) as { msg: string }[];
    expect(violations.map((v) => v.msg).sort()).toEqual([
      'image not allowed: docker.io/evil:latest',
      'missing labels: ["owner", "team"]',
    ]);
  });

  it('mixes v0 and v1 modules in one compile: the v1 module reads the v0 documents', async () => {
    expect(await evaluate(files, 'k8s/main/summary', INPUT)).toEqual({
      deny: [
        'image not allowed: docker.io/evil:latest',
        'missing labels: ["owner", "team"]',
        'privileged port 80',
      ],
      tier: 'gold',
    });
    const calm = structuredClone(INPUT);
    calm.review.object.metadata.labels = { app: 'web', owner: 'a', team: 'b' } as never;
    calm.review.object.spec.containers = [{ image: 'pause' }];
    calm.review.object.spec.ports = [8443];
    expect(await evaluate(files, 'k8s/main/summary', calm)).toEqual({ deny: [], tier: 'standard' });
  });

  it('the same sources read as v1 are refused with OPA’s v1 messages', () => {
    let caught: unknown;
    try {
      compileRego([{ file: 'lib/labels.rego', source: LABELS_V0 }], {
        entrypoints: ['k8s/labels/violation'],
      });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(RegoCompileError);
    expect((caught as RegoCompileError).message).toContain('`if` keyword is required before rule body');
  });

  it('`import rego.v1` in a v0 compile takes v1 syntax, and refuses the deprecated builtins again', async () => {
    const v1Style = `package p\nimport rego.v1\n\nallowed contains x if some x in input.xs\n`;
    expect(
      await evaluate([{ file: 'p.rego', source: v1Style, regoVersion: 'v0' }], 'p/allowed', { xs: [1, 2] }),
    ).toEqual([1, 2]);
    expect(() =>
      compileRego(
        [{ file: 'p.rego', source: 'package p\nimport rego.v1\n\nok if any([true])\n', regoVersion: 'v0' }],
        { entrypoints: ['p/ok'] },
      ),
    ).toThrow(/deprecated built-in function calls in expression: any/);
  });

  it('a v0 rule may shadow input with a local; other rules still read the input', async () => {
    const files: RegoFile[] = [
      {
        file: 'p.rego',
        source: 'package p\n\nshadowed = x { input := {"a": 1}; x := input.a }\n\nplain = input.a\n',
        regoVersion: 'v0',
      },
    ];
    expect(await evaluate(files, 'p/shadowed', { a: 5 })).toBe(1);
    expect(await evaluate(files, 'p/plain', { a: 5 })).toBe(5);
  });

  it('a v0 query may use future keywords only as names', async () => {
    const compiled = compileRego([{ file: 'p.rego', source: 'package p\n\nq[x] { x := input.xs[_] }\n' }], {
      regoVersion: 'v0',
      query: 'data.p.q[in]',
    });
    const policy = await loadPolicy(compiled.wasm, undefined, hostBuiltins());
    // A query's result set holds its bindings.
    expect(policy.evaluate({ xs: ['a'] }, compiled.entrypoints[0])).toEqual([{ in: 'a' }]);
  });
});

describe('bundles of v0, v1 and mixed sources', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pc-v0-bundle-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function write(files: Record<string, string>): void {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
  }

  it('--v0-compatible sources make a bundle with rego_version 0 that evaluates', async () => {
    write({ 'lib/labels.rego': LABELS_V0 });
    const sources = readPolicySources([dir], { regoVersion: 'v0' });
    const { bundle } = await buildBundle(sources, {
      regoVersion: 'v0',
      entrypoints: ['k8s/labels/violation'],
    });
    const read = await readBundle(bundle);
    expect(read.manifest.rego_version).toBe(0);
    expect(read.manifest.file_rego_versions).toBeUndefined();
    const policy = await loadPolicy(read.wasm[0].bytes, undefined, hostBuiltins());
    const result = policy.evaluate(INPUT, 'k8s/labels/violation') as { result: unknown[] }[];
    expect(result[0].result).toHaveLength(2);
  });

  it('a directory with a bundle .manifest declares its files’ syntax; the built manifest keeps the mix', async () => {
    write({
      '.manifest': JSON.stringify({ rego_version: 1, file_rego_versions: { '/lib/*.rego': 0 } }),
      'lib/labels.rego': LABELS_V0,
      'lib/ports.rego': KEYWORDS_V0,
      'main.rego': MAIN_V1,
    });
    const sources = readPolicySources([dir]);
    expect(sources.rego.map((r) => [r.file, r.regoVersion])).toEqual([
      ['lib/labels.rego', 'v0'],
      ['lib/ports.rego', 'v0'],
      ['main.rego', 'v1'],
    ]);
    const { bundle } = await buildBundle(sources, { entrypoints: ['k8s/main/summary'] });
    const read = await readBundle(bundle);
    expect(read.manifest.rego_version).toBe(1);
    expect(read.manifest.file_rego_versions).toEqual({ '/lib/labels.rego': 0, '/lib/ports.rego': 0 });
    expect(read.rego.map((r) => [r.path, regoVersionForFile(read.manifest, r.path)])).toEqual([
      ['/lib/labels.rego', 0],
      ['/lib/ports.rego', 0],
      ['/main.rego', 1],
    ]);
    const policy = await loadPolicy(read.wasm[0].bytes, undefined, hostBuiltins());
    const [first] = policy.evaluate(INPUT, 'k8s/main/summary') as { result: { tier: string } }[];
    expect(first.result.tier).toBe('gold');
  });

  it('a v0 default with v1 files declared by the manifest writes rego_version 0 and lists the v1 ones', async () => {
    write({
      '.manifest': JSON.stringify({ file_rego_versions: { '/main.rego': 1 } }),
      'lib/labels.rego': LABELS_V0,
      'lib/ports.rego': KEYWORDS_V0,
      'main.rego': MAIN_V1,
    });
    const { bundle } = await buildBundle(readPolicySources([dir], { regoVersion: 'v0' }), {
      regoVersion: 'v0',
      entrypoints: ['k8s/main/deny'],
    });
    const read = await readBundle(bundle);
    expect(read.manifest.rego_version).toBe(0);
    expect(read.manifest.file_rego_versions).toEqual({ '/main.rego': 1 });
  });

  it('a malformed .manifest in a policy directory is refused with the bundle code', () => {
    write({ '.manifest': '{"file_rego_versions": {"/a.rego": 3}}', 'a.rego': 'package a\n' });
    expect(() => readPolicySources([dir])).toThrow(/must be 0 or 1/);
  });
});
