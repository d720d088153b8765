/**
 * Calls a host builtin the way `@open-policy-agent/opa-wasm` 1.10 does
 * (`_builtinCall` in src/opa.js): each argument value is dumped with
 * `opa_json_dump` and `JSON.parse`d, the result is `JSON.stringify`d (or taken
 * as raw JSON text when it is an ArrayBuffer) and parsed back with
 * `opa_malloc` + `opa_json_parse`. It runs against the real runtime.wasm, so
 * what comes back is what a compiled policy would see.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const RUNTIME_WASM = join(
  process.cwd(),
  'services',
  'compiler',
  'wasm',
  'runtime',
  'build',
  'runtime.wasm',
);

/** The slice of the WebAssembly JS API used here (the project's TS libs do not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: unknown } }>;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface RuntimeExports {
  opa_malloc(size: number): number;
  opa_json_parse(addr: number, len: number): number;
  opa_json_dump(value: number): number;
  opa_value_dump(value: number): number;
  opa_set(): number;
  opa_set_add(set: number, value: number): void;
}

export class SdkHarness {
  private constructor(
    private readonly exports: RuntimeExports,
    private readonly memory: WasmMemory,
  ) {}

  static available(): boolean {
    return existsSync(RUNTIME_WASM);
  }

  static async create(): Promise<SdkHarness> {
    const memory = new wasm.Memory({ initial: 5 });
    const { instance } = await wasm.instantiate(readFileSync(RUNTIME_WASM), {
      env: {
        memory,
        opa_abort: () => {
          throw new Error('opa_abort');
        },
      },
    });
    return new SdkHarness(instance.exports as unknown as RuntimeExports, memory);
  }

  private readString(addr: number): string {
    const bytes = new Uint8Array(this.memory.buffer);
    let end = addr;
    while (bytes[end] !== 0) end++;
    return new TextDecoder().decode(bytes.subarray(addr, end));
  }

  /** opa.js `_loadJSON`. */
  load(value: unknown): number {
    if (value === undefined) return 0;
    const bytes =
      value instanceof ArrayBuffer ? new Uint8Array(value) : new TextEncoder().encode(JSON.stringify(value));
    const addr = this.exports.opa_malloc(bytes.byteLength);
    new Uint8Array(this.memory.buffer).set(bytes, addr);
    const parsed = this.exports.opa_json_parse(addr, bytes.byteLength);
    if (parsed === 0) throw new Error('failed to parse json value');
    return parsed;
  }

  /** A set value built in the runtime (JSON has no sets). */
  set(elements: unknown[]): number {
    const set = this.exports.opa_set();
    for (const e of elements) this.exports.opa_set_add(set, this.load(e));
    return set;
  }

  /** opa.js `_dumpJSON`. */
  dumpJSON(value: number): unknown {
    return JSON.parse(this.readString(this.exports.opa_json_dump(value)));
  }

  /** The value as Rego text (sets shown as sets), to check what the policy sees. */
  dumpValue(value: number): string {
    return this.readString(this.exports.opa_value_dump(value));
  }

  /** opa.js `_builtinCall`: argument addresses in, result address out (0 = undefined). */
  call(impl: (...args: unknown[]) => unknown, args: number[]): number {
    return this.load(impl(...args.map((a) => this.dumpJSON(a))));
  }
}
