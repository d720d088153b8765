// Imports only the lean entry points (never builtins/index.ts, which loads every topic),
// so this file's module registry starts with no topic loaded.
import { loadHostBuiltins } from '../../../services/compiler/builtins/host.js';
import {
  callBuiltin,
  implementedNames,
  isHostImplemented,
  loadImplementations,
  loadedTopics,
} from '../../../services/compiler/builtins/registry.js';
import { TOPICS, topicOfBuiltin } from '../../../services/compiler/builtins/topics.js';
import { runPolicyTestSuite } from '../../../services/compiler/testing.js';

const rego = (source: string) => ({ rego: [{ file: 'p.rego', source }], data: {} });

describe('host builtins load by topic', () => {
  it('loads nothing until a module names a builtin', () => {
    expect(loadedTopics()).toEqual([]);
    expect(isHostImplemented('regex.match')).toBe(true);
    expect(isHostImplemented('internal.test_case')).toBe(false);
    expect(() => callBuiltin('upper', ['a'])).toThrow(
      'builtin upper is not loaded: load its topic (strings) first',
    );
  });

  it('a test run loads only the topics its policy calls', async () => {
    const run = await runPolicyTestSuite(
      rego('package p\n\ntest_count_str if strings.count("aa", "a") == 2\n\ntest_count if count([1]) == 1\n'),
    );
    expect(run.results.map((r) => r.status)).toEqual(['pass', 'pass']);
    // count is native to the runtime; strings.count is the host's.
    expect(loadedTopics()).toEqual(['strings']);

    const again = await runPolicyTestSuite(rego('package p\n\ntest_match if regex.match("^a", "ab")\n'));
    expect(again.results[0].status).toBe('pass');
    expect(loadedTopics()).toEqual(['strings', 'regex']);
    expect(loadedTopics()).not.toContain('graphql');
  });

  it('builds a table of the named builtins, under their listed names too', async () => {
    const table = await loadHostBuiltins({ names: ['portcullis.exact.sprintf', 'semver.compare'] });
    expect(loadedTopics()).toEqual(expect.arrayContaining(['sprintf', 'semver']));
    expect(table['semver.compare']('1.0.0', '2.0.0')).toBe(-1);
    expect(table['portcullis.exact.sprintf']('"%d"', '[5]')).toBe('"5"');
    expect(table['graphql.parse']).toBeUndefined();
  });

  it('every topic registers exactly the names topics.ts lists for it', async () => {
    // loadImplementations throws when a listed name is not registered; register()
    // throws when a topic registers a name listed elsewhere or nowhere.
    await loadImplementations();
    expect(loadedTopics().sort()).toEqual(Object.keys(TOPICS).sort());
    for (const name of implementedNames()) expect(() => callBuiltin(name, [])).not.toThrow(/not loaded/);
    expect(topicOfBuiltin('http.send')).toBe('http');
  });
});
