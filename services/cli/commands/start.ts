import type { Command } from 'commander';
import { loadConfig } from '../../common/config.js';
import { closeOnSignal, loggerFor } from '../options.js';
import { applyPortOptions, explainStackPortConflict, type StackPortOptions } from '../ports.js';
import { startStack } from '../stack.js';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('run the whole stack in one process (decision service, proxy, workers, demo upstream)')
    .option('-c, --config <file>', 'portcullis.yaml to read (default: $PORTCULLIS_CONFIG)')
    .option('--proxy-port <n>', 'port of the proxy (default 8080; 0 = any free port)')
    .option('--decision-port <n>', 'port of the decision service (default 8181)')
    .option('--workers-port <n>', 'port of the workers (default 8282)')
    .option('--demo-port <n>', 'port of the demo upstream (default 8383)')
    .action(async (options: { config?: string } & StackPortOptions) => {
      const config = applyPortOptions(loadConfig({ file: options.config }), options);
      const logger = loggerFor(config, undefined, 'start');
      const stack = await startStack(config, logger).catch((err: unknown) => {
        throw explainStackPortConflict(err, config);
      });
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
      closeOnSignal(stack.close, config, logger);
    });
}
