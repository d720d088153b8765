/**
 * json.patch against the public RFC 6902 test suite, read at test time from
 * ../shared/json-patch-tests (not copied into the project): every enabled
 * case gives its expected document, or is undefined where the suite
 * expects an error (OPA makes a failed patch undefined, not an error),
 * except where OPA itself reads the patch differently (listed with why).
 * The cases run through callBuiltin and through the real opa-wasm SDK.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { outcome } from './support/table.js';
import { loadQuery, type LoadedQuery } from './support/policy.js';

const SUITE_DIR = join(process.cwd(), '..', 'shared', 'json-patch-tests');

interface SuiteCase {
  comment?: string;
  doc?: unknown;
  patch?: unknown;
  expected?: unknown;
  error?: string;
  disabled?: boolean;
}

/** Where OPA's json.patch answers differently from the RFC suite, and why; keyed by file and comment. */
const OPA_READS_DIFFERENTLY: Record<string, { why: string; opa: unknown }> = {
  'tests.json: invalid JSON Pointer token': {
    why: 'OPA trims leading slashes from a string path (parsePath in topdown/json.go), so "foo" is "/foo"',
    opa: { foo: 'bar' },
  },
};

function loadSuite(file: string): [string, SuiteCase][] {
  const cases = JSON.parse(readFileSync(join(SUITE_DIR, file), 'utf8')) as SuiteCase[];
  return cases
    .filter((c) => 'doc' in c && 'patch' in c && !c.disabled)
    .map((c, i) => [`${file}: ${c.comment ?? c.error ?? `case ${i}`}`, c]);
}

const cases = [...loadSuite('tests.json'), ...loadSuite('spec_tests.json')];

function wanted(name: string, c: SuiteCase): { value: unknown } | { undefined: true } {
  const different = OPA_READS_DIFFERENTLY[name];
  if (different) return { value: different.opa };
  return 'expected' in c ? { value: c.expected } : { undefined: true };
}

describe('json.patch and the RFC 6902 suite', () => {
  it('reads the suite', () => {
    expect(cases.length).toBeGreaterThan(100);
    for (const name of Object.keys(OPA_READS_DIFFERENTLY)) expect(cases.map(([n]) => n)).toContain(name);
  });

  it.each(cases)('%s', (name, c) => {
    expect(outcome('json.patch', [c.doc, c.patch])).toEqual(wanted(name, c));
  });

  describe('through the SDK', () => {
    let query: LoadedQuery;
    beforeAll(async () => {
      query = await loadQuery(
        'package test\n\np := json.patch(input.doc, input.patch)\n',
        'x := data.test.p',
      );
    });

    it.each(cases)('%s', (name, c) => {
      const want = wanted(name, c);
      const rows = query.evaluate({ doc: c.doc, patch: c.patch });
      expect(rows).toEqual('value' in want ? [{ x: want.value }] : []);
    });
  });
});

describe('json.patch edge cases', () => {
  it.each([
    ['the root path "" replaces the document', { a: 1 }, [{ op: 'replace', path: '', value: [1] }], [1]],
    ['the root path "" for add replaces it too', 5, [{ op: 'add', path: '', value: { b: 2 } }], { b: 2 }],
    [
      '"/" is the empty-string key',
      { '': 1, a: 2 },
      [{ op: 'replace', path: '/', value: 9 }],
      { '': 9, a: 2 },
    ],
    ['"/" adds the empty-string key', {}, [{ op: 'add', path: '/', value: 1 }], { '': 1 }],
    ['an array path addresses keys as they are', { 'a/b': 1 }, [{ op: 'remove', path: ['a/b'] }], {}],
    [
      '"~1" and "~0" unescape',
      { 'a/b': { 'c~d': 1 } },
      [{ op: 'test', path: '/a~1b/c~0d', value: 1 }],
      { 'a/b': { 'c~d': 1 } },
    ],
    [
      '"__proto__" is a key like any other',
      {},
      [{ op: 'add', path: '/__proto__', value: { x: 1 } }],
      JSON.parse('{"__proto__": {"x": 1}}'),
    ],
  ])('%s', (_name, doc, patch, want) => {
    expect(outcome('json.patch', [doc, patch])).toEqual({ value: want });
  });

  it.each([
    ['removing a key only the prototype has', {}, [{ op: 'remove', path: '/constructor' }]],
    ['testing a prototype member', {}, [{ op: 'test', path: '/toString', value: null }]],
    ['walking through a prototype member', {}, [{ op: 'add', path: '/hasOwnProperty/x', value: 1 }]],
    ['a path that is neither string nor array', { a: 1 }, [{ op: 'remove', path: 7 }]],
    ['an unknown op', { a: 1 }, [{ op: 'merge', path: '/a', value: 2 }]],
    ['an operation that is not an object', { a: 1 }, ['remove /a']],
    ['moving a value into its own child', { a: { b: 1 } }, [{ op: 'move', from: '/a', path: '/a/b' }]],
    ['an array index with a leading zero', [1, 2], [{ op: 'remove', path: '/01' }]],
  ])('%s is undefined', (_name, doc, patch) => {
    expect(outcome('json.patch', [doc, patch])).toEqual({ undefined: true });
  });

  it('refuses a patch list that is not an array with a type error', () => {
    expect(outcome('json.patch', [{}, { op: 'add' }])).toMatchObject({ code: 'eval_type_error' });
  });
});
