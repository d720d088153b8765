/**
 * Helpers for the code generator's tests: build the runtime when missing,
 * write small IR policies by hand, and load the generated module with the
 * real @open-policy-agent/opa-wasm SDK.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadPolicy } from '@open-policy-agent/opa-wasm';

import { buildRuntime } from '../../../scripts/build-runtime.js';
import type { Block, Func, Operand, Plan, Policy, Stmt } from '../../../services/compiler/plan/ir.js';
import { generateWasm, type GenerateWasmOptions } from '../../../services/compiler/wasm/index.js';

export type LoadedPolicy = Awaited<ReturnType<typeof loadPolicy>>;

const BUILD_LOCK = join(tmpdir(), 'portcullis-runtime-build.lock');

/** Whether the process that wrote the lock (its pid is the lock's content) is gone. */
function lockIsStale(): boolean {
  let text: string;
  try {
    text = readFileSync(BUILD_LOCK, 'utf8');
  } catch {
    return false; // gone already: try to take it again
  }
  if (text === '') return false; // just created, its pid not written yet
  const pid = Number(text);
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Builds runtime.wasm if it is missing or older than its sources. Jest runs
 * test files in parallel workers (and other checkouts' runs share tmpdir);
 * the lock, holding its owner's pid, keeps them from compiling (and
 * half-writing the file) at the same time. A lock is taken over only when
 * its owner has exited, never because a build is slow (a loaded machine
 * makes builds slow); Jest's timeout bounds a wait that never ends.
 */
export async function ensureRuntime(): Promise<void> {
  for (;;) {
    try {
      const fd = openSync(BUILD_LOCK, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch {
      if (lockIsStale()) rmSync(BUILD_LOCK, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    await buildRuntime();
  } finally {
    rmSync(BUILD_LOCK, { force: true });
  }
}

// ---- writing IR by hand, in the JSON shape of `opa build -t plan` ----

let row = 1;

/** A statement of `type` with its fields, placed at file 0, a fresh row, column 1. */
export function st<T extends Stmt['type']>(
  type: T,
  fields: Omit<Extract<Stmt, { type: T }>['stmt'], 'file' | 'row' | 'col'>,
): Stmt {
  return { type, stmt: { ...fields, file: 0, row: row++, col: 1 } } as Stmt;
}

/** A statement at an explicit location, for abort messages. */
export function stAt<T extends Stmt['type']>(
  type: T,
  fields: Omit<Extract<Stmt, { type: T }>['stmt'], 'file' | 'row' | 'col'>,
  at: { file: number; row: number; col: number },
): Stmt {
  return { type, stmt: { ...fields, ...at } } as Stmt;
}

export const local = (value: number): Operand => ({ type: 'local', value });
export const str = (value: number): Operand => ({ type: 'string_index', value });
export const bool = (value: boolean): Operand => ({ type: 'bool', value });
export const block = (...stmts: Stmt[]): Block => ({ stmts });

/** A plan whose blocks end by adding `{"result": <local>}` to the result set (as OPA plans an entrypoint). */
export function resultBlock(resultKey: number, value: number, objLocal: number, ...stmts: Stmt[]): Block {
  return block(
    ...stmts,
    st('MakeObjectStmt', { target: objLocal }),
    st('ObjectInsertStmt', { key: str(resultKey), value: local(value), object: objLocal }),
    st('ResultSetAddStmt', { value: objLocal }),
  );
}

export function policy(parts: {
  strings: string[];
  plans: Plan[];
  funcs?: Func[];
  builtins?: string[];
  files?: string[];
}): Policy {
  return {
    static: {
      strings: parts.strings.map((value) => ({ value })),
      builtin_funcs: (parts.builtins ?? []).map((name) => ({ name, decl: { type: 'function' as const } })),
      files: (parts.files ?? ['policy.rego']).map((value) => ({ value })),
    },
    plans: { plans: parts.plans },
    funcs: { funcs: parts.funcs ?? [] },
  };
}

// ---- loading with the SDK ----

export async function load(
  ir: Policy,
  custom: Record<string, (...args: unknown[]) => unknown> = {},
  options: GenerateWasmOptions = {},
): Promise<LoadedPolicy> {
  const bytes = generateWasm(ir, options);
  return loadPolicy(bytes, undefined, custom as never);
}

/** The `result` values of a result set. */
export function results(rs: unknown): unknown[] {
  return (rs as { result: unknown }[]).map((r) => r.result);
}

/**
 * A one-plan policy (`test/p`) whose single block runs `stmts` and then
 * reports local `value` as `{"result": ...}`. String 0 must be "result".
 */
export function singlePlan(strings: string[], stmts: Stmt[], value: number, funcs: Func[] = []): Policy {
  return policy({
    strings,
    funcs,
    plans: [{ name: 'test/p', blocks: [resultBlock(0, value, 99, ...stmts)] }],
  });
}

/** The raw exports of a loaded policy, for ABI checks the SDK does not make. */
export function exportsOf(p: LoadedPolicy): Record<string, unknown> {
  const instance = p.wasmInstance as unknown as { exports: Record<string, unknown> };
  return instance.exports;
}

/** Dumps a value address of the loaded policy as JSON through its own opa_json_dump. */
export function dumpValue(p: LoadedPolicy, addr: number): unknown {
  const x = exportsOf(p) as Record<string, (...args: number[]) => number>;
  const str = x.opa_json_dump(addr);
  const bytes = new Uint8Array((p.mem as unknown as { buffer: ArrayBuffer }).buffer);
  let end = str;
  while (bytes[end] !== 0) end++;
  return JSON.parse(new TextDecoder().decode(bytes.subarray(str, end)));
}

/** Runs `fn`, which must throw, and returns what it threw as text (the SDK throws plain strings). */
export function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  throw new Error('expected an exception');
}
