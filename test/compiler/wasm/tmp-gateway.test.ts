import { readFileSync } from 'node:fs';
import { compileRego } from '../../../services/compiler/index.js';
import { generateWasm } from '../../../services/compiler/wasm/index.js';
import { ensureRuntime } from './support.js';
beforeAll(ensureRuntime, 120_000);
test('gateway', () => {
  for (const [file, ep] of [['policies/gateway/gateway.rego', 'gateway/decision'], ['bench/policies/rbac/policy.rego', 'rbac/allow']]) {
    const src = readFileSync(file, 'utf8');
    const pkg = /package\s+(\S+)/.exec(src)?.[1];
    let r;
    try { r = compileRego([{ file, source: src }], { entrypoints: [ep], planOnly: true }); } catch (e) { console.log(file, pkg, String(e)); continue; }
    const times = [];
    let w1 = generateWasm(r.policy);
    let t0 = 0, t1 = 0;
    for (let i = 0; i < 5; i++) { t0 = performance.now(); w1 = generateWasm(r.policy); t1 = performance.now(); times.push((t1 - t0).toFixed(0)); }
    console.log(times.join(','));
    const w0 = generateWasm(r.policy, { optimize: false });
    console.log(file, pkg, 'funcs', r.policy.funcs.funcs.length, 'opt', w1.length, 'noopt', w0.length, 'ms', (t1 - t0).toFixed(0), 'builtins', JSON.stringify(r.policy.static.builtin_funcs?.map((b) => b.name)));
  }
});
