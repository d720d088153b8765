import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import type { ReplayReport } from '../../services/replay/report.js';
import { askedDecisions, buildTwoBundles, EXPECTED_CHANGES, type TwoBundles } from './support/bundles.js';
import { AUDITOR_KEY, ENGINEER_KEY, REPLAY_TOKEN, startRecordingStack } from './support/recorded.js';

describe('decision replay: recorded decisions against a candidate bundle', () => {
  let bundles: TwoBundles & { dir: string };
  let stack: Awaited<ReturnType<typeof startRecordingStack>>;

  beforeAll(async () => {
    bundles = await buildTwoBundles();
    stack = await startRecordingStack(bundles.live.path);
    await stack.ask(askedDecisions());
    await stack.stored('decision_log', 130);
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    if (bundles) await rm(bundles.dir, { recursive: true, force: true });
  });

  const replay = async (query: string, key = AUDITOR_KEY, body: Uint8Array = bundles.candidate.bytes) => {
    const res = await fetch(`${stack.workers.url}/v1/replay${query}`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/gzip' },
      body,
    });
    return {
      status: res.status,
      body: (await res.json()) as ReplayReport & { code?: string; message?: string },
    };
  };

  it('counts every change the candidate makes, per connection and per reason, with examples', async () => {
    const { status, body: report } = await replay('?since=1h');
    expect(status).toBe(200);
    expect(report.candidate).toEqual({ revision: 'candidate-1', entrypoints: ['gw/decision'] });
    // Compared with the live bundle's answers now, which are what was recorded (same revision, no time rules).
    expect(report.baseline).toBe('live');
    expect(report.recorded_differs).toBe(0);
    expect(report.read).toBe(130);
    expect(report.replayed).toBe(125);
    expect(report.errors).toEqual({ not_entrypoint: { count: 5, examples: expect.any(Array) } });
    expect(report.changes).toEqual(EXPECTED_CHANGES);
    expect(report.changed).toBe(110);
    expect(report.unchanged).toBe(15);
    expect(report.masked_inputs).toBe(20);
    expect(report.skipped).toEqual({ no_input: 0, recorded_error: 0 });
    expect(report.truncated).toBe(false);
    expect(report.per_connection.crm).toMatchObject({
      decisions: 70,
      changed: 70,
      changes: { ...EXPECTED_CHANGES, allow_to_deny: 0, approval_added: 0 },
    });
    expect(report.per_connection.billing).toMatchObject({
      decisions: 40,
      changed: 40,
      changes: {
        ...EXPECTED_CHANGES,
        deny_to_allow: 0,
        approval_removed: 0,
        mask_changed: 0,
      },
    });
    expect(report.per_connection.ops).toMatchObject({ decisions: 15, changed: 0 });
    const reasons = Object.fromEntries(
      Object.entries(report.per_reason).map(([reason, b]) => [
        reason,
        Object.fromEntries(Object.entries(b.changes).filter(([, n]) => n > 0)),
      ]),
    );
    expect(reasons).toEqual({
      'billing reads are frozen': { allow_to_deny: 30 },
      'DELETE is blocked': { deny_to_allow: 20 },
      'customers need an owner': { approval_removed: 10 },
      'invoices need finance': { approval_added: 10 },
      '(no reason given)': { mask_changed: 40 },
    });
    // Examples are real event ids of the right decisions.
    const frozen = report.per_reason['billing reads are frozen'].examples.allow_to_deny!;
    expect(frozen).toHaveLength(5);
    for (const id of frozen) {
      const event = (await stack.store.get(id))!.event!;
      expect(event.kind).toBe('decision_log');
      const input = (event as { decision_log: { input: { connection: { name: string } } } }).decision_log
        .input;
      expect(input.connection.name).toBe('billing');
    }
  });

  it('replays one connection, or the newest N decisions', async () => {
    const billing = (await replay('?connection=billing')).body;
    expect(billing.read).toBe(40);
    expect(billing.changes.allow_to_deny).toBe(30);
    expect(billing.changes.approval_added).toBe(10);
    expect(billing.changed).toBe(40);
    const newest = (await replay('?limit=50')).body;
    expect(newest.read).toBe(50);
    expect(newest.truncated).toBe(true);
    // The newest 50 asked: 5 gw/allow, 15 ops, 10 billing POSTs, 10 crm POSTs, 10 of the crm DELETEs.
    expect(newest.errors.not_entrypoint.count).toBe(5);
    expect(newest.unchanged).toBe(15);
    expect(newest.changes).toEqual({
      ...EXPECTED_CHANGES,
      allow_to_deny: 0,
      mask_changed: 0,
      deny_to_allow: 10,
    });
    // Against the decisions as recorded: the same counts here, as the live bundle has not changed.
    const recorded = (await replay('?connection=billing&baseline=recorded')).body;
    expect(recorded.baseline).toBe('recorded');
    expect(recorded.changes).toEqual(billing.changes);
    const none = (await replay('?since=2020-01-01T00:00:00Z&until=2020-01-02T00:00:00Z')).body;
    expect(none.read).toBe(0);
    expect(none.replayed).toBe(0);
  });

  it('refuses callers outside the group, bad filters, and a body that is no bundle', async () => {
    const engineer = await replay('', ENGINEER_KEY);
    expect(engineer.status).toBe(403);
    expect(engineer.body.code).toBe('replay_forbidden');
    expect((await replay('?since=yesterday')).body.code).toBe('replay_invalid');
    expect((await replay('?limit=0')).body.code).toBe('replay_invalid');
    expect((await replay('?colour=blue')).body.code).toBe('replay_invalid');
    expect((await replay('?baseline=yesterday')).body.code).toBe('replay_invalid');
    const junk = await replay('', AUDITOR_KEY, new TextEncoder().encode('not a tarball'));
    expect(junk.status).toBe(400);
    expect(junk.body.code).toBe('replay_invalid');
    // Nothing is left loaded on the decision service.
    expect(stack.decision.context.candidates!.size()).toBe(0);
  });

  it('keeps the candidate API of the decision service behind the replay token', async () => {
    const none = await fetch(`${stack.decision.url}/v1/candidates`, {
      method: 'POST',
      body: bundles.candidate.bytes,
    });
    expect(none.status).toBe(401);
    expect(((await none.json()) as { code: string }).code).toBe('candidates_unauthorized');
    const wrong = await fetch(`${stack.decision.url}/v1/candidates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${REPLAY_TOKEN.replace(/t$/, 'x')}` },
      body: bundles.candidate.bytes,
    });
    expect(wrong.status).toBe(401);
    const loaded = await fetch(`${stack.decision.url}/v1/candidates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${REPLAY_TOKEN}` },
      body: bundles.candidate.bytes,
    });
    expect(loaded.status).toBe(201);
    const { id } = (await loaded.json()) as { id: string };
    // Live decisions are untouched by the candidate beside them.
    const live = await fetch(`${stack.decision.url}/v1/data/gw/decision`, {
      method: 'POST',
      // An ops decision: the same for both bundles, so the later counts stay as they are.
      body: JSON.stringify({ input: askedDecisions()[110].input }),
    });
    expect(((await live.json()) as { result: { allow: boolean } }).result.allow).toBe(true);
    const gone = await fetch(`${stack.decision.url}/v1/candidates/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${REPLAY_TOKEN}` },
    });
    expect(gone.status).toBe(204);
  });

  it('portcullis replay prints the report, as JSON for CI, and gates on allow→deny', async () => {
    // Asynchronous: the workers answering the command run in this very process.
    const run = (...args: string[]) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [
            'bin/portcullis.js',
            'replay',
            '--bundle',
            bundles.candidate.path,
            '--url',
            stack.workers.url,
            '--api-key',
            AUDITOR_KEY,
            ...args,
          ],
          { encoding: 'utf8', env: { ...process.env, PORTCULLIS_CONFIG: '' }, timeout: 60_000 },
          (err, stdout, stderr) =>
            resolve({ status: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
        );
      });
    const json = await run('--since', '1h', '--format', 'json');
    expect(json.status).toBe(0);
    expect((JSON.parse(json.stdout) as ReplayReport).changes).toEqual(EXPECTED_CHANGES);
    const text = await run('--connection', 'crm');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/Replayed 70 recorded decisions/);
    expect(text.stdout).toContain("compared with the live bundles' answers now\n");
    const asRecorded = await run('--connection', 'crm', '--baseline', 'recorded');
    expect(asRecorded.stdout).toContain('compared with the decisions as recorded\n');
    expect(text.stdout).toMatch(/deny → allow\s+20/);
    expect(text.stdout).toMatch(/"DELETE is blocked"/);
    const gateCrm = await run('--connection', 'crm', '--fail-on', 'allow_to_deny');
    expect(gateCrm.status).toBe(0);
    const gateBilling = await run('--connection', 'billing', '--fail-on', 'allow_to_deny');
    expect(gateBilling.status).toBe(3);
    expect(gateBilling.stderr).toContain('replay_gate_failed: 30 allow_to_deny');
  });
});
