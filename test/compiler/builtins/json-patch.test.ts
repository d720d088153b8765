/**
 * json.patch against the public RFC 6902 test suite
 * (`../shared/json-patch-tests`), with OPA's one deliberate difference: a
 * pointer without its leading slash is accepted (OPA trims leading slashes).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { valuesEqual, type Value } from '../../../services/compiler/builtins/values.js';
import { outcome } from './support/table.js';

interface PatchTest {
  comment?: string;
  doc?: unknown;
  patch?: unknown[];
  expected?: unknown;
  error?: string;
  disabled?: boolean;
}

const SUITE = join(process.cwd(), '..', 'shared', 'json-patch-tests');

/** Where OPA answers differently from the suite, on purpose. */
const OPA_CHOICES: Record<string, unknown> = {
  'tests.json#76': { foo: 'bar' }, // "foo" without a slash: OPA trims slashes, so it is "/foo"
};

function rows(file: string): [string, PatchTest][] {
  const tests = JSON.parse(readFileSync(join(SUITE, file), 'utf8')) as PatchTest[];
  return tests
    .map((t, i): [string, PatchTest] => [`${file}#${i}`, t])
    .filter(([, t]) => !t.disabled && t.patch !== undefined);
}

describe('json.patch and the RFC 6902 test suite', () => {
  const all = [...rows('tests.json'), ...rows('spec_tests.json')];

  it('finds the suite', () => {
    expect(all.length).toBeGreaterThan(100);
  });

  it.each(all)('%s', (id, t) => {
    const result = outcome('json.patch', [t.doc, t.patch]);
    if (id in OPA_CHOICES) {
      expect(result).toEqual({ value: OPA_CHOICES[id] });
    } else if (t.error !== undefined) {
      // A patch that cannot apply leaves json.patch undefined; a malformed one is an error
      // (undefined too, unless builtin errors are strict).
      expect('value' in result).toBe(false);
    } else if (t.expected !== undefined) {
      expect('value' in result && valuesEqual(result.value as Value, t.expected as Value)).toBe(true);
    } else {
      expect('value' in result).toBe(true);
    }
  });

  it('"/" is the key "" and "" the whole document', () => {
    expect(outcome('json.patch', [{}, [{ op: 'add', path: '/', value: 1 }]])).toEqual({ value: { '': 1 } });
    expect(outcome('json.patch', [{ a: 1 }, [{ op: 'replace', path: '', value: [2] }]])).toEqual({
      value: [2],
    });
  });
});
