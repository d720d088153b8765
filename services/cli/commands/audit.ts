import type { Command } from 'commander';
import type { AuditEvent } from '../../audit/event.js';
import type { VerifyReport } from '../../audit/store/verify.js';
import { loadConfig } from '../../common/config.js';
import { PortcullisError } from '../../common/errors.js';
import { ApiClient } from '../approvals-client.js';

interface ConnectionOptions {
  url?: string;
  token?: string;
  apiKey?: string;
  config?: string;
  json?: boolean;
}

interface SearchOptions extends ConnectionOptions {
  subject?: string;
  connection?: string;
  decision?: string;
  status?: string;
  approval?: string;
  trace?: string;
  kind?: string;
  since?: string;
  until?: string;
  limit?: string;
  cursor?: string;
  asc?: boolean;
}

interface Page {
  events: AuditEvent[];
  next_cursor: string | null;
  follow_cursor: string | null;
}

/** The workers' API: --url, $PORTCULLIS_API_URL, or the configured workers address. */
function clientFor(options: ConnectionOptions): ApiClient {
  const env = process.env;
  let url = options.url ?? env.PORTCULLIS_API_URL;
  let apiKeyHeader = 'x-api-key';
  if (!url || options.config || env.PORTCULLIS_CONFIG) {
    const config = loadConfig({ file: options.config });
    apiKeyHeader = config.proxy.identity.apiKeyHeader;
    const { host, port } = config.workers;
    url ??= `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
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

/** One line per event: when, what, who, where, the outcome. */
export function eventLine(e: AuditEvent): string {
  const time = e.time.replace('T', ' ').replace('Z', '');
  switch (e.kind) {
    case 'request': {
      const who = e.identity?.sub ?? '-';
      const query = Object.entries(e.request.query)
        .flatMap(([k, vs]) => vs.map((v) => `${k}=${v}`))
        .join('&');
      const target = `${e.request.method} ${e.connection ? `/${e.connection}` : ''}${e.request.path}${query ? `?${query}` : ''}`;
      return `${time}  request   ${String(e.response.status).padEnd(3)} ${e.outcome.padEnd(17)} ${who.padEnd(16)} ${target}  ${e.event_id}`;
    }
    case 'decision_log': {
      const log = e.decision_log;
      return `${time}  decision  ${log.error ? 'error' : 'ok'.padEnd(5)} ${log.path} ${log.requested_by}  ${e.event_id}`;
    }
    case 'approval':
    case 'grant':
      return `${time}  ${e.kind.padEnd(8)}  ${e.transition.padEnd(21)} ${(e.subject ?? '-').padEnd(16)} ${e.connection ?? '-'} by ${e.actor ?? '-'} (${e.approval_id ?? e.grant_id})  ${e.event_id}`;
    case 'bundle':
      return `${time}  bundle    ${e.bundle.outcome.padEnd(9)} ${e.bundle.name} ${e.bundle.revision ?? e.bundle.error ?? ''}  ${e.event_id}`;
    case 'shadow':
      return `${time}  shadow    ${e.shadow.changes.join(',')} ${e.shadow.path} ${e.shadow.subject ?? '-'} ${e.shadow.connection ?? '-'}  ${e.event_id}`;
  }
}

function print(events: AuditEvent[], json: boolean | undefined): void {
  for (const event of events) out(json ? JSON.stringify(event) : eventLine(event));
}

function searchPath(options: SearchOptions, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined) params.set(name, value);
  };
  set('subject', options.subject);
  set('connection', options.connection);
  set('decision', options.decision);
  set('status', options.status);
  set('approval_id', options.approval);
  set('trace_id', options.trace);
  set('kind', options.kind);
  set('since', options.since);
  set('until', options.until);
  set('limit', options.limit);
  set('cursor', options.cursor);
  if (options.asc) params.set('order', 'asc');
  for (const [name, value] of Object.entries(extra)) set(name, value);
  const text = params.toString();
  return `/v1/audit/events${text ? `?${text}` : ''}`;
}

function withConnection(command: Command): Command {
  return command
    .option(
      '--url <url>',
      'workers API base URL (default: $PORTCULLIS_API_URL, else the configured workers address)',
    )
    .option('--token <jwt>', 'bearer token of an auditor (default: $PORTCULLIS_TOKEN)')
    .option('--api-key <key>', 'API key of an auditor (default: $PORTCULLIS_API_KEY)')
    .option('-c, --config <file>', 'portcullis.yaml to read (default: $PORTCULLIS_CONFIG)')
    .option('--json', 'print events as JSON lines');
}

function withFilters(command: Command): Command {
  return command
    .option('--subject <sub>', 'who made the request')
    .option('--connection <name>', 'which connection')
    .option('--decision <allow|deny>', 'what the policy decided')
    .option('--status <code>', 'HTTP status answered')
    .option('--approval <id>', 'approval id')
    .option('--trace <id>', 'trace id')
    .option('--kind <kind>', 'request, decision_log, approval, grant or bundle')
    .option('--since <time>', 'events at or after this RFC 3339 time')
    .option('--until <time>', 'events before this RFC 3339 time');
}

export function registerAudit(program: Command): void {
  const audit = program
    .command('audit')
    .description('read the audit trail from the workers API (auditor group): search, show, tail, verify');

  withFilters(withConnection(audit.command('search').description('events matching filters, newest first')))
    .option('-n, --limit <n>', 'events per page (1-1000)', '50')
    .option('--cursor <cursor>', 'the next page: the cursor a search printed')
    .option('--asc', 'oldest first')
    .action(async (options: SearchOptions) => {
      const page = await clientFor(options).call<Page>('GET', searchPath(options));
      print(page.events, options.json);
      if (!options.json && page.events.length === 0) out('no events');
      if (page.next_cursor) process.stderr.write(`more: --cursor ${page.next_cursor}\n`);
    });

  withConnection(audit.command('show').description('one event in full (JSON)').argument('<event-id>')).action(
    async (id: string, options: ConnectionOptions) => {
      const event = await clientFor(options).call<AuditEvent>(
        'GET',
        `/v1/audit/events/${encodeURIComponent(id)}`,
      );
      out(JSON.stringify(event, null, 2));
    },
  );

  withFilters(
    withConnection(audit.command('tail').description('the latest events; --follow keeps printing new ones')),
  )
    .option('-n, --limit <n>', 'how many of the latest to print first', '20')
    .option('-f, --follow', 'keep printing events as they are stored')
    .option('--interval <seconds>', 'how often to look for new events with --follow', '2')
    .action(async (options: SearchOptions & { follow?: boolean; interval: string }) => {
      const client = clientFor(options);
      const interval = Number(options.interval);
      if (!(interval > 0))
        throw new PortcullisError(
          'invalid_argument',
          `--interval: "${options.interval}" is not a number of seconds`,
        );
      const first = await client.call<Page>('GET', searchPath(options));
      print([...first.events].reverse(), options.json);
      if (!options.follow) return;
      let cursor = first.follow_cursor;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, interval * 1000));
        const page = await client.call<Page>(
          'GET',
          searchPath({ ...options, limit: '1000', asc: true, cursor: cursor ?? undefined }),
        );
        print(page.events, options.json);
        cursor = page.follow_cursor ?? cursor;
      }
    });

  withConnection(
    audit
      .command('verify')
      .description("check the store's hash chain; names the first changed, removed or reordered event"),
  ).action(async (options: ConnectionOptions) => {
    const report = await clientFor(options).call<VerifyReport>('POST', '/v1/audit/verify');
    if (options.json) out(JSON.stringify(report));
    if (!report.ok) {
      const p = report.problem!;
      throw new PortcullisError(
        'audit_chain_broken',
        `${p.kind} at position ${p.seq}${p.event_id ? ` (event ${p.event_id})` : ''}: ${p.message}`,
      );
    }
    if (!options.json)
      out(
        `chain intact: ${report.checked} events checked (${report.purged} purged by retention), from position ${report.anchor.seq + 1} to ${report.head.seq}, head ${report.head.hash}`,
      );
  });
}
