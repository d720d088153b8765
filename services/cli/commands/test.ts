import type { Command } from 'commander';
import type { TestCommandOptions } from '../test-run.js';

export function registerTest(program: Command): void {
  program
    .command('test')
    .description(
      'run the Rego unit tests (rules named test_*) in policy directories or files, loading data as `opa test`',
    )
    .argument(
      '<paths...>',
      'policy directories or files (.rego, .json, .yaml); prefix:path loads data under prefix',
    )
    .option('-r, --run <regex>', 'only tests whose full name (data.pkg.test_x) matches')
    .option('-v, --verbose', 'list passing tests too, file by file')
    .option(
      '-f, --format <format>',
      'pretty or json (the results, or the coverage report with --coverage)',
      'pretty',
    )
    .option('-c, --coverage', "report coverage (OPA's JSON report; with --format pretty, per file and rule)")
    .option('--threshold <percent>', 'with --coverage: fail when coverage is below this', '0')
    .option('--bench', 'benchmark each test instead of running it once')
    .option('--benchtime <ms>', 'with --bench: how long each benchmark round should last, in ms', '1000')
    .option('--strict-builtin-errors', 'builtin errors fail the test instead of being undefined')
    .option(
      '--v0-compatible',
      'read Rego v0 (bodies without if, p[x] { } partial sets, future keywords only when imported), as opa --v0-compatible',
    )
    .option('-z, --exit-zero-on-skipped', 'skipped (todo_test_*) tests do not make the exit status 2')
    .option('--fail-on-empty', 'exit 1 when no test ran')
    .option('-w, --watch', 'run again whenever a file below the paths changes')
    .action(async (paths: string[], options: TestCommandOptions, command: Command) => {
      if (!options.watch && !options.bench) (await import('../quick-start.js')).baselineWasmOnly();
      const { runTestCommand } = await import('../test-run.js');
      await runTestCommand(paths, {
        ...options,
        formatGiven: command.getOptionValueSource('format') === 'cli',
      });
    });
}
