import type { Command } from 'commander';
import type { EvalCommandOptions } from '../eval-run.js';

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description(
      'evaluate a Rego query against policy and data, as `opa eval` (or one entrypoint of policy directories with -e)',
    )
    .argument('<query|paths...>', "a query such as 'data.authz.allow == true' (or, with -e, policy paths)")
    .option(
      '-d, --data <path>',
      'policy and data file or directory (.rego, .json, .yaml), repeatable; prefix:path loads data under prefix',
      (path: string, paths: string[] = []) => [...paths, path],
    )
    .option('-i, --input <file>', 'input document (JSON or YAML; - for stdin)')
    .option(
      '-e, --entrypoint <path>',
      'evaluate this rule path (e.g. gateway/decision) and print its result set',
    )
    .option('-f, --format <format>', "json (OPA's result object), values, bindings or raw", 'json')
    .option('--fail', 'exit 1 when the result is undefined')
    .option('--fail-defined', 'exit 1 when the result is defined')
    .option('--strict-builtin-errors', 'builtin errors fail the evaluation instead of being undefined')
    .option(
      '-s, --schema <path>',
      'JSON Schema for the type checker: a file types input, a directory holds the schemas METADATA annotations name',
    )
    .option(
      '--v0-compatible',
      'read Rego v0 (bodies without if, p[x] { } partial sets, future keywords only when imported), as opa --v0-compatible',
    )
    .action(async (args: string[], options: EvalCommandOptions) => {
      (await import('../quick-start.js')).baselineWasmOnly();
      const { runEvalCommand } = await import('../eval-run.js');
      process.exitCode = await runEvalCommand(args, options);
    });
}
