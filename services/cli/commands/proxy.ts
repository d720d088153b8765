import type { Command } from 'commander';
import { createLogger } from '../../common/logger.js';
import { startProxy } from '../../proxy/index.js';
import {
  closeOnSignal,
  configFor,
  parsePort,
  withServiceOptions,
  type ServiceCommandOptions,
} from '../options.js';

export function registerProxy(program: Command): void {
  withServiceOptions(program.command('proxy').description('run the enforcement proxy alone')).action(
    async (options: ServiceCommandOptions) => {
      const config = configFor(options);
      const logger = createLogger({ level: config.log.level, service: 'proxy' });
      const running = await startProxy(config.proxy, {
        port: parsePort(options.port, config.proxy.port),
        host: config.proxy.host,
        logger,
      });
      process.stdout.write(
        `proxy listening on ${running.url} (decisions from ${config.proxy.decisionUrl})\n`,
      );
      closeOnSignal(running.close);
    },
  );
}
