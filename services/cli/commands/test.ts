import type { Command } from 'commander';
import { readPolicySources } from '../../compiler/project.js';
import { runPolicyTests } from '../../compiler/testing.js';

export function registerTest(program: Command): void {
  program
    .command('test')
    .description('run the Rego unit tests (rules named test_*) in policy directories or files')
    .argument('<paths...>', 'policy directories or .rego files')
    .option('--run <regex>', 'only tests whose name matches')
    .option('-v, --verbose', 'list passing tests too')
    .action(async (paths: string[], options: { run?: string; verbose?: boolean }) => {
      const sources = readPolicySources(paths);
      const results = await runPolicyTests(sources, {
        filter: options.run ? new RegExp(options.run) : undefined,
      });
      for (const r of results) {
        if (!r.passed) process.stdout.write(`FAIL ${r.name} (${r.file}:${r.row}): ${r.failure}\n`);
        else if (options.verbose) process.stdout.write(`PASS ${r.name} (${r.file}:${r.row})\n`);
      }
      const failed = results.filter((r) => !r.passed).length;
      process.stdout.write(`${results.length - failed} passed, ${failed} failed\n`);
      if (failed > 0 || results.length === 0) process.exitCode = 1;
    });
}
