import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { formatReport } from './report.js';
import { defaultCasesDir, loadCases, runSuite, writeBaseline, BASELINE_FILE } from './suite.js';

/** `npm run conformance -- [--cases dir] [--topic t] [--report out.json] [--update-baseline] [--verbose]` */
async function main(): Promise<void> {
  const program = new Command('conformance')
    .option('--cases <dir>', "OPA's YAML conformance cases", defaultCasesDir())
    .option('--topic <name...>', 'only these topics')
    .option('--note <substring>', 'only cases whose note contains this')
    .option('--report <file>', 'write per-case results as JSON')
    .option('--update-baseline', `rewrite ${BASELINE_FILE} with the passing notes`)
    .option('-v, --verbose', 'print each failure with its reason')
    .parse(process.argv);
  const options = program.opts<{
    cases: string;
    topic?: string[];
    note?: string;
    report?: string;
    updateBaseline?: boolean;
    verbose?: boolean;
  }>();
  let cases = loadCases(options.cases);
  if (options.topic) cases = cases.filter((c) => options.topic!.includes(c.topic));
  if (options.note) cases = cases.filter((c) => c.note.includes(options.note!));
  const results = await runSuite(cases, (r) => {
    if (options.verbose && r.status === 'fail') process.stdout.write(`FAIL ${r.note}: ${r.reason}\n`);
  });
  process.stdout.write(`${formatReport(results)}\n`);
  if (options.report) writeFileSync(options.report, `${JSON.stringify(results, null, 1)}\n`);
  if (options.updateBaseline) writeBaseline(results);
}

await main();
