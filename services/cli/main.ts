import { Command, CommanderError } from 'commander';
import { PortcullisError } from '../common/errors.js';
import { RegoCompileError } from '../compiler/errors.js';
import { registerBuild } from './commands/build.js';
import { registerDecision } from './commands/decision.js';
import { registerDemo } from './commands/demo.js';
import { registerProxy } from './commands/proxy.js';
import { registerEval } from './commands/eval.js';
import { registerTest } from './commands/test.js';
import { registerStart } from './commands/start.js';
import { registerWorkers } from './commands/workers.js';

export function buildProgram(): Command {
  const program = new Command('portcullis')
    .description(
      'Policy enforcement gateway: identity, Rego policy compiled to WebAssembly, approvals and audit',
    )
    .version('0.1.0')
    .showHelpAfterError();
  registerStart(program);
  registerBuild(program);
  registerTest(program);
  registerEval(program);
  registerDecision(program);
  registerProxy(program);
  registerWorkers(program);
  registerDemo(program);
  return program;
}

/** Runs the CLI; errors we raise on purpose print as one line, never a stack trace. */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    if (err instanceof PortcullisError) {
      process.stderr.write(`portcullis: ${err.code}: ${err.message}\n`);
    } else if (err instanceof RegoCompileError) {
      process.stderr.write(`${err.message}\n`);
    } else if ((err as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
      const { address, port } = err as NodeJS.ErrnoException & { address?: string; port?: number };
      process.stderr.write(
        `portcullis: address_in_use: ${address}:${port} is already in use; choose another port (--port or portcullis.yaml)\n`,
      );
    } else {
      process.stderr.write(`portcullis: ${(err as Error)?.stack ?? String(err)}\n`);
    }
    process.exitCode = 1;
  }
}
