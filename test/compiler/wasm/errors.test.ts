/** Plans the generator cannot lower fail with a WasmCodegenError, never with a broken module. */
import type { Stmt } from '../../../services/compiler/plan/ir.js';
import { WasmCodegenError, generateWasm } from '../../../services/compiler/wasm/index.js';
import { ensureRuntime, local, policy, singlePlan, st, stAt } from './support.js';

beforeAll(ensureRuntime, 120_000);

function codegenError(fn: () => unknown): WasmCodegenError {
  try {
    fn();
  } catch (err) {
    if (err instanceof WasmCodegenError) return err;
    throw err;
  }
  throw new Error('expected a WasmCodegenError');
}

test('a call to an unknown function names it and its location', () => {
  const ir = policy({
    strings: ['result'],
    files: ['authz.rego'],
    plans: [
      {
        name: 'test/p',
        blocks: [
          {
            stmts: [
              stAt(
                'CallStmt',
                { func: 'no.such.fn', args: [local(0)], result: 2 },
                { file: 0, row: 4, col: 7 },
              ),
            ],
          },
        ],
      },
    ],
  });
  const err = codegenError(() => generateWasm(ir));
  expect(err.code).toBe('wasm_undefined_function');
  expect(err.location).toEqual({ file: 'authz.rego', row: 4, col: 7 });
  expect(err.message).toBe('authz.rego:4:7: wasm_undefined_function: undefined function no.such.fn');
});

test('a statement kind the generator does not know is rejected', () => {
  const bogus = { type: 'TeleportStmt', stmt: { file: 0, row: 1, col: 1 } } as unknown as Stmt;
  const err = codegenError(() => generateWasm(singlePlan(['result'], [bogus], 2)));
  expect(err.code).toBe('wasm_unsupported');
  expect(err.message).toContain('TeleportStmt');
});

test('a break out of more blocks than exist is rejected', () => {
  const err = codegenError(() => generateWasm(singlePlan(['result'], [st('BreakStmt', { index: 3 })], 2)));
  expect(err.code).toBe('wasm_invalid_plan');
});

test('a string index outside static.strings is rejected', () => {
  const err = codegenError(() =>
    generateWasm(
      singlePlan(
        ['result'],
        [st('AssignVarStmt', { source: { type: 'string_index', value: 9 }, target: 2 })],
        2,
      ),
    ),
  );
  expect(err.code).toBe('wasm_invalid_plan');
});

test('host builtins with more than four arguments are not supported', () => {
  const ir = policy({
    strings: ['result'],
    builtins: ['custom.five'],
    plans: [
      {
        name: 'test/p',
        blocks: [
          { stmts: [st('CallStmt', { func: 'custom.five', args: [0, 0, 0, 0, 0].map(local), result: 2 })] },
        ],
      },
    ],
  });
  expect(codegenError(() => generateWasm(ir)).code).toBe('wasm_unsupported');
});

test('a runtime that is not a wasm module is reported as such', () => {
  const err = codegenError(() =>
    generateWasm(singlePlan(['result'], [], 2), { runtime: new Uint8Array([1, 2, 3]) }),
  );
  expect(err.code).toBe('wasm_runtime_error');
});

test('two plans with the same entrypoint name are rejected', () => {
  const plan = { name: 'test/p', blocks: [] };
  const err = codegenError(() => generateWasm(policy({ strings: ['result'], plans: [plan, plan] })));
  expect(err.code).toBe('wasm_invalid_plan');
  expect(err.message).toContain('test/p');
});
