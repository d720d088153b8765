import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadConfig } from '../../common/config.js';
import { PortcullisError } from '../../common/errors.js';
import { CHANGE_KINDS, type ChangeKind } from '../../replay/compare.js';
import type { ReplayReport } from '../../replay/report.js';
import { reportText } from '../../replay/text.js';

interface ReplayOptions {
  bundle: string;
  since?: string;
  until?: string;
  connection?: string;
  limit?: string;
  baseline?: string;
  format: string;
  failOn?: string;
  url?: string;
  token?: string;
  apiKey?: string;
  config?: string;
}

/** Exit status when `--fail-on` finds a change it refuses (1 is any other failure). */
export const GATE_EXIT_CODE = 3;

/**
 * `portcullis replay --bundle candidate.tar.gz`: recorded decisions
 * re-evaluated against a candidate bundle (POST /v1/replay on the workers),
 * the report printed; `--fail-on allow_to_deny` makes it a CI gate.
 */
export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('re-evaluate recorded decisions against a candidate bundle and report what would change')
    .requiredOption('-b, --bundle <file>', 'the candidate bundle (.tar.gz, from portcullis build)')
    .option('--since <when>', 'recorded since: 24h, 7d or an RFC 3339 time (default 24h)')
    .option('--until <when>', 'recorded before this (default now)')
    .option('--connection <name>', 'only decisions of this connection')
    .option('--limit <n>', 'at most the newest n decisions (default replay.maxDecisions)')
    .option(
      '--baseline <what>',
      'compare with the live bundles now (live, the default) or the recorded decisions (recorded)',
    )
    .option('--format <format>', 'text or json', 'text')
    .option(
      '--fail-on <kinds>',
      `exit ${GATE_EXIT_CODE} when any of these changes is found: ${CHANGE_KINDS.join(', ')}`,
    )
    .option(
      '--url <url>',
      'workers API base URL (default: $PORTCULLIS_API_URL, else the configured workers address)',
    )
    .option('--token <jwt>', 'bearer token of an auditor (default: $PORTCULLIS_TOKEN)')
    .option('--api-key <key>', 'API key of an auditor (default: $PORTCULLIS_API_KEY)')
    .option('-c, --config <file>', 'portcullis.yaml to read (default: $PORTCULLIS_CONFIG)')
    .action(async (options: ReplayOptions) => {
      if (options.format !== 'text' && options.format !== 'json')
        throw new PortcullisError('invalid_argument', '--format: text or json');
      const gate = (options.failOn ?? '')
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean);
      for (const kind of gate)
        if (!(CHANGE_KINDS as readonly string[]).includes(kind))
          throw new PortcullisError(
            'invalid_argument',
            `--fail-on: ${kind} is not one of ${CHANGE_KINDS.join(', ')}`,
          );
      const env = process.env;
      let url = options.url ?? env.PORTCULLIS_API_URL;
      let apiKeyHeader = 'x-api-key';
      if (!url || options.config || env.PORTCULLIS_CONFIG) {
        const config = loadConfig({ file: options.config });
        apiKeyHeader = config.proxy.identity.apiKeyHeader;
        const { host, port } = config.workers;
        url ??= config.approvals.publicUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
      }
      const token = options.token ?? env.PORTCULLIS_TOKEN;
      const apiKey = options.apiKey ?? env.PORTCULLIS_API_KEY;
      if (!token && !apiKey)
        throw new PortcullisError('invalid_argument', 'give a credential: --token <jwt> or --api-key <key>');
      let bundle: Buffer;
      try {
        bundle = await readFile(options.bundle);
      } catch (err) {
        throw new PortcullisError('invalid_argument', `--bundle: cannot read ${options.bundle}`, {
          cause: err,
        });
      }
      const query = new URLSearchParams();
      for (const name of ['since', 'until', 'connection', 'limit', 'baseline'] as const)
        if (options[name] !== undefined) query.set(name, options[name]!);
      const headers: Record<string, string> = {
        'content-type': 'application/gzip',
        accept: 'application/json',
      };
      if (token) headers.authorization = `Bearer ${token}`;
      else headers[apiKeyHeader] = apiKey!;
      const target = `${url.replace(/\/+$/, '')}/v1/replay?${query}`;
      let response: Response;
      try {
        response = await fetch(target, { method: 'POST', headers, body: bundle, redirect: 'error' });
      } catch (err) {
        throw new PortcullisError('api_unreachable', `${target}: ${(err as Error).message}`, { cause: err });
      }
      const body = (await response.json().catch(() => ({}))) as ReplayReport & {
        code?: string;
        message?: string;
      };
      if (!response.ok)
        throw new PortcullisError(body.code ?? 'api_error', body.message ?? `HTTP ${response.status}`);
      process.stdout.write(
        options.format === 'json' ? `${JSON.stringify(body, null, 2)}\n` : reportText(body),
      );
      const failed = gate.filter((kind) => body.changes[kind as ChangeKind] > 0);
      if (failed.length > 0) {
        process.stderr.write(
          `portcullis: replay_gate_failed: ${failed.map((k) => `${body.changes[k as ChangeKind]} ${k}`).join(', ')}\n`,
        );
        process.exitCode = GATE_EXIT_CODE;
      }
    });
}
