import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteKeys, uniquePrefix } from '../support/redis.js';
import { startStack, type StartedStack } from '../support/npm-start.js';

/**
 * `npm start` records every request in the embedded store and its banner
 * says how to search it: this test follows the banner to the letter (the
 * built command line, as a user runs it) after a demo request.
 */
describe('npm start records the audit trail and portcullis audit reads it', () => {
  const prefix = uniquePrefix('audit-cli');
  let dataDir: string;
  let stack: StartedStack | undefined;
  let banner = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pc-audit-cli-'));
    stack = await startStack({
      prefix,
      readyWhen: 'npx portcullis audit verify',
      env: { PORTCULLIS_DATA_DIR: dataDir },
    });
    banner = stack.banner;
    stack.process.stdout!.on('data', () => (banner = stack!.banner));
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    await deleteKeys(prefix);
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Runs a `npx portcullis audit …` line of the banner with the built CLI. */
  function run(line: string, ...extra: string[]) {
    const args = line
      .replace(/^\s*npx portcullis /, '')
      .trim()
      .split(/\s+/);
    return spawnSync(process.execPath, ['bin/portcullis.js', ...args, ...extra], {
      encoding: 'utf8',
      env: { ...process.env, PORTCULLIS_CONFIG: '' },
    });
  }

  it('prints the store and the commands, which find the demo request, show it, tail and verify', async () => {
    expect(banner).toMatch(/recorded in the audit trail \(embedded PostgreSQL \(PGlite\) in .*audit-db\)/);
    const lines = banner.split('\n').filter((l) => l.includes('npx portcullis audit'));
    const [searchLine, tailLine, verifyLine] = lines;
    const curl = /curl -H 'x-api-key: (\S+)' (\S+\/crm\/customers)/.exec(banner)!;
    const answer = await fetch(curl[2], { headers: { 'x-api-key': curl[1] } });
    expect(answer.status).toBe(200);
    const decisionId = answer.headers.get('x-portcullis-decision-id')!;

    // The export is asynchronous: search until the request is there (each try is a real CLI run).
    let found = '';
    for (let i = 0; i < 60 && !found.includes(decisionId); i++) {
      const search = run(searchLine, '--kind', 'request', '--json');
      expect(search.stderr).not.toMatch(/audit_|unauthenticated/);
      found = search.stdout;
      if (!found.includes(decisionId)) await new Promise((r) => setTimeout(r, 500));
    }
    const event = found
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event_id: string; decision_id: string; request: { path: string } })
      .find((e) => e.decision_id === decisionId)!;
    expect(event.request.path).toBe('/customers');

    const table = run(searchLine, '--connection', 'crm', '--decision', 'allow');
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/request\s+200 forwarded\s+demo-user\s+GET \/crm\/customers/);

    const show = run(
      searchLine.replace(' search ', ' show ').replace('audit show', `audit show ${event.event_id}`),
    );
    expect(JSON.parse(show.stdout)).toMatchObject({ event_id: event.event_id, connection: 'crm' });

    const tail = run(tailLine.replace(' --follow', ''), '-n', '5');
    expect(tail.status).toBe(0);
    expect(tail.stdout).toContain(event.event_id);

    const verify = run(verifyLine);
    expect(verify.stdout).toMatch(/^chain intact: \d+ events checked/);
    expect(verify.status).toBe(0);

    const stranger = run(searchLine.replace(/--api-key \S+/, '--api-key not-an-auditor-key-000000000000'));
    expect(stranger.status).toBe(1);
    expect(stranger.stderr).toMatch(/unauthenticated/);
  }, 120_000);
});
