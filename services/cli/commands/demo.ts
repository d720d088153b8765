import type { Command } from 'commander';
import { listen } from '../../common/http.js';
import { createDemoUpstream, DEMO_UPSTREAM_TOKEN_ENV } from '../../demo/upstream.js';
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
    const app = createDemoUpstream({ logger, token: process.env[DEMO_UPSTREAM_TOKEN_ENV] });
    const running = await listen(app, parsePort(options.port, config.demo.port), config.demo.host);
    process.stdout.write(`demo upstream listening on ${running.url}\n`);
    closeOnSignal(running.close);
  });
}
