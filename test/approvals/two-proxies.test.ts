import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { testRedisUrl } from '../support/redis.js';
import { startApprovalStack, type ApprovalStack } from './support/stack.js';

/**
 * Two proxy processes on one Redis: `npx portcullis proxy` from the built
 * command line in a child process, and one in this process. An approval
 * opened on one resumes on the other, and a request held in the child
 * wakes when the approval is given through the API in this process.
 */
describe('approvals across two proxy processes', () => {
  let s: ApprovalStack;
  let child: ChildProcess;
  let childUrl: string;
  let local: Awaited<ReturnType<ApprovalStack['proxy']>>;
  const json = { 'content-type': 'application/json' };
  const tokenEnv = 'PC_TWO_PROXIES_TOKEN';

  beforeAll(async () => {
    s = await startApprovalStack();
    local = await s.proxy({ crm: { mode: 'async' } });
    const dir = mkdtempSync(join(tmpdir(), 'pc-two-proxies-'));
    const config = join(dir, 'portcullis.yaml');
    writeFileSync(
      config,
      stringify({
        redis: { url: testRedisUrl(), prefix: s.prefix, autostart: false },
        log: { level: 'warn' },
        approvals: { publicUrl: s.workers.url },
        proxy: {
          host: '127.0.0.1',
          decisionUrl: s.decision.url,
          identity: { issuers: [{ issuer: s.issuer.url, audience: 'portcullis', algorithms: ['RS256'] }] },
          connections: [
            {
              name: 'crm',
              match: { pathPrefix: '/crm' },
              upstream: s.upstream.url,
              credential: { type: 'bearer', value: { env: tokenEnv } },
              approval: { mode: 'hold', holdSeconds: 60 },
            },
          ],
        },
      }),
    );
    child = spawn(process.execPath, ['bin/portcullis.js', 'proxy', '--config', config, '--port', '0'], {
      env: { ...process.env, [tokenEnv]: 'upstream-secret-child', PORTCULLIS_CONFIG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    childUrl = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk) => {
        out += chunk;
        const found = /proxy listening on (http:\/\/\S+)/.exec(out);
        if (found) resolve(found[1]);
      });
      child.once('exit', (code) => reject(new Error(`proxy process exited with ${code}: ${stderr}${out}`)));
    });
  }, 120000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await s?.close();
  });

  it('a request held in the other process wakes when the approval is given here', async () => {
    const body = JSON.stringify({ name: 'Across Processes' });
    const before = s.upstream.requests.filter((r) => r.method === 'POST').length;
    const created = s.log.until((e) => e.type === 'approval.requested' && e.subject === 'paula');
    const held = s.call(`${childUrl}/crm/customers`, 'paula', ['engineers'], {
      method: 'POST',
      headers: json,
      body,
    });
    const { approval_id: id } = await created;
    expect((await s.api('POST', `/v1/approvals/${id}/approve`, 'bob', ['crm-owners'])).body.outcome).toBe(
      'approved',
    );
    const answer = await held;
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-portcullis-approval-id')).toBe(id);
    expect(s.upstream.requests.filter((r) => r.method === 'POST').length).toBe(before + 1);
  });

  it('an approval opened on one proxy resumes on the other, once', async () => {
    const body = JSON.stringify({ name: 'Opened Here' });
    const opened = await s.call(`${local.url}/crm/customers`, 'quinn', ['engineers'], {
      method: 'POST',
      headers: json,
      body,
    });
    expect(opened.status).toBe(202);
    const id = opened.json.approval_id as string;
    await s.api('POST', `/v1/approvals/${id}/approve`, 'bob', ['crm-owners']);
    const resumed = await s.call(`${childUrl}/crm/customers`, 'quinn', ['engineers'], {
      method: 'POST',
      headers: { ...json, 'portcullis-approval': id },
      body,
    });
    expect(resumed.status).toBe(200);
    const replayed = await s.call(`${local.url}/crm/customers`, 'quinn', ['engineers'], {
      method: 'POST',
      headers: { ...json, 'portcullis-approval': id },
      body,
    });
    expect(replayed.status).toBe(409);
    expect(replayed.json.error).toBe('approval_used');
  });
});
