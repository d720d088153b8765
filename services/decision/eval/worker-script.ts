import { createRequire } from 'node:module';

/*
 * How the pool starts its worker. Built code (dist/**.js) runs worker.js
 * directly. When the services run from TypeScript sources (Jest with swc,
 * or a dev loop), a worker cannot load `.ts`, so the worker starts with a
 * tiny bootstrap that registers module hooks compiling `.ts` files with
 * @swc/core (a dev dependency, only needed in that mode) and then imports
 * worker.ts; its relative `.js` imports resolve to the `.ts` beside them.
 */

const HOOKS = `
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
let swc;
export async function initialize(data) {
  swc = createRequire(data.swcPath)(data.swcPath);
}
export async function resolve(specifier, context, next) {
  if (context.parentURL && context.parentURL.endsWith('.ts') && /^\\.{1,2}\\//.test(specifier) && specifier.endsWith('.js')) {
    const asJs = new URL(specifier, context.parentURL);
    const asTs = new URL(specifier.slice(0, -3) + '.ts', context.parentURL);
    if (!existsSync(fileURLToPath(asJs)) && existsSync(fileURLToPath(asTs))) {
      return { url: asTs.href, format: 'module', shortCircuit: true };
    }
  }
  if (specifier.startsWith('file:') && specifier.endsWith('.ts')) {
    return { url: specifier, format: 'module', shortCircuit: true };
  }
  return next(specifier, context);
}
export async function load(url, context, next) {
  if (url.startsWith('file:') && url.endsWith('.ts')) {
    const { code } = swc.transformFileSync(fileURLToPath(url), {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'es6' },
      sourceMaps: 'inline',
    });
    return { format: 'module', source: code, shortCircuit: true };
  }
  return next(url, context);
}
`;

export interface WorkerScript {
  /** First argument of `new Worker`. */
  filename: string | URL;
  /** True when `filename` is code to evaluate rather than a file. */
  eval: boolean;
}

/** True when this module runs from its TypeScript source rather than built JavaScript. */
export function runningFromSource(moduleUrl: string = import.meta.url): boolean {
  return moduleUrl.endsWith('.ts');
}

/** The worker entry for the evaluation pool, built or from source (see above). */
export function evalWorkerScript(): WorkerScript {
  return workerScriptFor(new URL('./worker.js', import.meta.url));
}

/**
 * A worker entry given as the URL of its built `.js` file, started from
 * that file when this module is built, else from the `.ts` beside it.
 */
export function workerScriptFor(builtUrl: URL): WorkerScript {
  if (!runningFromSource()) return { filename: builtUrl, eval: false };
  const entry = builtUrl.href.replace(/\.js$/, '.ts');
  const swcPath = createRequire(import.meta.url).resolve('@swc/core');
  const hooks = 'data:text/javascript,' + encodeURIComponent(HOOKS);
  const bootstrap = [
    `const { register } = require('node:module');`,
    `register(${JSON.stringify(hooks)}, { data: { swcPath: ${JSON.stringify(swcPath)} } });`,
    `import(${JSON.stringify(entry)}).catch((err) => { console.error(err); process.exit(1); });`,
  ].join('\n');
  return { filename: bootstrap, eval: true };
}

/**
 * URL of the module holding `hostBuiltins()` (the compiler's host builtins),
 * or undefined while that module does not exist yet.
 */
export function builtinsModuleUrl(exists: (url: URL) => boolean): string | undefined {
  const ext = runningFromSource() ? '.ts' : '.js';
  const url = new URL(`../../compiler/builtins/index${ext}`, import.meta.url);
  return exists(url) ? url.href : undefined;
}
