/**
 * rego.metadata.* in compiled policies, evaluated by the unmodified
 * opa-wasm SDK: the values the compiler put in place are what OPA returns.
 */
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { hostBuiltins } from '../../../services/compiler/builtins/index.js';
import { compileAndPlan } from '../../../services/compiler/plan/index.js';
import { parseModule, parseQuery } from '../../../services/compiler/rego/parser.js';
import { generateWasm } from '../../../services/compiler/wasm/index.js';

async function evaluate(sources: string[], entrypoint: string, input?: unknown): Promise<unknown> {
  const modules = sources.map((s, i) => parseModule(s, `m${i}.rego`));
  const { policy } = compileAndPlan(modules, [entrypoint]);
  const loaded = await loadPolicy(generateWasm(policy, { optimize: false }), undefined, hostBuiltins());
  return loaded.evaluate(input, entrypoint);
}

const LIB = `# METADATA
# title: Access rules
# scope: subpackages
# organizations: [Acme]
package authz
`;

const RULES = `# METADATA
# description: Who may do what
package authz.api

# METADATA
# title: Deny writes
# custom:
#   severity: high
deny contains msg if {
	input.method == "POST"
	meta := rego.metadata.rule()
	msg := sprintf("%s (%s)", [meta.title, meta.custom.severity])
}

reasons contains link.annotations.scope if {
	some link in rego.metadata.chain()
	link.annotations
}

plain := rego.metadata.rule()
`;

describe('rego.metadata.* through the SDK', () => {
  test('rule() gives the rule-scoped block of the rule it is called in', async () => {
    expect(await evaluate([LIB, RULES], 'authz/api/deny', { method: 'POST' })).toEqual([
      { result: ['Deny writes (high)'] },
    ]);
    expect(await evaluate([LIB, RULES], 'authz/api/deny', { method: 'GET' })).toEqual([{ result: [] }]);
    expect(await evaluate([LIB, RULES], 'authz/api/plain')).toEqual([{ result: {} }]);
  });

  test('chain() spans modules: package blocks and subpackages blocks of parents', async () => {
    const result = (await evaluate([RULES, LIB], 'authz/api/reasons')) as { result: string[] }[];
    expect(result[0].result.sort()).toEqual(['package', 'subpackages']);
  });

  test('a query calling them gets the empty values', async () => {
    const modules = [parseModule('package q\n', 'm.rego')];
    const { policy } = compileAndPlan(modules, [], {
      queries: [{ name: 'q', body: parseQuery('x := rego.metadata.rule(); y := rego.metadata.chain()') }],
    });
    const loaded = await loadPolicy(generateWasm(policy, { optimize: false }), undefined, hostBuiltins());
    expect(loaded.evaluate(undefined, 'q')).toEqual([{ x: {}, y: [] }]);
  });
});
