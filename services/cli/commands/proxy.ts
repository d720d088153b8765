import type { Command } from 'commander';
import { portConflict } from '../ports.js';
import { startProxy } from '../../proxy/index.js';
import { describeDecisions, proxyConfigFor } from '../proxy-wiring.js';
import {
  closeOnSignal,
  configFor,
  loggerFor,
  parsePort,
  withServiceOptions,
  type ServiceCommandOptions,
} from '../options.js';

export function registerProxy(program: Command): void {
  withServiceOptions(program.command('proxy').description('run the enforcement proxy alone')).action(
    async (options: ServiceCommandOptions) => {
      const config = configFor(options);
      const logger = loggerFor(config, 'proxy');
      const proxy = proxyConfigFor(config);
      const running = await startProxy(proxy, {
        port: parsePort(options.port, proxy.port),
        host: proxy.host,
        logger,
      }).catch(portConflict('proxy', 'proxy.port'));
      process.stdout.write(`proxy listening on ${running.url} (${describeDecisions(proxy)})\n`);
      closeOnSignal(running.close, config, logger);
    },
  );
}
