import type { Command } from 'commander';
import type { FmtCommandOptions } from '../fmt-run.js';

export function registerFmt(program: Command): void {
  program
    .command('fmt')
    .description("format Rego in OPA's canonical style (stdout, or --write / --list / --diff)")
    .argument('[paths...]', '.rego files or directories (every .rego file below); none reads stdin')
    .option('-w, --write', 'write the result back to each file that changes')
    .option('-l, --list', 'list the files whose formatting differs')
    .option('-d, --diff', 'print a unified diff of the changes')
    .option('--fail', 'exit 2 when a file is not formatted (with --list or --diff)')
    .option(
      '--v0-compatible',
      'read and write Rego v0 (if and contains only where imported), as opa fmt --v0-compatible',
    )
    .action(async (paths: string[], options: FmtCommandOptions) => {
      const { runFmtCommand } = await import('../fmt-run.js');
      process.exitCode = runFmtCommand(paths, options);
    });
}
