import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { hostBuiltins } from '../../services/compiler/builtins/index.js';
import { RegoCompileError } from '../../services/compiler/errors.js';
import { compileRego, termHasSet, termToJson, termToValueText } from '../../services/compiler/index.js';

const HOST_ONLY_POLICY = 'package p\n\nr if internal.test_case([input.name])\n';

describe('compileRego', () => {
  it('gathers the parse errors of every file before throwing', () => {
    let caught: unknown;
    try {
      compileRego(
        [
          { file: 'a.rego', source: 'package a\n\np if {\n' },
          { file: 'b.rego', source: 'package b\n\nq := := 1\n' },
        ],
        { entrypoints: ['a/p'] },
      );
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(RegoCompileError);
    const files = (caught as RegoCompileError).errors.map((e) => e.location?.file);
    expect(files).toEqual(expect.arrayContaining(['a.rego', 'b.rego']));
  });

  it('refuses a builtin nothing can evaluate at compile time, naming it', () => {
    expect(() =>
      compileRego([{ file: 'p.rego', source: HOST_ONLY_POLICY }], { entrypoints: ['p/r'] }),
    ).toThrow(/rego_type_error: builtin internal\.test_case is not supported/);
  });

  it('accepts it when the host says it provides that builtin', () => {
    const out = compileRego([{ file: 'p.rego', source: HOST_ONLY_POLICY }], {
      entrypoints: ['p/r'],
      hostProvided: ['internal.test_case'],
    });
    expect(out.wasm.length).toBeGreaterThan(1000);
  });

  it('asks for an entrypoint', () => {
    expect(() => compileRego([{ file: 'p.rego', source: 'package p\nx := 1\n' }])).toThrow(
      /no entrypoint given/,
    );
  });

  it('turns ground terms into the JSON the SDK takes', () => {
    expect(termToJson('{"a": [1, {2}], "b": null}')).toEqual({ a: [1, [2]], b: null });
    expect(termHasSet('{"a": [1, {2}]}')).toBe(true);
    expect(termHasSet('{"a": [1, 2]}')).toBe(false);
    expect(() => termToJson('{"a": x}')).toThrow(/not a ground value/);
  });

  it('prints ground terms as canonical Rego value text', () => {
    expect(termToValueText('{"a": [1, {2, }], "b": set(), 3: null, "s": "x\\"y"}')).toBe(
      '{"a":[1,{2}],"b":set(),3:null,"s":"x\\"y"}',
    );
  });

  it("reads input given as Rego value text, as OPA's opa_eval does: a set arrives as a set", async () => {
    const source = 'package s\n\nkind := type_name(input.xs)\n\nhas_two if 2 in input.xs\n';
    const out = compileRego([{ file: 's.rego', source }], { entrypoints: ['s/kind', 's/has_two'] });
    const policy = await loadPolicy(out.wasm, undefined, hostBuiltins());
    const asText = (text: string) => new TextEncoder().encode(text).slice().buffer;
    expect(policy.evaluate(asText('{"xs": {1, 2}}'), 's/kind')).toEqual([{ result: 'set' }]);
    expect(policy.evaluate(asText('{"xs": {1, 2}}'), 's/has_two')).toEqual([{ result: true }]);
    expect(policy.evaluate({ xs: [1, 2] }, 's/kind')).toEqual([{ result: 'array' }]);
  });

  it('binds iterating head terms in the body: a set rule collects them, a complete rule conflicts', async () => {
    const source = 'package h\n\nxs := [1, 2]\n\none := [7][_]\n\nall contains xs[_]\n\nclash := xs[_]\n';
    const out = compileRego([{ file: 'h.rego', source }], { entrypoints: ['h/one', 'h/all', 'h/clash'] });
    const policy = await loadPolicy(out.wasm, undefined, hostBuiltins());
    expect(policy.evaluate({}, 'h/one')).toEqual([{ result: 7 }]);
    expect(policy.evaluate({}, 'h/all')).toEqual([{ result: [1, 2] }]);
    expect(() => policy.evaluate({}, 'h/clash')).toThrow(/h\.rego:9:1: var assignment conflict/);
  });
});
