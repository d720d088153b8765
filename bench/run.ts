import { formatTable, type BenchResult } from './lib/stats.js';

/** Every benchmark by name; each module exports `run(): Promise<BenchResult | BenchResult[]>`. */
const BENCHES: Record<string, () => Promise<{ run: () => Promise<BenchResult | BenchResult[]> }>> = {
  approvals: () => import('./approvals.js'),
  audit: () => import('./audit.js'),
  cli: () => import('./cli.js'),
  decision: () => import('./decision.js'),
  eval: () => import('./eval.js'),
  http: () => import('./http.js'),
  mcp: () => import('./mcp.js'),
  proxy: () => import('./proxy.js'),
  replay: () => import('./replay.js'),
  scrub: () => import('./scrub.js'),
};

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  if (names.length === 0 || names.includes('--help')) {
    process.stdout.write(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}> [...]\n`);
    process.exitCode = names.length === 0 ? 1 : 0;
    return;
  }
  for (const name of names) {
    const load = BENCHES[name];
    if (!load) {
      process.stderr.write(`unknown bench "${name}"; known: ${Object.keys(BENCHES).join(', ')}\n`);
      process.exitCode = 1;
      return;
    }
    const results = await (await load()).run();
    for (const result of Array.isArray(results) ? results : [results])
      process.stdout.write(`${formatTable(result)}\n\n`);
  }
}

await main();
