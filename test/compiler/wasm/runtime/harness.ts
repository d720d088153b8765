import { readFile } from 'node:fs/promises';
import { buildRuntime } from '../../../../scripts/build-runtime.js';

// The project's TypeScript libs (ES2023 + @types/node 20) do not declare WebAssembly: the few members used here.
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
export interface WasmDescriptor {
  module?: string;
  name: string;
  kind: string;
}
export type WasmModule = object;
interface WasmApi {
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Module: { imports(m: WasmModule): WasmDescriptor[]; exports(m: WasmModule): WasmDescriptor[] };
  compile(bytes: Uint8Array): Promise<WasmModule>;
  instantiate(m: WasmModule, imports: object): Promise<{ exports: object }>;
}
export const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** The runtime's exports as the tests call them (addresses are numbers; i64 arguments are bigints). */
export type RuntimeExports = Record<string, (...args: (number | bigint)[]) => number | bigint | void>;

export class RuntimeAbort extends Error {}

/** A freshly instantiated runtime.wasm with helpers to move JSON in and out of its memory. */
export interface Runtime {
  memory: WasmMemory;
  x: RuntimeExports;
  /** Writes bytes into the heap (opa_malloc) and returns [address, length]. */
  write(text: string): [number, number];
  readCString(addr: number): string;
  /** opa_json_parse of text; 0 when it does not parse. */
  parse(text: string): number;
  /** opa_value_parse of text (Rego sets allowed). */
  value(text: string): number;
  json(addr: number): string;
  rego(addr: number): string;
  /** Calls an export with value addresses and dumps the result as JSON, or undefined when it returns 0. */
  call(fn: string, ...args: number[]): string | undefined;
}

let compiled: Promise<WasmModule> | undefined;

export function runtimeModule(): Promise<WasmModule> {
  compiled ??= buildRuntime().then(async (path) => wasmApi.compile(await readFile(path)));
  return compiled;
}

export async function loadRuntime(): Promise<Runtime> {
  const memory = new wasmApi.Memory({ initial: 5 });
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const readCString = (addr: number): string => {
    const bytes = new Uint8Array(memory.buffer);
    let end = addr;
    while (bytes[end] !== 0) end++;
    return decoder.decode(bytes.subarray(addr, end));
  };
  const instance = await wasmApi.instantiate(await runtimeModule(), {
    env: {
      memory,
      opa_abort: (addr: number) => {
        throw new RuntimeAbort(readCString(addr));
      },
    },
  });
  const x = instance.exports as unknown as RuntimeExports;
  const write = (text: string): [number, number] => {
    const bytes = encoder.encode(text);
    const addr = x.opa_malloc(bytes.length) as number;
    new Uint8Array(memory.buffer).set(bytes, addr);
    return [addr, bytes.length];
  };
  const runtime: Runtime = {
    memory,
    x,
    write,
    readCString,
    parse: (text) => x.opa_json_parse(...write(text)) as number,
    value: (text) => {
      const addr = x.opa_value_parse(...write(text)) as number;
      if (addr === 0) throw new Error(`test value does not parse: ${text}`);
      return addr;
    },
    json: (addr) => readCString(x.opa_json_dump(addr) as number),
    rego: (addr) => readCString(x.opa_value_dump(addr) as number),
    call: (fn, ...args) => {
      const f = x[fn];
      if (!f) throw new Error(`runtime has no export ${fn}`);
      const result = f(...args) as number;
      return result === 0 ? undefined : runtime.rego(result);
    },
  };
  return runtime;
}
