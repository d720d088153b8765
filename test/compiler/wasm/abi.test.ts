/** The module's ABI surface as the SDK and other hosts see it. */
import { ABI_MINOR_VERSION, ABI_VERSION, generateWasm } from '../../../services/compiler/wasm/index.js';
import {
  bool,
  dumpValue,
  ensureRuntime,
  exportsOf,
  load,
  local,
  policy,
  resultBlock,
  st,
  str,
  thrown,
} from './support.js';

beforeAll(ensureRuntime, 120_000);

/** Two entrypoints: test/p gives input.x, test/q gives true. */
const twoPlans = policy({
  strings: ['result', 'x'],
  plans: [
    {
      name: 'test/p',
      blocks: [resultBlock(0, 2, 3, st('DotStmt', { source: local(0), key: str(1), target: 2 }))],
    },
    {
      name: 'test/q',
      blocks: [resultBlock(0, 2, 3, st('AssignVarStmt', { source: bool(true), target: 2 }))],
    },
  ],
});

interface ModuleDescriptor {
  kind: string;
  name: string;
  module?: string;
}

/** What the module imports and exports, read through the global WebAssembly API. */
function describe(bytes: Uint8Array): { imports: ModuleDescriptor[]; exports: ModuleDescriptor[] } {
  const wasm = (
    globalThis as unknown as {
      WebAssembly: {
        Module: {
          new (b: Uint8Array): object;
          imports(m: object): ModuleDescriptor[];
          exports(m: object): ModuleDescriptor[];
        };
      };
    }
  ).WebAssembly;
  const module = new wasm.Module(bytes);
  return { imports: wasm.Module.imports(module), exports: wasm.Module.exports(module) };
}

test('exports the ABI functions, globals and memory; imports only env', () => {
  const { imports, exports } = describe(generateWasm(twoPlans));
  const exported = new Map(exports.map((e) => [e.name, e.kind]));
  for (const name of [
    'eval',
    'opa_eval',
    'builtins',
    'entrypoints',
    'opa_eval_ctx_new',
    'opa_eval_ctx_set_input',
    'opa_eval_ctx_set_data',
    'opa_eval_ctx_set_entrypoint',
    'opa_eval_ctx_get_result',
    'opa_heap_ptr_get',
    'opa_heap_ptr_set',
    'opa_malloc',
    'opa_free',
    'opa_json_parse',
    'opa_json_dump',
    'opa_value_parse',
    'opa_value_dump',
    'opa_value_add_path',
    'opa_value_remove_path',
  ]) {
    expect([name, exported.get(name)]).toEqual([name, 'function']);
  }
  expect(exported.get('memory')).toBe('memory');
  expect(exported.get('opa_wasm_abi_version')).toBe('global');
  expect(exported.get('opa_wasm_abi_minor_version')).toBe('global');
  // Runtime internals are not part of the ABI and are not exported.
  expect(exported.has('opa_value_get')).toBe(false);
  expect(imports.every((i) => i.module === 'env')).toBe(true);
  expect(imports.find((i) => i.name === 'memory')?.kind).toBe('memory');
  expect(imports.map((i) => i.name)).toContain('opa_abort');
});

test('ABI version globals are 1.3', async () => {
  const p = await load(twoPlans);
  const x = exportsOf(p) as Record<string, { value: number }>;
  expect(x.opa_wasm_abi_version.value).toBe(ABI_VERSION);
  expect(x.opa_wasm_abi_minor_version.value).toBe(ABI_MINOR_VERSION);
  expect([ABI_VERSION, ABI_MINOR_VERSION]).toEqual([1, 3]);
});

test('entrypoints() lists the plans by name and id, and evaluate selects them', async () => {
  const p = await load(twoPlans);
  expect(p.entrypoints).toEqual({ 'test/p': 0, 'test/q': 1 });
  expect(p.evaluate({ x: 'a' }, 'test/p')).toEqual([{ result: 'a' }]);
  expect(p.evaluate({ x: 'a' }, 1)).toEqual([{ result: true }]);
  expect(p.evaluate({ x: 'b' })).toEqual([{ result: 'b' }]);
});

test('an undefined result is the empty result set, also without input', async () => {
  const p = await load(twoPlans);
  expect(p.evaluate({}, 'test/p')).toEqual([]);
  expect(p.evaluate(undefined, 'test/p')).toEqual([]);
  expect(p.evaluate(undefined, 'test/q')).toEqual([{ result: true }]);
});

test('several results make a result set of several entries, in the order the plan adds them, once each', async () => {
  const ir = policy({
    strings: ['result', 'a', 'b'],
    plans: [
      {
        name: 'test/many',
        blocks: [
          resultBlock(0, 2, 3, st('AssignVarStmt', { source: str(2), target: 2 })),
          resultBlock(0, 2, 3, st('AssignVarStmt', { source: str(1), target: 2 })),
          resultBlock(0, 2, 3, st('AssignVarStmt', { source: str(2), target: 2 })),
        ],
      },
    ],
  });
  const p = await load(ir);
  expect(p.evaluate({})).toEqual([{ result: 'b' }, { result: 'a' }]);
});

test('an unknown entrypoint id aborts', async () => {
  const p = await load(twoPlans);
  expect(thrown(() => p.evaluate({}, 7))).toBe('internal: illegal entrypoint id');
});

test('builtins() is empty without host builtins', async () => {
  const p = await load(twoPlans);
  const x = exportsOf(p) as Record<string, () => number>;
  expect(dumpValue(p, x.builtins())).toEqual({});
  expect(dumpValue(p, x.entrypoints())).toEqual({ 'test/p': 0, 'test/q': 1 });
});

test('the ABI 1.1 path (eval context) gives the same results as opa_eval', async () => {
  const p = await load(twoPlans);
  p.setData({ unused: true });
  const fast = p.evaluate({ x: [1, { y: 2 }] }, 'test/p');
  p.minorVersion = 1; // makes the SDK use opa_eval_ctx_* and eval
  expect(p.evaluate({ x: [1, { y: 2 }] }, 'test/p')).toEqual(fast);
  expect(p.evaluate({ x: 3 }, 'test/q')).toEqual([{ result: true }]);
  expect(p.evaluate({}, 'test/p')).toEqual([]);
});

test('repeated evaluations and setData reuse the heap without corrupting constants', async () => {
  const ir = policy({
    strings: ['result', 'key', 'expected'],
    plans: [
      {
        name: 'test/p',
        blocks: [
          resultBlock(
            0,
            3,
            4,
            st('DotStmt', { source: local(1), key: str(1), target: 2 }),
            st('EqualStmt', { a: local(2), b: str(2) }),
            st('DotStmt', { source: local(0), key: str(1), target: 3 }),
          ),
        ],
      },
    ],
  });
  const p = await load(ir);
  for (let i = 0; i < 50; i++) {
    p.setData({ key: i % 2 === 0 ? 'expected' : 'other' });
    expect(p.evaluate({ key: `v${i}` })).toEqual(i % 2 === 0 ? [{ result: `v${i}` }] : []);
  }
});
