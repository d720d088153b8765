#!/usr/bin/env node
// The command line runs the compiled sources in dist/ (built by `npm run build`, run by `npm ci`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/services/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('portcullis: dist/ is missing: run `npm run build` first\n');
  process.exit(1);
}
const { main } = await import(entry.href);
await main(process.argv);
