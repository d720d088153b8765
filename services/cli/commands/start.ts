import type { Command } from 'commander';
import { loadConfig } from '../../common/config.js';
import { closeOnSignal, loggerFor } from '../options.js';
import { applyPortOptions, explainStackPortConflict, type StackPortOptions } from '../ports.js';
import { mcpBanner } from '../mcp-demo.js';
import { startStack, type RunningStack } from '../stack.js';

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
      if (stack.demoApiKey && stack.demoReviewerKey) {
        const proxy = stack.services.find((s) => s.name === 'proxy')?.url;
        const workers = stack.services.find((s) => s.name === 'workers')?.url;
        const post = `curl -i -H 'x-api-key: ${stack.demoApiKey}' -H 'content-type: application/json' -d '{"name":"Grace Hopper"}'`;
        process.stdout.write(
          `\nCreating a customer needs a CRM owner's approval (docs/APPROVALS.md):\n` +
            `  ${post} ${proxy}/crm/customers\n` +
            `answers 202 with an approval id. Approve it as the demo reviewer (a crm-owner):\n` +
            `  npx portcullis approvals list --url ${workers} --api-key ${stack.demoReviewerKey}\n` +
            `  npx portcullis approvals approve <id> --url ${workers} --api-key ${stack.demoReviewerKey}\n` +
            `then send the same request again with the id; the approval also opens a 15-minute,\n` +
            `5-use grant, so the next customers need no new approval:\n` +
            `  ${post} -H 'portcullis-approval: <id>' ${proxy}/crm/customers\n`,
        );
      }
      if (stack.demoMcpUrl && stack.demoApiKey) {
        const workers = stack.services.find((s) => s.name === 'workers')?.url ?? '';
        process.stdout.write(mcpBanner(stack.demoMcpUrl, stack.demoApiKey, stack.demoReviewerKey, workers));
      }
      process.stdout.write(auditBanner(stack));
      process.stdout.write(consoleBanner(stack));
      closeOnSignal(stack.close, config, logger);
    });
}

/** Where the console is and how to sign in to it. */
function consoleBanner(stack: RunningStack): string {
  if (!stack.console) return '';
  const people = stack.console.people.map((p) => `    ${p}\n`).join('');
  return (
    `\nThe web console for reviewers and auditors (docs/CONSOLE.md): ${stack.console.url}\n` +
    `Sign in with the development sign-in (npm start only: anyone who reaches the page may use it),\n` +
    (people ? `one click as one of these people:\n${people}or ` : '') +
    `with any API key the proxy accepts. A shared deployment signs in with console.oidc instead.\n`
  );
}

/** How to search the audit trail the stack records to. */
function auditBanner(stack: RunningStack): string {
  const workers = stack.services.find((s) => s.name === 'workers')?.url;
  const credential = stack.demoAuditorKey
    ? `--api-key ${stack.demoAuditorKey}`
    : '--token <an auditor token>';
  return (
    `\nEvery request is recorded in the audit trail (${stack.audit.store}). Search it as an auditor:\n` +
    `  npx portcullis audit search --url ${workers} ${credential}\n` +
    `  npx portcullis audit tail --follow --url ${workers} ${credential}\n` +
    `  npx portcullis audit verify --url ${workers} ${credential}\n`
  );
}
