import { spawnSync } from 'node:child_process';
import { deleteKeys, uniquePrefix } from '../support/redis.js';
import { startStack, type StartedStack } from '../support/npm-start.js';

/**
 * `npm start` shows approvals: the banner says how to ask (a curl that
 * answers 202) and how to approve from the CLI; this test follows it to the
 * letter against the started stack (the built command line, as a user runs
 * it), then tries the CLI's other commands and its errors.
 */
describe('npm start and portcullis approvals', () => {
  const prefix = uniquePrefix('approvals-cli');
  let stack: StartedStack | undefined;
  let banner = '';

  beforeAll(async () => {
    stack = await startStack({ prefix, readyWhen: "-H 'portcullis-approval: <id>'" });
    banner = stack.banner;
    stack.process.stdout!.on('data', () => (banner = stack!.banner));
  }, 180000);

  afterAll(async () => {
    await stack?.stop();
    await deleteKeys(prefix);
  });

  /** Runs a `npx portcullis …` line of the banner with the built CLI. */
  function run(line: string) {
    const args = line
      .trim()
      .replace(/^npx portcullis /, '')
      .split(/\s+/);
    const result = spawnSync(process.execPath, ['bin/portcullis.js', ...args], {
      encoding: 'utf8',
      timeout: 60000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('the banner says how to ask and how to approve from the CLI, and doing so works once', async () => {
    const apiKey = /x-api-key: (pc_demo_[0-9a-f]+)/.exec(banner)![1];
    const customers = /-d '\{"name":"Grace Hopper"\}' (http:\/\/\S+\/crm\/customers)/.exec(banner)![1];
    const list = /(npx portcullis approvals list .*)/.exec(banner)![1];
    const approve = /(npx portcullis approvals approve <id> .*)/.exec(banner)![1];
    const post = (headers: Record<string, string> = {}, name = 'Grace Hopper') =>
      fetch(customers, {
        method: 'POST',
        headers: { 'x-api-key': apiKey, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ name }),
      });

    const asked = await post();
    expect(asked.status).toBe(202);
    const { approval_id: id, url } = (await asked.json()) as { approval_id: string; url: string };
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/v1/approvals/${id}$`));

    const listed = run(list);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).toMatch(/pending\s+POST \/crm\/customers\s+demo-user\s+0\/1/);

    const shown = run(`${list.replace(' list ', ` show ${id} `)}`);
    expect(shown.stdout).toContain('request   POST /crm/customers');
    expect(shown.stdout).toContain("creating a customer needs a CRM owner's approval");
    expect(shown.stdout).toContain('(you may review it)');

    const approved = run(`${approve.replace('<id>', id)} --reason looks-fine`);
    expect(approved.stderr).toBe('');
    expect(approved.stdout.trim()).toBe(`${id}: approved`);

    const resumed = await post({ 'portcullis-approval': id });
    expect(resumed.status).toBe(201);
    expect(((await resumed.json()) as { name: string }).name).toBe('Grace Hopper');
    const replay = await post({ 'portcullis-approval': id });
    expect(replay.status).toBe(409);

    // The grant: the next customer needs no new approval, until it is revoked.
    expect((await post({}, 'Katherine Johnson')).status).toBe(201);
    const grants = run(list.replace(' list ', ' grants '));
    expect(grants.stdout).toMatch(/demo-user\s+crm\s+POST \/customers\s+4/);
    const grantId = /^([0-9a-f-]{36})\s+demo-user/m.exec(grants.stdout)![1];
    const revoked = run(`${list.replace(' list ', ` revoke ${grantId} `)} --reason done`);
    expect(revoked.stdout.trim()).toBe(`${id}: revoked`);
  });

  it('the CLI says what went wrong, in one line with a code, exit 1', () => {
    const list = /(npx portcullis approvals list .*)/.exec(banner)![1];
    const wrongKey = run(list.replace(/--api-key \S+/, '--api-key nope'));
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toMatch(/^portcullis: unauthenticated: /);
    const unknown = run(list.replace(' list ', ' approve 0190d8f0-0000-7000-8000-000000000000 '));
    expect(unknown.stderr).toMatch(/^portcullis: approval_not_found: /);
    const noCredential = run(list.replace(/--api-key \S+/, ''));
    expect(noCredential.stderr).toMatch(/^portcullis: invalid_argument: give a credential/);
    const unreachable = run(list.replace(/--url \S+/, '--url http://127.0.0.1:1'));
    expect(unreachable.stderr).toMatch(/^portcullis: api_unreachable: /);
  });
});
