import type { Command } from 'commander';
import type { ApprovalView } from '../../approvals/view.js';
import { loadConfig } from '../../common/config.js';
import { parseDurationMs } from '../../common/duration.js';
import { PortcullisError } from '../../common/errors.js';
import { ApiClient } from '../approvals-client.js';

interface ConnectionOptions {
  url?: string;
  token?: string;
  apiKey?: string;
  config?: string;
  json?: boolean;
}

/** Where the API is: --url, $PORTCULLIS_API_URL, `approvals.publicUrl`, or the configured workers address. */
function clientFor(options: ConnectionOptions): ApiClient {
  const env = process.env;
  let url = options.url ?? env.PORTCULLIS_API_URL;
  let apiKeyHeader = 'x-api-key';
  if (!url || options.config || env.PORTCULLIS_CONFIG) {
    const config = loadConfig({ file: options.config });
    apiKeyHeader = config.proxy.identity.apiKeyHeader;
    const { host, port } = config.workers;
    url ??= config.approvals.publicUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  }
  return new ApiClient({
    url,
    token: options.token ?? env.PORTCULLIS_TOKEN,
    apiKey: options.apiKey ?? env.PORTCULLIS_API_KEY,
    apiKeyHeader,
  });
}

function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

function requestLine(a: ApprovalView): string {
  const query = Object.entries(a.request?.query ?? {})
    .flatMap(([k, vs]) => vs.map((v) => `${k}=${v}`))
    .join('&');
  return `${a.request?.method ?? '?'} /${a.connection}${a.request?.path ?? ''}${query ? `?${query}` : ''}`;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function listText(items: ApprovalView[]): string {
  if (items.length === 0) return 'no approvals';
  return table([
    ['ID', 'STATUS', 'REQUEST', 'REQUESTER', 'APPROVALS', 'EXPIRES'],
    ...items.map((a) => [
      a.id,
      a.break_glass ? `${a.status} (break-glass, review ${a.break_glass.review})` : a.status,
      requestLine(a),
      a.requester.sub,
      `${a.approvals}/${a.min_approvals}`,
      a.expires_at ?? '',
    ]),
  ]);
}

function showText(a: ApprovalView): string {
  const lines = [
    `approval  ${a.id}`,
    `status    ${a.status}${a.can_review ? ' (you may review it)' : ''}`,
    `request   ${requestLine(a)}`,
    `requester ${a.requester.sub}${a.requester.email ? ` <${a.requester.email}>` : ''}`,
    `reasons   ${a.reasons.join('; ') || '-'}`,
    `caller    ${a.caller_reason || '-'}`,
    `reviewers groups ${a.reviewers.groups.join(', ') || '-'}; users ${a.reviewers.users.join(', ') || '-'}; ${a.approvals}/${a.min_approvals} approvals`,
    `expires   ${a.expires_at}`,
  ];
  if (a.break_glass) lines.push(`break-glass: ${a.break_glass.reason} (review ${a.break_glass.review})`);
  if (a.grant) {
    const uses = a.grant.max_uses === null ? 'unlimited uses' : `${a.grant.max_uses} uses`;
    lines.push(
      `grant     ${a.grant.methods.join(',')} ${a.grant.paths.join(',')} for ${a.grant.duration_seconds}s, ${uses}${a.grant_id ? ` (${a.grant_id})` : ''}`,
    );
  }
  for (const r of a.reviews)
    lines.push(`review    ${r.at} ${r.sub} ${r.decision} via ${r.via}${r.reason ? `: ${r.reason}` : ''}`);
  if (a.settled_by)
    lines.push(
      `settled   ${a.settled_at ?? ''} by ${a.settled_by}${a.outcome_reason ? `: ${a.outcome_reason}` : ''}`,
    );
  if (a.request?.body?.excerpt)
    lines.push('body (masked):', a.request.body.excerpt + (a.request.body.truncated ? ' …' : ''));
  return lines.join('\n');
}

function withConnection(command: Command): Command {
  return command
    .option(
      '--url <url>',
      'workers API base URL (default: $PORTCULLIS_API_URL, approvals.publicUrl, or workers host:port)',
    )
    .option('--token <jwt>', 'bearer token (default: $PORTCULLIS_TOKEN)')
    .option('--api-key <key>', 'API key (default: $PORTCULLIS_API_KEY)')
    .option('-c, --config <file>', 'portcullis.yaml to read (default: $PORTCULLIS_CONFIG)')
    .option('--json', 'print the API answer as JSON');
}

/** `portcullis approvals list|show|approve|deny|cancel|expire|revoke|grants` over the workers' API. */
export function registerApprovals(program: Command): void {
  const approvals = program
    .command('approvals')
    .description('list, show and decide approvals; revoke grants');

  withConnection(approvals.command('list').description('approvals you may see, newest first'))
    .option('--status <status>', 'pending, approved, denied, expired, cancelled, executed or revoked')
    .option('--connection <name>', 'only this connection')
    .option('--requester <sub>', 'only this requester')
    .option('--reviewable', 'only those you may approve or deny now')
    .option('--limit <n>', 'at most n (1-200)', '50')
    .action(async (options: ConnectionOptions & Record<string, string | boolean | undefined>) => {
      const query = new URLSearchParams();
      for (const key of ['status', 'connection', 'requester', 'limit'] as const)
        if (typeof options[key] === 'string') query.set(key, options[key] as string);
      if (options.reviewable) query.set('reviewable', 'true');
      const page = await clientFor(options).call<{ items: ApprovalView[]; next_cursor: string | null }>(
        'GET',
        `/v1/approvals?${query}`,
      );
      out(options.json ? JSON.stringify(page, null, 2) : listText(page.items));
    });

  withConnection(
    approvals.command('show <id>').description('one approval, with the request as recorded (masked)'),
  ).action(async (id: string, options: ConnectionOptions) => {
    const view = await clientFor(options).call<ApprovalView>(
      'GET',
      `/v1/approvals/${encodeURIComponent(id)}`,
    );
    out(options.json ? JSON.stringify(view, null, 2) : showText(view));
  });

  for (const [name, description] of [
    ['approve', 'approve (counts toward min_approvals)'],
    ['deny', 'deny (one deny settles it)'],
    ['cancel', 'withdraw your own pending approval'],
  ] as const) {
    withConnection(approvals.command(`${name} <id>`).description(description))
      .option('-r, --reason <text>', 'your reason (stored and audited)', '')
      .action(async (id: string, options: ConnectionOptions & { reason: string }) => {
        const answer = await clientFor(options).call<{ outcome?: string; approval: ApprovalView }>(
          'POST',
          `/v1/approvals/${encodeURIComponent(id)}/${name}`,
          { reason: options.reason },
        );
        if (options.json) return out(JSON.stringify(answer, null, 2));
        const a = answer.approval;
        const extra = answer.outcome === 'recorded' ? ` (${a.approvals}/${a.min_approvals} approvals)` : '';
        out(`${a.id}: ${a.status}${extra}`);
      });
  }

  withConnection(
    approvals
      .command('expire')
      .description('admins: expire every approval pending for longer than --older-than'),
  )
    .requiredOption('--older-than <age>', 'pending for longer than this: 30m, 2h, 7d')
    .option('-r, --reason <text>', 'your reason (stored and audited)', '')
    .action(async (options: ConnectionOptions & { olderThan: string; reason: string }) => {
      const ms = parseDurationMs(options.olderThan);
      if (ms === undefined)
        throw new PortcullisError(
          'invalid_argument',
          `--older-than: "${options.olderThan}" is not like 30m, 2h or 7d`,
        );
      const answer = await clientFor(options).call<{ expired: string[] }>('POST', '/v1/approvals/expire', {
        older_than_seconds: Math.floor(ms / 1000),
        reason: options.reason,
      });
      if (options.json) return out(JSON.stringify(answer, null, 2));
      out(
        answer.expired.length === 0
          ? 'no stale approvals'
          : answer.expired.map((id) => `${id}: expired`).join('\n'),
      );
    });

  withConnection(
    approvals
      .command('revoke <id>')
      .description('revoke an approval and its grant (approval id or grant id)'),
  )
    .option('-r, --reason <text>', 'your reason (stored and audited)', '')
    .action(async (id: string, options: ConnectionOptions & { reason: string }) => {
      const client = clientFor(options);
      const path = encodeURIComponent(id);
      let answer: { approval: ApprovalView };
      try {
        answer = await client.call('POST', `/v1/approvals/${path}/revoke`, { reason: options.reason });
      } catch (err) {
        if (!(err instanceof PortcullisError) || err.code !== 'approval_not_found') throw err;
        answer = await client.call('POST', `/v1/grants/${path}/revoke`, { reason: options.reason });
      }
      out(
        options.json ? JSON.stringify(answer, null, 2) : `${answer.approval.id}: ${answer.approval.status}`,
      );
    });

  withConnection(
    approvals.command('grants').description('active just-in-time grants (yours, or all for admins)'),
  )
    .option('--connection <name>', 'only this connection')
    .option('--subject <sub>', 'only this subject (admins)')
    .action(async (options: ConnectionOptions & { connection?: string; subject?: string }) => {
      const query = new URLSearchParams();
      if (options.connection) query.set('connection', options.connection);
      if (options.subject) query.set('subject', options.subject);
      const page = await clientFor(options).call<{
        items: {
          id: string;
          subject: string;
          connection: string;
          methods: string[];
          paths: string[];
          expires_at: string;
          uses_left: number | null;
        }[];
      }>('GET', `/v1/grants?${query}`);
      if (options.json) return out(JSON.stringify(page, null, 2));
      if (page.items.length === 0) return out('no active grants');
      out(
        table([
          ['GRANT', 'SUBJECT', 'CONNECTION', 'SCOPE', 'USES LEFT', 'EXPIRES'],
          ...page.items.map((g) => [
            g.id,
            g.subject,
            g.connection,
            `${g.methods.join(',')} ${g.paths.join(',')}`,
            g.uses_left === null ? 'unlimited' : String(g.uses_left),
            g.expires_at,
          ]),
        ]),
      );
    });
}
