import { parentPort, threadId, workerData } from 'node:worker_threads';
import { packagePath } from '../../compiler/compile/resolve.js';
import type { RegoFile } from '../../compiler/index.js';
import type { Module } from '../../compiler/rego/ast.js';
import { parseModule } from '../../compiler/rego/parser.js';
import type { CompileRequest, CompileWorkerData, CompileWorkerMessage } from './protocol.js';

/*
 * Worker thread entry: holds the Rego sources of one generation, tells what
 * they define, and compiles one data path at a time into a policy.wasm, so
 * the decision service's event loop never runs the compiler.
 */

const { files } = workerData as CompileWorkerData;
const port = parentPort!;

function post(message: CompileWorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

const regoFiles: RegoFile[] = files.map(({ file, source, regoVersion }) => ({
  file,
  source,
  ...(regoVersion ? { regoVersion } : {}),
}));

/** The ground prefix of a rule's head, below its package. */
function rulePath(module: Module, index: number): string[] {
  const [first, ...rest] = module.rules[index].head.ref.value;
  const path = [...packagePath(module)];
  if (first?.type !== 'var') return path;
  path.push(first.value);
  for (const part of rest) {
    if (part.type !== 'string') break;
    path.push(part.value);
  }
  return path;
}

try {
  // The parser alone answers the index; the compiler (and binaryen) load with the first compile.
  const modules = regoFiles.map(({ file, source, regoVersion }) =>
    parseModule(source, file, { regoVersion }),
  );
  post({
    type: 'index',
    rules: modules.flatMap((module) => module.rules.map((_, i) => rulePath(module, i))),
    packages: modules.map(packagePath),
  });
} catch (err) {
  post({ type: 'index_failed', message: (err as Error).message });
}

/** `result = data["a"]["b"]`: any segment, whatever its characters. */
function queryFor(path: string[]): string {
  return `result = data${path.map((segment) => `[${JSON.stringify(segment)}]`).join('')}`;
}

port.on('message', async (request: CompileRequest) => {
  try {
    const { compileRego } = await import('../../compiler/index.js');
    const { wasm } = compileRego(regoFiles, { query: queryFor(request.path), queryName: request.entrypoint });
    const bytes = wasm.slice();
    post({ type: 'compiled', id: request.id, wasm: bytes, threadId }, [bytes.buffer as ArrayBuffer]);
  } catch (err) {
    post({ type: 'compile_failed', id: request.id, message: (err as Error).message });
  }
});
