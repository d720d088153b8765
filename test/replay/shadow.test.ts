import { rm } from 'node:fs/promises';
import type { ShadowAuditEvent } from '../../services/audit/event.js';
import { startDecisionEngine } from '../../services/decision/index.js';
import type { ShadowStatus } from '../../services/decision/shadow/shadow.js';
import { askedDecisions, buildTwoBundles, EXPECTED_CHANGES, type TwoBundles } from './support/bundles.js';
import { startRecordingStack } from './support/recorded.js';

describe('shadow bundles: every decision also evaluated against the shadow, off the caller path', () => {
  let bundles: TwoBundles & { dir: string };
  let stack: Awaited<ReturnType<typeof startRecordingStack>>;

  beforeAll(async () => {
    bundles = await buildTwoBundles();
    stack = await startRecordingStack(bundles.live.path, { shadow: { bundle: bundles.candidate.path } });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    if (bundles) await rm(bundles.dir, { recursive: true, force: true });
  });

  it('answers with the live bundle, counts and records every difference exactly', async () => {
    const asked = askedDecisions();
    // The live answer stands: billing reads stay allowed while the shadow would deny them.
    const billing = await fetch(`${stack.decision.url}/v1/data/gw/decision`, {
      method: 'POST',
      body: JSON.stringify({ input: asked[40].input }),
    });
    expect(((await billing.json()) as { result: { allow: boolean } }).result.allow).toBe(true);
    await stack.ask(asked.slice(0, 40).concat(asked.slice(41)));
    await stack.decision.context.shadow!.settle();
    const status = stack.decision.context.shadow!.status();
    expect(status).toMatchObject({
      revision: 'candidate-1',
      sample_rate: 1,
      queue_bound: 1000,
      pending: 0,
      decisions: { same: 15, different: 110, error: 5, dropped: 0 },
      changes: EXPECTED_CHANGES,
      last_error: { code: 'not_entrypoint' },
    });
    const { result } = (await (await fetch(`${stack.decision.url}/v1/status`)).json()) as {
      result: { shadow: ShadowStatus };
    };
    expect(result.shadow.decisions.different).toBe(110);
    const metrics = await (await fetch(`${stack.decision.url}/metrics`)).text();
    expect(metrics).toContain('portcullis_shadow_decisions_total{outcome="different"} 110');
    expect(metrics).toContain('portcullis_shadow_decisions_total{outcome="same"} 15');
    expect(metrics).toContain('portcullis_shadow_changes_total{change="allow_to_deny"} 30');
    expect(metrics).toContain('portcullis_shadow_changes_total{change="mask_changed"} 40');
    expect(metrics).toContain('portcullis_shadow_pending 0');

    const events = (await stack.stored('shadow', 110)).map((s) => s.event as ShadowAuditEvent);
    expect(events).toHaveLength(110);
    const byKind: Record<string, number> = {};
    for (const e of events) for (const c of e.shadow.changes) byKind[c] = (byKind[c] ?? 0) + 1;
    expect(byKind).toEqual(Object.fromEntries(Object.entries(EXPECTED_CHANGES).filter(([, n]) => n > 0)));
    const frozen = events.find((e) => e.shadow.changes.includes('allow_to_deny'))!;
    expect(frozen.shadow).toMatchObject({
      path: 'gw/decision',
      subject: 'alice',
      connection: 'billing',
      live_allow: true,
      shadow_allow: false,
      shadow_revision: 'candidate-1',
      reasons: { allow_to_deny: ['billing reads are frozen'] },
    });
    expect(frozen.shadow.live_revisions).toEqual({ [bundles.live.path]: { revision: 'live-1' } });
    // The decision it is about is in the trail too (its input is there, masked; never in the shadow event).
    const log = await stack.store.query({ decisionId: frozen.decision_id, kind: 'decision_log' });
    expect(log.events).toHaveLength(1);
    expect(JSON.stringify(frozen)).not.toContain('"input"');
    // Searchable by the live decision and the connection, as the console's audit page filters.
    const denied = await stack.store.query({ kind: 'shadow', connection: 'billing', decision: 'allow' });
    expect(denied.events).toHaveLength(40);
  });
});

describe('shadow bundles in the embedded engine: sampling and the queue bound', () => {
  let bundles: TwoBundles & { dir: string };

  beforeAll(async () => {
    bundles = await buildTwoBundles();
  }, 60_000);

  afterAll(async () => {
    if (bundles) await rm(bundles.dir, { recursive: true, force: true });
  });

  const decideMany = async (engine: Awaited<ReturnType<typeof startDecisionEngine>>, n: number) => {
    const input = askedDecisions()[40].input; // a billing read: the shadow differs
    // Started in one go: the bound is applied as each decision starts, before any can finish.
    const answers = await Promise.all(
      Array.from({ length: n }, () =>
        engine.decide({ handler: 'test', path: ['gw', 'decision'], input, strictBuiltinErrors: false }),
      ),
    );
    expect(answers.every((a) => (a.result as { allow: boolean }).allow)).toBe(true);
    await engine.context.shadow!.settle();
    return engine.context.shadow!.status();
  };

  it('drops what is over the queue bound, and only that', async () => {
    const engine = await startDecisionEngine({
      bundles: [bundles.live.path],
      workers: 1,
      shadow: { bundle: bundles.candidate.path, queueBound: 10 },
    });
    try {
      const status = await decideMany(engine, 50);
      expect(status.decisions).toEqual({ same: 0, different: 10, error: 0, dropped: 40 });
      expect(status.changes.allow_to_deny).toBe(10);
      // Once the queue has drained, decisions are shadowed again.
      const again = await decideMany(engine, 5);
      expect(again.decisions).toEqual({ same: 0, different: 15, error: 0, dropped: 40 });
    } finally {
      await engine.close();
    }
  });

  it('shadows none at sample rate 0, and every one at 1', async () => {
    for (const [rate, expected] of [
      [0, 0],
      [1, 20],
    ] as const) {
      const engine = await startDecisionEngine({
        bundles: [bundles.live.path],
        workers: 1,
        shadow: { bundle: bundles.candidate.path, sampleRate: rate },
      });
      try {
        const status = await decideMany(engine, 20);
        expect(status.decisions.different).toBe(expected);
        expect(status.decisions.dropped).toBe(0);
      } finally {
        await engine.close();
      }
    }
  });

  it('reloads the shadow when its bundle changes, and keeps answering from the live one', async () => {
    const { writeFile, rename } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const path = join(bundles.dir, 'shadow-now.tar.gz');
    await writeFile(path, bundles.candidate.bytes);
    const engine = await startDecisionEngine({
      bundles: [bundles.live.path],
      workers: 1,
      shadow: { bundle: path },
    });
    try {
      expect(engine.context.shadow!.status().revision).toBe('candidate-1');
      // The live bundle as the shadow: no differences from then on.
      const swapped = new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (engine.context.shadow!.status().revision === 'live-1') {
            clearInterval(check);
            resolve();
          }
        }, 20);
      });
      await writeFile(`${path}.tmp`, bundles.live.bytes);
      await rename(`${path}.tmp`, path);
      await swapped;
      const status = await decideMany(engine, 10);
      expect(status.decisions).toMatchObject({ same: 10, different: 0 });
    } finally {
      await engine.close();
    }
  });
});
