import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { hostBuiltins } from '../../services/compiler/builtins/index.js';
import { RegoCompileError } from '../../services/compiler/errors.js';
import { compileRego, termHasSet, termToJson } from '../../services/compiler/index.js';

const HTTP_POLICY = 'package p\n\nr := http.send({"method": "GET", "url": input.url})\n';

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
    expect(() => compileRego([{ file: 'p.rego', source: HTTP_POLICY }], { entrypoints: ['p/r'] })).toThrow(
      /rego_type_error: builtin http\.send is not supported/,
    );
  });

  it('accepts it when the host says it provides that builtin', () => {
    const out = compileRego([{ file: 'p.rego', source: HTTP_POLICY }], {
      entrypoints: ['p/r'],
      hostProvided: ['http.send'],
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

  it('binds iterating head terms in the body: a set rule collects them, a complete rule conflicts', async () => {
    const source = 'package h\n\nxs := [1, 2]\n\none := [7][_]\n\nall contains xs[_]\n\nclash := xs[_]\n';
    const out = compileRego([{ file: 'h.rego', source }], { entrypoints: ['h/one', 'h/all', 'h/clash'] });
    const policy = await loadPolicy(out.wasm, undefined, hostBuiltins());
    expect(policy.evaluate({}, 'h/one')).toEqual([{ result: 7 }]);
    expect(policy.evaluate({}, 'h/all')).toEqual([{ result: [1, 2] }]);
    expect(() => policy.evaluate({}, 'h/clash')).toThrow(/h\.rego:9:1: var assignment conflict/);
  });
});
