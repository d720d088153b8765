import { compileRego } from '../../../services/compiler/index.js';
import { loadPolicy } from '@open-policy-agent/opa-wasm';
test('probe', async () => {
  const r = compileRego([{ file: 'p.rego', source: 'package app\n\nallow if input.user == "alice"\n\nnames := [n | some n in input.names]\n' }], { entrypoints: ['app/allow', 'app/names'] });
  const p = await loadPolicy(r.wasm);
  console.log(JSON.stringify(p.evaluate({ user: 'alice', names: ['x'] }, 'app/allow')), JSON.stringify(p.evaluate({ user: 'bob', names: ['x', 'y'] }, 'app/names')));
});
