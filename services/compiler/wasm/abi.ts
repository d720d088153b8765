/**
 * The functions and globals of OPA's WASM ABI (docs/docs/wasm.md) that the
 * code generator adds around the planned code: `eval`, `opa_eval`, the
 * evaluation context, `builtins()`, `entrypoints()`, the version globals,
 * and the start function that materialises the policy's constants.
 */
import { GLOBAL, PASSIVE_SEGMENT, type CodegenContext } from './context.js';
import { WasmCodegenError } from './errors.js';

export const ABI_VERSION = 1;
export const ABI_MINOR_VERSION = 3;

/** Runtime exports the host may call; every other runtime export is dropped so unused code can go. */
export const HOST_EXPORTS = [
  'memory',
  'opa_malloc',
  'opa_free',
  'opa_realloc',
  'opa_json_parse',
  'opa_json_dump',
  'opa_value_parse',
  'opa_value_dump',
  'opa_value_add_path',
  'opa_value_remove_path',
  'opa_value_free',
  'opa_heap_ptr_get',
  'opa_heap_ptr_set',
  'opa_heap_blocks_stash',
  'opa_heap_stash_clear',
] as const;

/** Host exports the SDK cannot work without. */
const REQUIRED_HOST_EXPORTS = [
  'opa_malloc',
  'opa_json_parse',
  'opa_json_dump',
  'opa_heap_ptr_get',
  'opa_heap_ptr_set',
];

/** Layout of the evaluation context made by `opa_eval_ctx_new`. */
const CTX = { input: 0, data: 4, result: 8, entrypoint: 12, size: 16 } as const;

const ENTRY = 'portcullis.entry';
const START = 'portcullis.start';

/** Declares the globals the generated code reads (the start function and `eval` fill them in). */
export function declareRuntimeGlobals(ctx: CodegenContext): void {
  for (const name of Object.values(GLOBAL)) ctx.m.addGlobal(name, true, 0);
}

/**
 * Adds everything beyond the plans and functions. `planNames[i]` is the
 * wasm function of plan `i`: `(input, data, resultSet) -> void`.
 */
export function emitAbi(ctx: CodegenContext, planNames: readonly string[]): void {
  const missing = REQUIRED_HOST_EXPORTS.filter((name) => ctx.m.exportedFunction(name) === undefined);
  if (missing.length > 0) {
    throw new WasmCodegenError('wasm_runtime_error', `the runtime does not export ${missing.join(', ')}`);
  }
  emitEntry(ctx, planNames);
  emitEval(ctx);
  emitContextFunctions(ctx);
  emitListings(ctx);
  emitStart(ctx);
  emitExports(ctx);
}

/** `(entrypoint, input, data) -> resultSet`: runs one plan. */
function emitEntry(ctx: CodegenContext, planNames: readonly string[]): void {
  const { m } = ctx;
  const [ep, input, data, rs] = [0, 1, 2, 3];
  // Results come out in the order the plan adds them, as OPA's interpreter returns a query's results.
  const body = [m.set(rs, ctx.callRt('opa_set_insertion_ordered', [], 'i32')), ctx.newMemoTable()];
  planNames.forEach((plan, index) => {
    body.push(
      m.if(
        m.eq(m.get(ep), m.i32(index)),
        m.block(null, [m.call(plan, [m.get(input), m.get(data), m.get(rs)], 'none'), m.return(m.get(rs))]),
      ),
    );
  });
  body.push(ctx.abort('internal: illegal entrypoint id'));
  m.addFunction(ENTRY, 3, 'i32', 1, m.block(null, body, 'i32'));
}

function emitEval(ctx: CodegenContext): void {
  const { m } = ctx;
  const evalCtx = 0;
  m.addFunction(
    'eval',
    1,
    'i32',
    0,
    m.block(
      null,
      [
        m.store(
          CTX.result,
          m.get(evalCtx),
          m.call(
            ENTRY,
            [
              m.load(CTX.entrypoint, m.get(evalCtx)),
              m.load(CTX.input, m.get(evalCtx)),
              m.load(CTX.data, m.get(evalCtx)),
            ],
            'i32',
          ),
        ),
        m.i32(0),
      ],
      'i32',
    ),
  );

  // opa_eval(reserved, entrypoint, data, input, input_len, heap_ptr, format) -> NUL-terminated JSON
  // (Rego value text when format is 1)
  const [entrypoint, data, input, inputLen, heapPtr, format] = [1, 2, 3, 4, 5, 6];
  const rs = 7;
  const dumpJson = ctx.callRt('opa_json_dump', [m.get(rs)], 'i32');
  const dump =
    m.exportedFunction('opa_value_dump') === undefined
      ? dumpJson
      : // `if`, not `select`: a select evaluates both arms, and would dump the result twice.
        m.if(m.get(format), ctx.callRt('opa_value_dump', [m.get(rs)], 'i32'), dumpJson);
  m.addFunction(
    'opa_eval',
    7,
    'i32',
    1,
    m.block(
      null,
      [
        ctx.callRt('opa_heap_ptr_set', [m.get(heapPtr)], 'none'),
        m.set(
          rs,
          m.call(
            ENTRY,
            [
              m.get(entrypoint),
              m.if(
                m.get(inputLen),
                // As OPA's opa_eval: Rego value text, JSON's superset, so a host can pass sets.
                ctx.callRt('opa_eval_input_parse', [m.get(input), m.get(inputLen)], 'i32'),
                m.i32(0),
              ),
              m.get(data),
            ],
            'i32',
          ),
        ),
        dump,
      ],
      'i32',
    ),
  );
}

function emitContextFunctions(ctx: CodegenContext): void {
  const { m } = ctx;
  const p = 0;
  m.addFunction(
    'opa_eval_ctx_new',
    0,
    'i32',
    1,
    m.block(
      null,
      [
        m.set(p, ctx.callRt('opa_malloc', [m.i32(CTX.size)], 'i32')),
        m.store(CTX.input, m.get(p), m.i32(0)),
        m.store(CTX.data, m.get(p), m.i32(0)),
        m.store(CTX.result, m.get(p), m.i32(0)),
        m.store(CTX.entrypoint, m.get(p), m.i32(0)),
        m.get(p),
      ],
      'i32',
    ),
  );
  const setter = (name: string, offset: number): void =>
    m.addFunction(name, 2, 'none', 0, m.store(offset, m.get(0), m.get(1)));
  setter('opa_eval_ctx_set_input', CTX.input);
  setter('opa_eval_ctx_set_data', CTX.data);
  setter('opa_eval_ctx_set_entrypoint', CTX.entrypoint);
  m.addFunction('opa_eval_ctx_get_result', 1, 'i32', 0, m.load(CTX.result, m.get(0)));
}

function emitListings(ctx: CodegenContext): void {
  const { m } = ctx;
  m.addFunction('builtins', 0, 'i32', 0, m.globalGet(GLOBAL.builtins));
  m.addFunction('entrypoints', 0, 'i32', 0, m.globalGet(GLOBAL.entrypoints));
}

/**
 * Runs at instantiation, before the SDK records its heap base, so that all
 * constants live below every later `opa_heap_ptr_set` reset.
 */
function emitStart(ctx: CodegenContext): void {
  const { m, data } = ctx;
  const constants = ctx.constantTable();
  const descriptors: number[] = [];
  for (const value of constants) {
    const text = data.text(value);
    descriptors.push(text.offset, text.length);
  }
  const descriptorOffset = data.words(descriptors);
  const builtinsJson = data.text(JSON.stringify(Object.fromEntries(ctx.hostBuiltins)));
  const entrypointsJson = data.text(
    JSON.stringify(Object.fromEntries(ctx.policy.plans.plans.map((plan, index) => [plan.name, index]))),
  );
  const size = data.byteLength;

  const i = 0;
  const descriptor = 1;
  const body = [];
  const previousStart = m.startFunction();
  if (previousStart !== undefined) body.push(m.call(previousStart, [], 'none'));
  body.push(
    m.globalSet(GLOBAL.scanOut, ctx.callRt('opa_scan_out', [], 'i32')),
    m.globalSet(GLOBAL.staticBase, ctx.callRt('opa_malloc', [m.i32(size)], 'i32')),
    m.memoryInit(PASSIVE_SEGMENT, m.globalGet(GLOBAL.staticBase), m.i32(0), m.i32(size)),
    m.dataDrop(PASSIVE_SEGMENT),
    m.globalSet(
      GLOBAL.stringTable,
      ctx.callRt('opa_malloc', [m.i32(Math.max(4, constants.length * 4))], 'i32'),
    ),
    m.set(i, m.i32(0)),
    m.block('constants.done', [
      m.loop(
        'constants.next',
        m.block(null, [
          m.br('constants.done', m.eqz(m.ltU(m.get(i), m.i32(constants.length)))),
          m.set(descriptor, m.add(ctx.staticAddress(descriptorOffset), m.mul(m.get(i), m.i32(8)))),
          m.store(
            0,
            m.add(m.globalGet(GLOBAL.stringTable), m.mul(m.get(i), m.i32(4))),
            ctx.callRt(
              'opa_string',
              [
                m.add(m.globalGet(GLOBAL.staticBase), m.load(0, m.get(descriptor))),
                m.load(4, m.get(descriptor)),
              ],
              'i32',
            ),
          ),
          m.set(i, m.add(m.get(i), m.i32(1))),
          m.br('constants.next'),
        ]),
      ),
    ]),
    m.globalSet(GLOBAL.true, ctx.callRt('opa_boolean', [m.i32(1)], 'i32')),
    m.globalSet(GLOBAL.false, ctx.callRt('opa_boolean', [m.i32(0)], 'i32')),
    m.globalSet(
      GLOBAL.builtins,
      ctx.callRt(
        'opa_json_parse',
        [ctx.staticAddress(builtinsJson.offset), m.i32(builtinsJson.length)],
        'i32',
      ),
    ),
    m.globalSet(
      GLOBAL.entrypoints,
      ctx.callRt(
        'opa_json_parse',
        [ctx.staticAddress(entrypointsJson.offset), m.i32(entrypointsJson.length)],
        'i32',
      ),
    ),
  );
  m.addFunction(START, 0, 'none', 2, m.block(null, body));
  m.addPassiveSegment(PASSIVE_SEGMENT, data.bytes());
  m.setStart(START);
}

function emitExports(ctx: CodegenContext): void {
  const { m } = ctx;
  const keep = new Set<string>(HOST_EXPORTS);
  for (const name of m.exportNames()) if (!keep.has(name)) m.removeExport(name);
  if (!m.exportNames().includes('memory')) m.addMemoryExport('memory');

  m.addGlobal('portcullis.abi_version', false, ABI_VERSION);
  m.addGlobal('portcullis.abi_minor_version', false, ABI_MINOR_VERSION);
  m.addGlobalExport('portcullis.abi_version', 'opa_wasm_abi_version');
  m.addGlobalExport('portcullis.abi_minor_version', 'opa_wasm_abi_minor_version');

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
  ]) {
    m.addFunctionExport(name, name);
  }
}
