/**
 * OPA's RBAC example beside OPA's own compile of it (rbac.wasm, OPA 1.10),
 * read at test time from ../shared/opa-reference/rbac (not copied into the
 * project): our compile of the same rbac.rego, given the same data through
 * the same unmodified SDK, answers every shared input as OPA's module does.
 * `npm run bench -- eval` times the two side by side.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { hostBuiltins } from '../../../services/compiler/builtins/index.js';
import { compileRego } from '../../../services/compiler/index.js';
import { ensureRuntime } from './support.js';

const REFERENCE_DIR = join(process.cwd(), '..', 'shared', 'opa-reference', 'rbac');
const ENTRYPOINT = 'app/rbac/allow';

const read = (name: string): Buffer => readFileSync(join(REFERENCE_DIR, name));

beforeAll(ensureRuntime, 120_000);

test('our compile of rbac.rego answers every shared input as OPA 1.10 compiled it', async () => {
  const data = JSON.parse(read('data.json').toString('utf8')) as object;
  const inputs = JSON.parse(read('inputs.json').toString('utf8')) as object[];
  expect(inputs.length).toBeGreaterThan(0);

  const ours = await loadPolicy(
    compileRego([{ file: 'rbac.rego', source: read('rbac.rego').toString('utf8') }], {
      entrypoints: [ENTRYPOINT],
    }).wasm,
    undefined,
    hostBuiltins(),
  );
  const opa = await loadPolicy(new Uint8Array(read('rbac.wasm')));
  ours.setData(data);
  opa.setData(data);

  const answers = inputs.map((input) => ({
    input,
    ours: ours.evaluate(input, ENTRYPOINT) as unknown,
    opa: opa.evaluate(input, ENTRYPOINT) as unknown,
  }));
  for (const answer of answers)
    expect({ input: answer.input, result: answer.ours }).toEqual({
      input: answer.input,
      result: answer.opa,
    });
  // The inputs reach both answers of the policy, so agreeing is not agreeing on a constant.
  const results = new Set(answers.map((a) => JSON.stringify(a.opa)));
  expect(results).toEqual(new Set(['[{"result":true}]', '[{"result":false}]']));
});

test('both modules also agree with data changed between evaluations', async () => {
  const data = JSON.parse(read('data.json').toString('utf8')) as {
    user_roles: Record<string, string[]>;
    role_grants: Record<string, { action: string; type: string }[]>;
  };
  const inputs = JSON.parse(read('inputs.json').toString('utf8')) as object[];
  const ours = await loadPolicy(
    compileRego([{ file: 'rbac.rego', source: read('rbac.rego').toString('utf8') }], {
      entrypoints: [ENTRYPOINT],
    }).wasm,
    undefined,
    hostBuiltins(),
  );
  const opa = await loadPolicy(new Uint8Array(read('rbac.wasm')));
  // Every user made an admin, then every role's grants dropped: answers flip both ways.
  const variants = [
    data,
    { ...data, user_roles: Object.fromEntries(Object.keys(data.user_roles).map((u) => [u, ['admin']])) },
    { ...data, role_grants: Object.fromEntries(Object.keys(data.role_grants).map((r) => [r, []])) },
  ];
  for (const variant of variants) {
    ours.setData(variant);
    opa.setData(variant);
    for (const input of inputs) {
      expect({ input, result: ours.evaluate(input, ENTRYPOINT) as unknown }).toEqual({
        input,
        result: opa.evaluate(input, ENTRYPOINT) as unknown,
      });
    }
  }
});
