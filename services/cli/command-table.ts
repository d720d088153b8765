/**
 * Every command: what `--help` shows for it, and the module declaring it,
 * loaded only when the command runs. `--help` is printed from this table
 * without importing any command module (test/cli/main.test.ts checks that
 * it prints exactly what the modules declare: change both together).
 */
import type { Command } from 'commander';

export type Register = (program: Command) => void;

export interface CommandEntry {
  /** The command as `--help` lists it: name, `[options]` and arguments. */
  term: string;
  /** Its one-line description, as its module declares it. */
  description: string;
  /** Imports the module declaring it (and what that imports). */
  load: () => Promise<Register>;
}

export const COMMANDS: Record<string, CommandEntry> = {
  start: {
    term: 'start [options]',
    description: 'run the whole stack in one process (decision service, proxy, workers, demo upstream)',
    load: async () => (await import('./commands/start.js')).registerStart,
  },
  build: {
    term: 'build [options] <paths...>',
    description:
      'compile Rego (directories or files; .json/.yaml files are data at their directory path) into an OPA bundle with policy.wasm',
    load: async () => (await import('./commands/build.js')).registerBuild,
  },
  test: {
    term: 'test [options] <paths...>',
    description:
      'run the Rego unit tests (rules named test_*) in policy directories or files, loading data as `opa test`',
    load: async () => (await import('./commands/test.js')).registerTest,
  },
  eval: {
    term: 'eval [options] <query|paths...>',
    description:
      'evaluate a Rego query against policy and data, as `opa eval` (or one entrypoint of policy directories with -e)',
    load: async () => (await import('./commands/eval.js')).registerEval,
  },
  inspect: {
    term: 'inspect [options] <bundle>',
    description:
      'summarise a bundle (archive or directory) as `opa inspect`: manifest, namespaces, entrypoints, signatures, annotations',
    load: async () => (await import('./commands/inspect.js')).registerInspect,
  },
  fmt: {
    term: 'fmt [options] [paths...]',
    description: "format Rego in OPA's canonical style (stdout, or --write / --list / --diff)",
    load: async () => (await import('./commands/fmt.js')).registerFmt,
  },
  check: {
    term: 'check [options] <paths...>',
    description:
      'parse and compile Rego (types included) without building, as `opa check`; silent when it is valid',
    load: async () => (await import('./commands/check.js')).registerCheck,
  },
  decision: {
    term: 'decision [options]',
    description: "run the decision service alone (OPA's REST API over WASM bundles)",
    load: async () => (await import('./commands/decision.js')).registerDecision,
  },
  'serve-bundles': {
    term: 'serve-bundles [options] <dir>',
    description: 'serve built bundles to decision services (ETags, long polling)',
    load: async () => (await import('./commands/decision.js')).registerDecision,
  },
  proxy: {
    term: 'proxy [options]',
    description: 'run the enforcement proxy alone',
    load: async () => (await import('./commands/proxy.js')).registerProxy,
  },
  workers: {
    term: 'workers [options]',
    description: 'run the queue workers (approvals, audit export) alone',
    load: async () => (await import('./commands/workers.js')).registerWorkers,
  },
  approvals: {
    term: 'approvals',
    description: 'list, show and decide approvals; revoke grants',
    load: async () => (await import('./commands/approvals.js')).registerApprovals,
  },
  'demo-upstream': {
    term: 'demo-upstream [options]',
    description: 'run the demo customer API used by `start`',
    load: async () => (await import('./commands/demo.js')).registerDemo,
  },
  keys: {
    term: 'keys',
    description: 'API keys for the proxy: make one, or hash one for proxy.identity.apiKeys',
    load: async () => (await import('./commands/keys.js')).registerKeys,
  },
  audit: {
    term: 'audit',
    description: 'read the audit trail from the workers API (auditor group): search, show, tail, verify',
    load: async () => (await import('./commands/audit.js')).registerAudit,
  },
  replay: {
    term: 'replay [options]',
    description: 're-evaluate recorded decisions against a candidate bundle and report what would change',
    load: async () => (await import('./commands/replay.js')).registerReplay,
  },
};
