import type { Command } from 'commander';
import { portConflict } from '../ports.js';
import { startServiceTelemetry } from '../telemetry-wiring.js';
import { startBundleServer, startDecisionService } from '../../decision/index.js';
import { decisionAuditOptions } from '../audit-wiring.js';
import { readKeyArgument } from './build.js';
import { decisionReplayOptions } from '../console-wiring.js';
import {
  closeOnSignal,
  configFor,
  loggerFor,
  parsePort,
  withServiceOptions,
  type ServiceCommandOptions,
} from '../options.js';

interface DecisionCommandOptions extends ServiceCommandOptions {
  bundle?: string[];
  verificationKey?: string;
  verificationAlg?: 'RS256' | 'ES256' | 'HS256';
  scope?: string;
  v0Compatible?: boolean;
}

export function registerDecision(program: Command): void {
  withServiceOptions(
    program
      .command('decision')
      .description("run the decision service alone (OPA's REST API over WASM bundles)")
      .option(
        '-b, --bundle <file|dir|url...>',
        'bundle sources (repeatable; default: decision.bundles in the config)',
      )
      .option('--verification-key <pem|secret>', 'require bundles signed with this key (file or text)')
      .option('--verification-alg <alg>', 'RS256, ES256 or HS256', 'RS256')
      .option('--scope <scope>', 'required signature scope')
      .option(
        '--v0-compatible',
        "read bundles' Rego sources as Rego v0 when their manifest declares no rego_version (default: decision.v0Compatible)",
      ),
  ).action(async (options: DecisionCommandOptions) => {
    const config = configFor(options);
    const logger = loggerFor(config, 'decision');
    await startServiceTelemetry(config, 'decision');
    const verification = options.verificationKey
      ? {
          key: readKeyArgument(options.verificationKey),
          algorithm: options.verificationAlg,
          scope: options.scope,
        }
      : config.decision.verification;
    const running = await startDecisionService({
      bundles: options.bundle ?? config.decision.bundles,
      host: config.decision.host,
      port: parsePort(options.port, config.decision.port),
      maxInputBytes: config.decision.maxInputBytes,
      verification,
      workers: config.decision.workers,
      v0Compatible: options.v0Compatible ?? config.decision.v0Compatible,
      evalTimeoutMs: config.decision.evalTimeoutMs,
      redisUrl: config.redis.url,
      redisPrefix: config.redis.prefix,
      ...decisionAuditOptions(config),
      ...decisionReplayOptions(config),
      logger,
    }).catch(portConflict('decision service', 'decision.port'));
    process.stdout.write(`decision service listening on ${running.url}\n`);
    closeOnSignal(running.close, config, logger);
  });

  program
    .command('serve-bundles')
    .description('serve built bundles to decision services (ETags, long polling)')
    .argument('<dir>', 'directory of bundle files')
    .option('-p, --port <n>', 'port to listen on', '8484')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(async (dir: string, options: { port: string; host: string }) => {
      const running = await startBundleServer({
        dir,
        port: parsePort(options.port, 8484),
        host: options.host,
      }).catch(portConflict('bundle server', '(no config key: --port only)'));
      process.stdout.write(`bundle server for ${dir} listening on ${running.url}\n`);
      closeOnSignal(running.close);
    });
}
