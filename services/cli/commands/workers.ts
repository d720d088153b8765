import type { Command } from 'commander';
import { portConflict } from '../ports.js';
import { startServiceTelemetry } from '../telemetry-wiring.js';
import { startWorkers } from '../../workers/index.js';
import { workersConsoleOptions } from '../console-wiring.js';
import {
  closeOnSignal,
  configFor,
  loggerFor,
  parsePort,
  withServiceOptions,
  type ServiceCommandOptions,
} from '../options.js';

export function registerWorkers(program: Command): void {
  withServiceOptions(
    program.command('workers').description('run the queue workers (approvals, audit export) alone'),
  ).action(async (options: ServiceCommandOptions) => {
    const config = configFor(options);
    const logger = loggerFor(config, 'workers');
    await startServiceTelemetry(config, 'workers');
    const running = await startWorkers({
      redisUrl: config.redis.url,
      prefix: config.redis.prefix,
      host: config.workers.host,
      port: parsePort(options.port, config.workers.port),
      logger,
      approvals: { identity: config.proxy.identity, config: config.approvals },
      audit: { identity: config.proxy.identity, config: config.audit },
      ...workersConsoleOptions(config, config.proxy.identity),
    }).catch(portConflict('workers', 'workers.port'));
    process.stdout.write(`workers listening on ${running.url}\n`);
    if (config.console.enabled) process.stdout.write(`console at ${running.url}/console\n`);
    closeOnSignal(running.close, config, logger);
  });
}
