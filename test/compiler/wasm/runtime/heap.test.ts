import { readFile } from 'node:fs/promises';
import { buildRuntime } from '../../../../scripts/build-runtime.js';
import { loadRuntime, runtimeModule, wasmApi } from './harness.js';

describe('runtime.wasm module shape', () => {
  it('imports only env.memory (at most 5 pages) and env.opa_abort, and has no start function', async () => {
    const module = await runtimeModule();
    const imports = wasmApi.Module.imports(module).map((i) => `${i.module}.${i.name}:${i.kind}`);
    expect(imports.sort()).toEqual(['env.memory:memory', 'env.opa_abort:function']);
    const bytes = await readFile(await buildRuntime());
    // Section id 8 is the start section; walk the sections to look for it.
    let offset = 8;
    const ids: number[] = [];
    const readVarUint = (): number => {
      let result = 0;
      let shift = 0;
      for (;;) {
        const byte = bytes[offset++];
        result |= (byte & 0x7f) << shift;
        if ((byte & 0x80) === 0) return result;
        shift += 7;
      }
    };
    while (offset < bytes.length) {
      ids.push(bytes[offset++]);
      const size = readVarUint();
      offset += size;
    }
    expect(ids).not.toContain(8);
    // Instantiating with the SDK's memory size proves the minimum fits.
    await expect(loadRuntime()).resolves.toBeDefined();
  });

  it('exports memory and the ABI value functions', async () => {
    const names = wasmApi.Module.exports(await runtimeModule()).map((e) => e.name);
    for (const name of [
      'memory',
      'opa_malloc',
      'opa_free',
      'opa_heap_ptr_get',
      'opa_heap_ptr_set',
      'opa_json_parse',
      'opa_json_dump',
      'opa_value_dump',
      'opa_value_parse',
    ]) {
      expect(names).toContain(name);
    }
  });
});

describe('heap', () => {
  it('starts above the static data, aligned', async () => {
    const rt = await loadRuntime();
    const base = rt.x.opa_runtime_heap_base() as number;
    expect(base % 16).toBe(0);
    expect(rt.x.opa_heap_ptr_get()).toBe(base);
    const p = rt.x.opa_malloc(10) as number;
    expect(p).toBeGreaterThanOrEqual(base);
    expect(p % 8).toBe(0);
  });

  it('resets with opa_heap_ptr_set so that the next allocations reuse the space', async () => {
    const rt = await loadRuntime();
    const mark = rt.x.opa_heap_ptr_get() as number;
    const first = rt.parse('{"a": [1, 2, 3], "b": "text"}');
    expect(rt.x.opa_heap_ptr_get()).toBeGreaterThan(mark);
    rt.x.opa_heap_ptr_set(mark);
    expect(rt.x.opa_heap_ptr_get()).toBe(mark);
    const second = rt.parse('{"a": [1, 2, 3], "b": "text"}');
    expect(second).toBe(first);
    expect(rt.json(second)).toBe('{"a":[1,2,3],"b":"text"}');
  });

  it('keeps payloads 8-aligned after the host sets an odd heap pointer', async () => {
    const rt = await loadRuntime();
    rt.x.opa_heap_ptr_set((rt.x.opa_heap_ptr_get() as number) + 13);
    const p = rt.x.opa_malloc(5) as number;
    expect(p % 8).toBe(0);
    expect(rt.json(rt.parse('[1.5, "x"]'))).toBe('[1.5,"x"]');
  });

  it('drops free lists above the reset point', async () => {
    const rt = await loadRuntime();
    const mark = rt.x.opa_heap_ptr_get() as number;
    const a = rt.x.opa_malloc(24) as number;
    rt.x.opa_malloc(24);
    rt.x.opa_free(a);
    rt.x.opa_heap_ptr_set(mark);
    const next = rt.x.opa_malloc(24) as number;
    expect(next).toBe(a);
    const after = rt.x.opa_malloc(24) as number;
    expect(after).toBeGreaterThan(next);
  });

  it('recycles freed blocks and shrinks the top', async () => {
    const rt = await loadRuntime();
    const a = rt.x.opa_malloc(40) as number;
    const b = rt.x.opa_malloc(40) as number;
    rt.x.opa_free(a);
    expect(rt.x.opa_malloc(40)).toBe(a);
    const top = rt.x.opa_heap_ptr_get() as number;
    rt.x.opa_free(b);
    expect(rt.x.opa_heap_ptr_get()).toBeLessThan(top);
    const big = rt.x.opa_malloc(1000) as number;
    rt.x.opa_malloc(8);
    rt.x.opa_free(big);
    expect(rt.x.opa_malloc(900)).toBe(big);
  });

  it('stashes free blocks across a heap reset and restores them (ABI 1.3)', async () => {
    const rt = await loadRuntime();
    const a = rt.x.opa_malloc(32) as number;
    rt.x.opa_malloc(32);
    rt.x.opa_free(a);
    rt.x.opa_heap_blocks_stash();
    const mark = rt.x.opa_heap_ptr_get() as number;
    // While stashed, the block is not handed out.
    expect(rt.x.opa_malloc(32)).not.toBe(a);
    rt.x.opa_heap_ptr_set(mark);
    rt.x.opa_heap_blocks_restore();
    expect(rt.x.opa_malloc(32)).toBe(a);
    // A second stash over a non-empty stash is a host bug.
    const b = rt.x.opa_malloc(16) as number;
    rt.x.opa_malloc(8);
    rt.x.opa_free(b);
    rt.x.opa_heap_blocks_stash();
    expect(() => rt.x.opa_heap_blocks_stash()).toThrow('opa_heap_blocks_stash() consistency check failed');
    rt.x.opa_heap_stash_clear();
    expect(() => rt.x.opa_heap_blocks_stash()).not.toThrow();
  });

  it('reallocates keeping the contents', async () => {
    const rt = await loadRuntime();
    const [p] = rt.write('hello');
    rt.x.opa_malloc(8);
    const q = rt.x.opa_realloc(p, 4096) as number;
    expect(Buffer.from(rt.memory.buffer, q, 5).toString()).toBe('hello');
  });

  it('grows memory for a large allocation and reports out of memory when it cannot', async () => {
    const rt = await loadRuntime();
    const p = rt.x.opa_malloc(20 * 65536) as number;
    expect(rt.memory.buffer.byteLength).toBeGreaterThanOrEqual(p + 20 * 65536);
    expect(() => rt.x.opa_malloc(0xfff00000)).toThrow('out of memory');
  });
});
