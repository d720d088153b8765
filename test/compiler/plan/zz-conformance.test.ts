import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { hostBuiltins } from '../../../services/compiler/builtins/index.js';
import { loadCases } from '../../../services/compiler/conformance/cases.js';
import { resultSetsEqual } from '../../../services/compiler/conformance/compare.js';
import { RegoCompileError } from '../../../services/compiler/errors.js';
import { parseModule, parseQuery, parseTerm } from '../../../services/compiler/rego/parser.js';
import { planQuery } from '../../../services/compiler/plan/index.js';
import { generateWasm } from '../../../services/compiler/wasm/index.js';
import { writeFileSync } from 'node:fs';

const TOPICS = (process.env.TOPICS ?? 'eqexpr').split(',');

function toJson(t: any): unknown {
  switch (t.type) {
    case 'null': return null;
    case 'boolean': case 'string': return t.value;
    case 'number': return Number(t.value);
    case 'array': case 'set': return t.value.map(toJson);
    case 'object': return Object.fromEntries(t.value.map(([k, v]: any) => [toJson(k), toJson(v)]));
    default: throw new Error('input_term ' + t.type);
  }
}
test('conformance', async () => {
  const lines: string[] = [];
  let pass = 0, total = 0;
  for (const topic of TOPICS) {
    const cases = loadCases(`/work/shared/opa-conformance/v1/${topic}`);
    let tp = 0;
    for (const c of cases) {
      total++;
      const wantsCompile = c.want_error_code?.startsWith('rego_');
      const abort = ['var assignment conflict', 'object insert conflict'].some((e) => c.want_error?.includes(e)) && !c.strict_error;
      if ((c.want_error_code || c.want_error) && !wantsCompile && !abort && !c.strict_error) { total--; continue; }
      let status = 'fail', reason = '';
      try {
        const mods = c.modules.map((s, i) => parseModule(s, `module-${i}.rego`));
        const { policy } = planQuery(mods, parseQuery(c.query), 'eval');
        if (wantsCompile) { reason = 'compiled but wanted ' + c.want_error_code; throw null; }
        const wasm = generateWasm(policy, { optimize: false });
        const p = await loadPolicy(wasm, undefined, hostBuiltins());
        if (c.data !== undefined) p.setData(c.data as object);
        let rs;
        try { rs = p.evaluate(c.input_term !== undefined ? toJson(parseTerm(c.input_term)) : c.input, 'eval'); } catch (e) {
          const m = typeof e === 'string' ? e : (e as Error).message;
          if (abort && m.includes(c.want_error!)) { status = 'pass'; throw null; }
          reason = 'eval: ' + m; throw null;
        }
        if (abort) { reason = 'wanted abort'; throw null; }
        const want = c.strict_error ? [] : c.want_result ?? [];
        if (c.want_defined !== undefined ? (rs.length > 0) === c.want_defined : resultSetsEqual(want, rs, !!c.sort_bindings)) status = 'pass';
        else reason = `want ${JSON.stringify(want).slice(0, 200)} got ${JSON.stringify(rs).slice(0, 200)}`;
      } catch (e) {
        if (e !== null) {
          if (e instanceof RegoCompileError && wantsCompile) {
            status = e.errors.some((x) => x.code === c.want_error_code) ? 'pass' : 'fail';
            reason = e.message;
          } else reason = (e as Error)?.message?.split('\n').slice(0, 3).join(' | ') ?? String(e);
        }
      }
      if (status === 'pass') { pass++; tp++; }
      else lines.push(`${c.note}: ${reason}`);
    }
    lines.push(`TOPIC ${topic}: ${tp}/${cases.length}`);
  }
  lines.push(`TOTAL ${pass}/${total}`);
  writeFileSync('/tmp/conf-report.txt', lines.join('\n') + '\n');
}, 600000);
