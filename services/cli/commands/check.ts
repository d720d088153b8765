import type { Command } from 'commander';
import type { CheckCommandOptions } from '../check-run.js';

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description(
      'parse and compile Rego (types included) without building, as `opa check`; silent when it is valid',
    )
    .argument('<paths...>', '.rego files or directories (every .rego file below)')
    .option(
      '--strict',
      "OPA's strict mode: unused imports, assignments and arguments, deprecated builtins are errors",
    )
    .option('-f, --format <format>', 'pretty or json (the errors)', 'pretty')
    .option(
      '-s, --schema <path>',
      'JSON Schema for the type checker: a file types input, a directory holds the schemas METADATA annotations name',
    )
    .option(
      '--v0-compatible',
      'read Rego v0 (bodies without if, p[x] { } partial sets, future keywords only when imported), as opa --v0-compatible',
    )
    .action(async (paths: string[], options: CheckCommandOptions) => {
      const { runCheckCommand } = await import('../check-run.js');
      process.exitCode = runCheckCommand(paths, options);
    });
}
