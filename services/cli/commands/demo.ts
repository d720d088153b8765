import type { Command } from 'commander';
import { portConflict } from '../ports.js';
import { startServiceTelemetry } from '../telemetry-wiring.js';
import { listen } from '../../common/http.js';
import {
  createDemoUpstream,
  DEFAULT_DEMO_TOKEN,
  DEMO_UPSTREAM_TOKEN_ENV,
  demoCredentialHelp,
} from '../../demo/upstream.js';
import {
  closeOnSignal,
  configFor,
  loggerFor,
  parsePort,
  withServiceOptions,
  type ServiceCommandOptions,
} from '../options.js';

export function registerDemo(program: Command): void {
  withServiceOptions(
    program.command('demo-upstream').description('run the demo customer API used by `start`'),
  ).action(async (options: ServiceCommandOptions) => {
    const config = configFor(options);
    const logger = loggerFor(config, 'demo-upstream');
    await startServiceTelemetry(config, 'demo-upstream');
    const token = process.env[DEMO_UPSTREAM_TOKEN_ENV] || DEFAULT_DEMO_TOKEN;
    const app = createDemoUpstream({ logger, token });
    const running = await listen(
      app,
      parsePort(options.port, config.demo.port),
      config.demo.host,
      'demo upstream',
    ).catch(portConflict('demo upstream', 'demo.port'));
    process.stdout.write(
      `demo upstream listening on ${running.url}\n${demoCredentialHelp(token, running.url)}`,
    );
    closeOnSignal(running.close, config, logger);
  });
}
