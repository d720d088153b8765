import { rm } from 'node:fs/promises';
import request from 'supertest';
import { startDecisionService, type RunningDecisionService } from '../../services/decision/index.js';
import { askedDecisions, buildTwoBundles, type TwoBundles } from '../replay/support/bundles.js';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';
import { ConsoleBrowser, startConsoleStack } from './support/stack.js';

const TOKEN = 'console-replay-token-' + 'x'.repeat(24);

describe('console: Bundles page (live revisions, shadow comparison, replay)', () => {
  const prefix = uniquePrefix('console-bundles');
  let bundles: TwoBundles & { dir: string };
  let decision: RunningDecisionService;
  let stack: Awaited<ReturnType<typeof startConsoleStack>>;

  beforeAll(async () => {
    bundles = await buildTwoBundles();
    decision = await startDecisionService({
      bundles: [bundles.live.path],
      redisUrl: testRedisUrl(),
      redisPrefix: prefix,
      workers: 1,
      candidates: { token: TOKEN },
      shadow: { bundle: bundles.candidate.path },
    });
    stack = await startConsoleStack({
      prefix,
      audit: true,
      decisionServices: [decision.url],
      replay: { decisionUrl: decision.url, token: TOKEN },
    });
    for (const d of askedDecisions()) {
      const res = await fetch(`${decision.url}/v1/data/${d.path}`, {
        method: 'POST',
        body: JSON.stringify({ input: d.input }),
      });
      expect(res.status).toBe(200);
    }
    await decision.context.shadow!.settle();
    const store = (await stack.workers.audit!.store())!;
    const deadline = Date.now() + 60_000;
    while ((await store.query({ kind: 'decision_log', limit: 1000 })).events.length < 130) {
      if (Date.now() > deadline) throw new Error('decision logs did not reach the store');
      await stack.workers.audit!.exporter.nextTick();
    }
    while ((await store.query({ kind: 'shadow', limit: 1000 })).events.length < 110) {
      if (Date.now() > deadline) throw new Error('shadow events did not reach the store');
      await stack.workers.audit!.exporter.nextTick();
    }
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    await decision?.close();
    if (bundles) await rm(bundles.dir, { recursive: true, force: true });
  });

  it('shows the live revision, the shadow comparison and its recent differences', async () => {
    const ann = new ConsoleBrowser(stack.url);
    await ann.signInAs('ann');
    const page = await ann.get('/console/bundles');
    expect(page.status).toBe(200);
    expect(page.text).toContain(decision.url);
    expect(page.text).toContain('live-1');
    expect(page.text).toMatch(/Revision<\/dt>\s*<dd class="mono">candidate-1<\/dd>/);
    expect(page.text).toContain('110 different');
    expect(page.text).toContain('15 same');
    expect(page.text).toMatch(/allow → deny <b>30<\/b>/);
    expect(page.text).toContain('shadow differs on data/gw/decision');
    expect(page.text).toContain('id="replay-form"');
  });

  it('replays an uploaded candidate through the API and renders the report', async () => {
    const ann = new ConsoleBrowser(stack.url);
    await ann.signInAs('ann');
    const token = ConsoleBrowser.csrfOf((await ann.get('/console/bundles')).text);
    const res = await request(stack.url)
      .post('/console/bundles/replay?since=1h&connection=billing')
      .set('cookie', ann.jar.header())
      .set('x-csrf-token', token)
      .set('content-type', 'application/gzip')
      .send(Buffer.from(bundles.candidate.bytes));
    expect(res.status).toBe(200);
    expect(res.text).toContain('Replay of revision');
    expect(res.text).toMatch(/40 recorded decisions\s+re-evaluated on connection billing/);
    expect(res.text).toMatch(/<b class="tag deny">30<\/b\s*>\s*allow → deny/);
    expect(res.text).toContain('billing reads are frozen');
    // Without the form token nothing runs.
    const refused = await request(stack.url)
      .post('/console/bundles/replay')
      .set('cookie', ann.jar.header())
      .set('content-type', 'application/gzip')
      .send(Buffer.from(bundles.candidate.bytes));
    expect(refused.status).toBe(403);
    expect(decision.context.candidates!.size()).toBe(0);
  });

  it('shows a reviewer outside the auditors the API refusal instead of a report', async () => {
    const bob = new ConsoleBrowser(stack.url);
    await bob.signInAs('bob');
    const page = await bob.get('/console/bundles');
    expect(page.text).toContain('(audit_forbidden)');
    const res = await request(stack.url)
      .post('/console/bundles/replay')
      .set('cookie', bob.jar.header())
      .set('x-csrf-token', ConsoleBrowser.csrfOf(page.text))
      .set('content-type', 'application/gzip')
      .send(Buffer.from(bundles.candidate.bytes));
    expect(res.status).toBe(403);
    expect(res.text).toContain('(replay_forbidden)');
  });
});
