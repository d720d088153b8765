/**
 * binaryen.js, loaded once. `npm run build` writes a copy of the package
 * with its WebAssembly binary moved out of the JavaScript source
 * (scripts/split-binaryen.js): importing that copy skips parsing a 10 MB
 * string literal, which is most of what loading binaryen costs. The copy is
 * used only while it was made from the installed package (same size and
 * modification time); otherwise the package is loaded as shipped.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type BinaryenApi from 'binaryen';

import { projectRoot } from './runtime-artifact.js';

type Binaryen = typeof BinaryenApi;

/** The split copy's entry, when it matches the installed package. */
export function splitBinaryenEntry(): string | undefined {
  try {
    const dir = join(projectRoot(), 'dist', 'vendor', 'binaryen');
    const originFile = join(dir, 'origin.json');
    if (!existsSync(originFile)) return undefined;
    const origin = JSON.parse(readFileSync(originFile, 'utf8')) as { size: number; mtimeMs: number };
    const installed = statSync(createRequire(import.meta.url).resolve('binaryen'));
    if (installed.size !== origin.size || installed.mtimeMs !== origin.mtimeMs) return undefined;
    return join(dir, 'index.js');
  } catch {
    return undefined;
  }
}

async function loadBinaryen(): Promise<Binaryen> {
  const split = splitBinaryenEntry();
  if (split) return ((await import(pathToFileURL(split).href)) as { default: Binaryen }).default;
  return (await import('binaryen')).default;
}

const binaryen: Binaryen = await loadBinaryen();
export default binaryen;
