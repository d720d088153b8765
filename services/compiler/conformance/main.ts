import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { formatReport } from './report.js';
import { BASELINE_FILES, defaultCasesDir, loadCases, runSuite, writeBaseline } from './suite.js';

/**
 * `npm run conformance -- [--cases dir] [--v0-compatible] [--topic t] [--report out.json]
 * [--update-baseline] [--verbose]`
 */
async function main(): Promise<void> {
  const program = new Command('conformance')
    .option(
      '--cases <dir>',
      "OPA's YAML conformance cases (default: the v1 suite, or v0 with --v0-compatible)",
    )
    .option('--v0-compatible', 'read modules and queries as Rego v0, as `opa --v0-compatible`')
    .option('--topic <name...>', 'only these topics')
    .option('--note <substring>', 'only cases whose note contains this')
    .option('--report <file>', 'write per-case results as JSON')
    .option(
      '--update-baseline',
      `rewrite the passing notes (${BASELINE_FILES.v1}, or ${BASELINE_FILES.v0} with --v0-compatible)`,
    )
    .option('-v, --verbose', 'print each failure with its reason')
    .parse(process.argv);
  const options = program.opts<{
    cases?: string;
    v0Compatible?: boolean;
    topic?: string[];
    note?: string;
    report?: string;
    updateBaseline?: boolean;
    verbose?: boolean;
  }>();
  const regoVersion = options.v0Compatible ? 'v0' : 'v1';
  let cases = loadCases(options.cases ?? defaultCasesDir(regoVersion));
  if (options.topic) cases = cases.filter((c) => options.topic!.includes(c.topic));
  if (options.note) cases = cases.filter((c) => c.note.includes(options.note!));
  const results = await runSuite(
    cases,
    (r) => {
      if (options.verbose && r.status === 'fail') process.stdout.write(`FAIL ${r.note}: ${r.reason}\n`);
    },
    { regoVersion },
  );
  process.stdout.write(`${formatReport(results)}\n`);
  if (options.report) writeFileSync(options.report, `${JSON.stringify(results, null, 1)}\n`);
  if (options.updateBaseline) writeBaseline(results, BASELINE_FILES[regoVersion]);
}

await main();
