import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { parse as parseYaml } from 'yaml';
import { PortcullisError } from '../../common/errors.js';
import { hostBuiltins } from '../../compiler/builtins/index.js';
import { compileRego } from '../../compiler/index.js';
import { readPolicySources } from '../../compiler/project.js';
import { normaliseEntrypoint } from './build.js';

function readDocument(file: string): unknown {
  const text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  try {
    return file.endsWith('.yaml') || file.endsWith('.yml') ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw new PortcullisError('invalid_document', `${file}: ${(err as Error).message}`);
  }
}

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('compile a policy and print the result set of one entrypoint for an input')
    .argument('<paths...>', 'policy directories or .rego files')
    .requiredOption('-e, --entrypoint <path>', 'rule path, e.g. gateway/decision')
    .option('-i, --input <file>', 'input document (JSON or YAML; - for stdin)')
    .option('-d, --data <file...>', 'extra data documents merged over the policy data')
    .option('--strict-builtin-errors', 'builtin errors fail the evaluation instead of being undefined')
    .action(
      async (
        paths: string[],
        options: { entrypoint: string; input?: string; data?: string[]; strictBuiltinErrors?: boolean },
      ) => {
        const entrypoint = normaliseEntrypoint(options.entrypoint);
        const sources = readPolicySources(paths);
        const data = { ...sources.data };
        for (const file of options.data ?? []) Object.assign(data, readDocument(file));
        const compiled = compileRego(sources.rego, { entrypoints: [entrypoint] });
        const policy = await loadPolicy(
          compiled.wasm,
          undefined,
          hostBuiltins({ strict: options.strictBuiltinErrors }),
        );
        policy.setData(data);
        const input = options.input ? readDocument(options.input) : undefined;
        const resultSet = policy.evaluate(input, entrypoint);
        process.stdout.write(`${JSON.stringify(resultSet, null, 2)}\n`);
      },
    );
}
