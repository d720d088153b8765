import type { Command } from 'commander';
import { portConflict } from '../ports.js';
import { startServiceTelemetry } from '../telemetry-wiring.js';
import { startProxy } from '../../proxy/index.js';
import { auditProducerFor } from '../audit-wiring.js';
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
      await startServiceTelemetry(config, 'proxy');
      const proxy = proxyConfigFor(config);
      const audit = auditProducerFor(config, 'proxy', logger);
      const running = await startProxy(proxy, {
        port: parsePort(options.port, proxy.port),
        host: proxy.host,
        logger,
        audit,
      }).catch(async (err: unknown) => {
        await audit.close(0);
        return portConflict('proxy', 'proxy.port')(err);
      });
      process.stdout.write(`proxy listening on ${running.url} (${describeDecisions(proxy)})\n`);
      closeOnSignal(
        async () => {
          await running.close();
          await audit.close();
        },
        config,
        logger,
      );
    },
  );
}
