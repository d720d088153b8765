import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundle } from '../../../services/compiler/project.js';
import {
  startDecisionEngine,
  type DecisionEngine,
  type DecisionEvent,
} from '../../../services/decision/index.js';
import { logRulesAreConstant } from '../../../services/decision/logs/constant-rules.js';

const POLICY = `package app
allow if input.user == "bob"
`;

let dir: string;
const engines: DecisionEngine[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-constant-log-'));
});
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** An engine over a bundle of `app` and the given system.log module, logging to `events`. */
async function engineWith(logModule: string, events: DecisionEvent[]): Promise<DecisionEngine> {
  const { bundle } = await buildBundle(
    {
      rego: [
        { file: 'app.rego', source: POLICY },
        { file: 'log.rego', source: logModule },
      ],
      data: { secrets: ['/input/token'] },
    },
    {
      entrypoints: [
        'app/allow',
        ...(/\bmask\b/.test(logModule) ? ['system/log/mask'] : []),
        ...(/\bdrop\b/.test(logModule) ? ['system/log/drop'] : []),
      ],
    },
  );
  const file = join(dir, `b${engines.length}-${Date.now()}.tar.gz`);
  await writeFile(file, bundle);
  const engine = await startDecisionEngine({
    bundles: [file],
    workers: 1,
    onDecisionEvent: (e) => events.push(e),
  });
  engines.push(engine);
  return engine;
}

async function decide(engine: DecisionEngine, input: Record<string, unknown>): Promise<void> {
  await engine.decide({ handler: 'test', path: ['app', 'allow'], input, strictBuiltinErrors: false });
  await engine.context.decisionLogger.settle();
}

describe('decision-log rules evaluated once when they are constant', () => {
  it('recognises constant modules and refuses anything that could depend on the event', async () => {
    const cases: [string, boolean][] = [
      ['package system.log\nmask contains "/input/token"\nmask contains "/input/password"\n', true],
      ['package system.log\nmask := ["/input/token"]\ndrop := false\n', true],
      ['package system.log\nmask contains "/input/token" if input.input.user == "bob"\n', false],
      ['package system.log\nmask contains x if some x in data.secrets\n', false],
      ['package system.log\nmask contains concat("/", ["", "input", "token"])\n', false],
    ];
    for (const [module, constant] of cases) {
      const engine = await engineWith(module, []);
      expect({ module, constant: logRulesAreConstant(engine.context.registry.current) }).toEqual({
        module,
        constant,
      });
    }
  });

  it('masks and drops the same as evaluating with each event', async () => {
    const constantEvents: DecisionEvent[] = [];
    const perEvent: DecisionEvent[] = [];
    const constant = await engineWith('package system.log\nmask contains "/input/token"\n', constantEvents);
    const dynamic = await engineWith(
      'package system.log\nmask contains "/input/token" if input.path\n',
      perEvent,
    );
    for (const engine of [constant, dynamic]) {
      await decide(engine, { user: 'bob', token: 's3cret' });
      await decide(engine, { user: 'eve' });
    }
    const strip = (e: DecisionEvent) => ({ input: e.input, result: e.result, erased: e.erased });
    expect(constantEvents.map(strip)).toEqual(perEvent.map(strip));
    expect(constantEvents.map(strip)).toEqual([
      { input: { user: 'bob' }, result: true, erased: ['/input/token'] },
      { input: { user: 'eve' }, result: undefined, erased: undefined },
    ]);
    const dropping = await engineWith('package system.log\ndrop := true\n', constantEvents);
    await decide(dropping, { user: 'bob' });
    expect(dropping.context.decisionLogger.stats()).toMatchObject({ events: 0, dropped_by_policy: 1 });
  });
});
