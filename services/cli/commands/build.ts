import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { isSigningAlgorithm } from '../../bundle/keys.js';
import type { SigningOptions } from '../../bundle/types.js';
import { PortcullisError } from '../../common/errors.js';

/** `gateway/decision`, `gateway.decision` and `data.gateway.decision` all name one rule. */
export function normaliseEntrypoint(text: string): string {
  const trimmed = text.trim().replace(/^data[./]/, '');
  const path = trimmed.includes('/') ? trimmed : trimmed.replace(/\./g, '/');
  if (!/^[A-Za-z_][\w-]*(\/[A-Za-z_][\w-]*)*$/.test(path)) {
    throw new PortcullisError('invalid_argument', `-e ${text}: not a rule path like gateway/decision`);
  }
  return path;
}

/** A key given inline or as a path to a file holding it. */
export function readKeyArgument(value: string): string {
  return existsSync(value) ? readFileSync(value, 'utf8') : value;
}

interface BuildOptions {
  entrypoint: string[];
  output: string;
  target: string;
  revision?: string;
  signingKey?: string;
  signingAlg: string;
  signingKid?: string;
  scope?: string;
  v0Compatible?: boolean;
  schema?: string;
}

export function registerBuild(program: Command): void {
  program
    .command('build')
    .description(
      'compile Rego (directories or files; .json/.yaml files are data at their directory path) into an OPA bundle with policy.wasm',
    )
    .argument('<paths...>', 'policy directories or .rego files')
    .requiredOption('-e, --entrypoint <path...>', 'rule path to expose, e.g. gateway/decision (repeatable)')
    .option('-o, --output <file>', 'bundle to write', 'bundle.tar.gz')
    .option('-t, --target <target>', 'wasm (a bundle) or plan (the IR as JSON)', 'wasm')
    .option('-r, --revision <rev>', 'manifest revision')
    .option('--signing-key <pem|secret>', 'sign the bundle: PEM private key (file or text) or HS256 secret')
    .option('--signing-alg <alg>', 'RS256, ES256 or HS256', 'RS256')
    .option('--signing-kid <id>', 'key id written in the signature header')
    .option('--scope <scope>', 'scope claim written in the signature')
    .option(
      '--v0-compatible',
      'read Rego v0 (bodies without if, p[x] { } partial sets, future keywords only when imported), as opa --v0-compatible',
    )
    .option(
      '-s, --schema <path>',
      'JSON Schema for the type checker: a file types input, a directory holds the schemas METADATA annotations name',
    )
    .action(async (paths: string[], options: BuildOptions) => {
      (await import('../quick-start.js')).baselineWasmOnly();
      const schemas = (await import('../schema-option.js')).schemasFromOption(options.schema);
      const { compileRego } = await import('../../compiler/index.js');
      const { buildBundle, readPolicySources } = await import('../../compiler/project.js');
      const entrypoints = options.entrypoint.map(normaliseEntrypoint);
      const regoVersion = options.v0Compatible ? 'v0' : 'v1';
      const sources = readPolicySources(paths, { regoVersion });
      mkdirSync(dirname(options.output), { recursive: true });
      if (options.target === 'plan') {
        const { policy } = compileRego(sources.rego, { entrypoints, planOnly: true, regoVersion, schemas });
        writeFileSync(options.output, `${JSON.stringify(policy, null, 2)}\n`);
        process.stdout.write(`wrote plan ${options.output}\n`);
        return;
      }
      if (options.target !== 'wasm') {
        throw new PortcullisError('invalid_argument', `--target ${options.target}: expected wasm or plan`);
      }
      let signing: SigningOptions | undefined;
      if (options.signingKey) {
        if (!isSigningAlgorithm(options.signingAlg)) {
          throw new PortcullisError(
            'invalid_argument',
            `--signing-alg ${options.signingAlg}: expected RS256, ES256 or HS256`,
          );
        }
        signing = {
          key: readKeyArgument(options.signingKey),
          algorithm: options.signingAlg,
          keyId: options.signingKid,
          scope: options.scope,
        };
      }
      const { bundle, compiled } = await buildBundle(sources, {
        regoVersion,
        schemas,
        entrypoints,
        revision: options.revision,
        signing,
      });
      writeFileSync(options.output, bundle);
      // The same warning as test and eval: a bundle whose data sits one directory off decides wrongly.
      const { formatMissingDataReads, missingDataReads } = await import('../../compiler/data-refs.js');
      for (const line of formatMissingDataReads(missingDataReads(compiled.modules, sources.data))) {
        process.stderr.write(`${line}\n`);
      }
      const ms = Object.values(compiled.timings).reduce((a, b) => a + b, 0);
      process.stdout.write(
        `wrote ${options.output} (${sources.rego.length} rego files, policy.wasm ${compiled.wasm.length} bytes, ${ms.toFixed(0)} ms)\n`,
      );
    });
}
