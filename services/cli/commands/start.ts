import type { Command } from 'commander';
import { loadConfig } from '../../common/config.js';
import { closeOnSignal, loggerFor } from '../options.js';
import { startStack } from '../stack.js';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('run the whole stack in one process (decision service, proxy, workers, demo upstream)')
    .option('-c, --config <file>', 'portcullis.yaml to read (default: $PORTCULLIS_CONFIG)')
    .action(async (options: { config?: string }) => {
      const config = loadConfig({ file: options.config });
      const logger = loggerFor(config, undefined, 'start');
      const stack = await startStack(config, logger);
      const width = Math.max(...stack.services.map((s) => s.name.length));
      process.stdout.write(`Portcullis is running (redis ${stack.redisUrl}):\n`);
      for (const service of stack.services) {
        process.stdout.write(`  ${service.name.padEnd(width)}  ${service.url}\n`);
      }
      if (stack.demoApiKey) {
        const proxy = stack.services.find((s) => s.name === 'proxy');
        process.stdout.write(
          `\nThe demo customer API sits behind the proxy at /crm. Try (the key is valid for this run):\n` +
            `  curl -H 'x-api-key: ${stack.demoApiKey}' ${proxy?.url}/crm/customers\n`,
        );
      }
      closeOnSignal(stack.close);
    });
}
