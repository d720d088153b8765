import type { Command } from 'commander';
import { PortcullisError } from '../common/errors.js';
import { RegoCompileError } from '../compiler/errors.js';
import { COMMANDS, type Register } from './command-table.js';

export const VERSION = '0.1.0';

/**
 * Each command's module is loaded only when needed (command-table.ts): a
 * command's module (and what it imports) costs nothing to the others, so
 * `--version`, `--help` and `test` do not pay for the decision service or
 * the proxy.
 */
/** The command an argument list runs (`portcullis help <name>` included), if it names one. */
export function commandNamed(args: string[]): string | undefined {
  const [first, second] = args;
  const name = first === 'help' ? second : first;
  return name !== undefined && Object.hasOwn(COMMANDS, name) ? name : undefined;
}

/** commander, loaded after `--version` is answered: importing it costs about 30 ms of CPU. */
const commander = () => import('commander');

async function bareProgram(): Promise<Command> {
  const { Command } = await commander();
  return new Command('portcullis')
    .description(
      'Policy enforcement gateway: identity, Rego policy compiled to WebAssembly, approvals and audit',
    )
    .version(VERSION)
    .showHelpAfterError();
}

/** The command line with the commands `only` names declared, or all of them (for tests). */
export async function buildProgram(only?: string[]): Promise<Command> {
  const program = await bareProgram();
  const registers = new Set<Register>();
  // One import at a time: Jest's module linker cannot take several at once.
  for (const name of only ?? Object.keys(COMMANDS)) registers.add(await COMMANDS[name].load());
  for (const register of registers) register(program);
  return program;
}

/**
 * The command line for `--help`, no command or an unknown one: every
 * command named and described from the table, none of their modules loaded.
 */
export async function summaryProgram(): Promise<Command> {
  const program = await bareProgram();
  for (const [name, entry] of Object.entries(COMMANDS)) program.command(name).description(entry.description);
  const help = program.createHelp();
  return program.configureHelp({
    subcommandTerm: (command) => COMMANDS[command.name()]?.term ?? help.subcommandTerm(command),
  });
}

/** Runs the CLI; errors we raise on purpose print as one line, never a stack trace. */
export async function main(argv: string[]): Promise<void> {
  const args = argv.slice(2);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  const name = commandNamed(args);
  try {
    const program = (name ? await buildProgram([name]) : await summaryProgram()).exitOverride();
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof (await commander()).CommanderError) {
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
