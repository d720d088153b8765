// The runtime under the unmodified OPA JS SDK: a tiny hand-built policy ("echo") is appended to
// runtime.wasm the way the code generator does (calls by export name, static strings above the heap
// base, a start function setting the heap pointer), then loaded with @open-policy-agent/opa-wasm.
import { readFile } from 'node:fs/promises';
import binaryen from 'binaryen';
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { buildRuntime } from '../../../../scripts/build-runtime.js';
import { loadRuntime } from './harness.js';

const STRINGS = ['test/echo', 'result', 'input', 'data', 'count'];

/** runtime.wasm + an `echo` entrypoint returning {"input": input, "data": data, "count": count(input)}. */
async function echoPolicy(): Promise<Uint8Array> {
  const bytes = await readFile(await buildRuntime());
  const base = (await loadRuntime()).x.opa_runtime_heap_base() as number;
  const m = binaryen.readBinary(bytes);
  const F = binaryen.Features;
  m.setFeatures(F.MVP | F.MutableGlobals | F.SignExt | F.NontrappingFPToInt | F.BulkMemory | F.BulkMemoryOpt);
  const fn = (name: string): string => binaryen.getExportInfo(m.getExport(name)).value;
  const { i32, none } = binaryen;
  const call = (name: string, args: number[], type = i32): number => m.call(fn(name), args, type);
  const c = (v: number): number => m.i32.const(v);

  // Static strings, 16 bytes apart from the heap base.
  const init: number[] = [];
  STRINGS.forEach((s, i) => {
    [...Buffer.from(s)].forEach((b, j) => init.push(m.i32.store8(0, 1, c(base + i * 16 + j), c(b))));
  });
  const end = base + STRINGS.length * 16;
  init.push(call('opa_heap_ptr_set', [c(end)], none));
  m.addFunction('policy_init', binaryen.none, none, [], m.block(null, init));
  m.setStart(m.getFunction('policy_init'));
  const str = (i: number): number => call('opa_string', [c(base + i * 16), c(STRINGS[i].length)]);

  m.addFunction('builtins', binaryen.none, i32, [], call('opa_object', []));
  m.addFunction(
    'entrypoints',
    binaryen.none,
    i32,
    [i32],
    m.block(
      null,
      [
        m.local.set(0, call('opa_object', [])),
        call('opa_object_insert', [m.local.get(0, i32), str(0), call('opa_number_size', [c(0)])], none),
        m.local.get(0, i32),
      ],
      i32,
    ),
  );
  // opa_eval(reserved, entrypoint, data, input_addr, input_len, heap_ptr, format); locals 7 input, 8 value, 9 result, 10 count.
  const get = (i: number): number => m.local.get(i, i32);
  m.addFunction(
    'opa_eval',
    binaryen.createType([i32, i32, i32, i32, i32, i32, i32]),
    i32,
    [i32, i32, i32, i32],
    m.block(
      null,
      [
        call('opa_heap_ptr_set', [get(5)], none),
        m.local.set(
          7,
          m.if(m.i32.eqz(get(4)), call('opa_null', []), call('opa_json_parse', [get(3), get(4)])),
        ),
        m.local.set(8, call('opa_object', [])),
        call('opa_object_insert', [get(8), str(2), get(7)], none),
        call('opa_object_insert', [get(8), str(3), get(2)], none),
        m.local.set(10, call('opa_agg_count', [get(7)])),
        m.if(get(10), call('opa_object_insert', [get(8), str(4), get(10)], none)),
        m.local.set(9, call('opa_object', [])),
        call('opa_object_insert', [get(9), str(1), get(8)], none),
        m.local.set(8, call('opa_array', [])),
        call('opa_array_append', [get(8), get(9)], none),
        call('opa_json_dump', [get(8)]),
      ],
      i32,
    ),
  );
  for (const name of ['builtins', 'entrypoints', 'opa_eval']) m.addFunctionExport(name, name);
  m.addGlobal('abi_version', i32, false, c(1));
  m.addGlobal('abi_minor_version', i32, false, c(3));
  m.addGlobalExport('abi_version', 'opa_wasm_abi_version');
  m.addGlobalExport('abi_minor_version', 'opa_wasm_abi_minor_version');
  if (!m.validate()) throw new Error('echo policy does not validate');
  const out = m.emitBinary();
  m.dispose();
  return out;
}

describe('runtime.wasm under the OPA JS SDK', () => {
  let wasm: Uint8Array;

  beforeAll(async () => {
    wasm = await echoPolicy();
  });

  it('loads, takes data and input, and evaluates repeatedly without leaking the heap', async () => {
    const policy = await loadPolicy(wasm);
    expect(policy.entrypoints).toEqual({ 'test/echo': 0 });
    policy.setData({ roles: { alice: ['admin'] }, n: 2.5 });
    const first = policy.evaluate({ user: 'alice', tags: ['a', 'b'] });
    expect(first).toEqual([
      {
        result: {
          input: { user: 'alice', tags: ['a', 'b'] },
          data: { roles: { alice: ['admin'] }, n: 2.5 },
          count: 2,
        },
      },
    ]);
    const size = policy.mem.buffer.byteLength;
    for (let i = 0; i < 200; i++) {
      const input = { i, text: 'x'.repeat(200), list: Array.from({ length: 20 }, (_, k) => k) };
      expect(policy.evaluate(input)[0].result.input).toEqual(input);
    }
    expect(policy.mem.buffer.byteLength).toBe(size);
    expect(policy.evaluate(undefined)).toEqual([
      { result: { input: null, data: { roles: { alice: ['admin'] }, n: 2.5 } } },
    ]);
  });

  it('replaces data and evaluates megabyte inputs', async () => {
    const policy = await loadPolicy(wasm);
    const data = { items: Array.from({ length: 20_000 }, (_, i) => ({ id: i, name: `item-${i}` })) };
    policy.setData(data);
    const input = { blob: 'é'.repeat(1_000_000) };
    const [{ result }] = policy.evaluate(input);
    expect(result.input).toEqual(input);
    expect(result.data.items).toHaveLength(20_000);
    policy.setData({ small: true });
    expect(policy.evaluate({ a: 1 })[0].result).toEqual({ input: { a: 1 }, data: { small: true }, count: 1 });
  });
});
