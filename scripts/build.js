// Builds what the command line runs: the AssemblyScript runtime of the
// Rego compiler (when its sources exist; skipped when runtime.wasm is newer
// than them) and the TypeScript sources into dist/.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (existsSync(new URL('./build-runtime.js', import.meta.url)))
  run(process.execPath, ['scripts/build-runtime.js', '--if-stale']);
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
run(process.execPath, ['scripts/split-binaryen.js']);
