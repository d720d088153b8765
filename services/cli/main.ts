import { Command, CommanderError } from 'commander';
import { PortcullisError } from '../common/errors.js';
import { RegoCompileError } from '../compiler/errors.js';

export const VERSION = '0.1.0';

type Register = (program: Command) => void;

/**
 * Every command and the module declaring it, loaded only when needed: a
 * command's module (and what it imports) costs nothing to the others, so
 * `--version` and `test` do not pay for the decision service or the proxy.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  start: async () => (await import('./commands/start.js')).registerStart,
  build: async () => (await import('./commands/build.js')).registerBuild,
  test: async () => (await import('./commands/test.js')).registerTest,
  eval: async () => (await import('./commands/eval.js')).registerEval,
  inspect: async () => (await import('./commands/inspect.js')).registerInspect,
  fmt: async () => (await import('./commands/fmt.js')).registerFmt,
  check: async () => (await import('./commands/check.js')).registerCheck,
  decision: async () => (await import('./commands/decision.js')).registerDecision,
  // `decision.js` declares `serve-bundles` too.
  'serve-bundles': async () => (await import('./commands/decision.js')).registerDecision,
  proxy: async () => (await import('./commands/proxy.js')).registerProxy,
  workers: async () => (await import('./commands/workers.js')).registerWorkers,
  approvals: async () => (await import('./commands/approvals.js')).registerApprovals,
  'demo-upstream': async () => (await import('./commands/demo.js')).registerDemo,
  keys: async () => (await import('./commands/keys.js')).registerKeys,
  audit: async () => (await import('./commands/audit.js')).registerAudit,
};

/** The command an argument list runs (`portcullis help <name>` included), if it names one. */
export function commandNamed(args: string[]): string | undefined {
  const [first, second] = args;
  const name = first === 'help' ? second : first;
  return name !== undefined && Object.hasOwn(COMMANDS, name) ? name : undefined;
}

/**
 * The command line with the commands `only` names declared, or all of them
 * (for `--help`, an unknown command, and tests).
 */
export async function buildProgram(only?: string[]): Promise<Command> {
  const program = new Command('portcullis')
    .description(
      'Policy enforcement gateway: identity, Rego policy compiled to WebAssembly, approvals and audit',
    )
    .version(VERSION)
    .showHelpAfterError();
  const registers = new Set<Register>();
  // One import at a time: Jest's module linker cannot take several at once.
  for (const name of only ?? Object.keys(COMMANDS)) registers.add(await COMMANDS[name]());
  for (const register of registers) register(program);
  return program;
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
    const program = (await buildProgram(name ? [name] : undefined)).exitOverride();
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
