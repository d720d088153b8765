import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decisionLogEvent,
  decisionLogLine,
  type DecisionLogAuditEvent,
} from '../../../services/audit/event.js';
import { buildBundle } from '../../../services/compiler/project.js';
import { startDecisionEngine, type DecisionEngine } from '../../../services/decision/index.js';
import { readAuditStream } from '../../support/audit-stream.js';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../../support/redis.js';

let dir: string;
let engine: DecisionEngine | undefined;
let prefix: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-log-line-'));
});
afterEach(async () => {
  await engine?.close();
  engine = undefined;
  await deleteKeys(prefix);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("decision-log lines reuse the input's JSON serialised for the evaluation", () => {
  it('gives the same event as serialising it whole, and falls back when there is no input JSON', () => {
    const event = decisionLogEvent(
      {
        labels: { id: 'x' },
        decision_id: 'd1',
        path: 'app/allow',
        input: { user: 'bob', nested: { list: [1, 'two', null] }, quote: 'say "hi"\n' },
        result: true,
        requested_by: 'test',
        timestamp: '2026-12-07T00:00:00.000Z',
        req_id: 1,
      },
      { service: 'decision', instance: 'test' },
    );
    const inputJson = JSON.stringify(event.decision_log.input);
    expect(JSON.parse(decisionLogLine(event, inputJson))).toEqual(JSON.parse(JSON.stringify(event)));
    expect(decisionLogLine(event, undefined)).toBe(JSON.stringify(event));
    const noInput: DecisionLogAuditEvent = {
      ...event,
      decision_log: { ...event.decision_log, input: undefined },
    };
    expect(decisionLogLine(noInput, inputJson)).toBe(JSON.stringify(noInput));
  });

  it('records the masked input when the masks change it, and the whole input when they do not', async () => {
    prefix = uniquePrefix('log-line');
    const { bundle } = await buildBundle(
      {
        rego: [
          { file: 'app.rego', source: 'package app\nallow if input.user == "bob"\n' },
          { file: 'log.rego', source: 'package system.log\nmask contains "/input/token"\n' },
        ],
        data: {},
      },
      { entrypoints: ['app/allow', 'system/log/mask'] },
    );
    const file = join(dir, 'bundle.tar.gz');
    await writeFile(file, bundle);
    engine = await startDecisionEngine({
      bundles: [file],
      workers: 1,
      redisUrl: testRedisUrl(),
      redisPrefix: prefix,
    });
    for (const input of [
      { user: 'bob', token: 'tok-secret-123' },
      { user: 'bob', note: 'no token here' },
    ])
      await engine.decide({ handler: 'test', path: ['app', 'allow'], input, strictBuiltinErrors: false });
    await engine.context.decisionLogger.settle();
    expect(await engine.context.queue!.flush(5000)).toBe(true);
    const logs = (await readAuditStream(testRedisUrl(), prefix)).filter(
      (e): e is DecisionLogAuditEvent => e.kind === 'decision_log',
    );
    expect(logs.map((e) => e.decision_log.input)).toEqual([
      { user: 'bob' },
      { user: 'bob', note: 'no token here' },
    ]);
    expect(logs.map((e) => e.decision_log.erased)).toEqual([['/input/token'], undefined]);
    expect(JSON.stringify(logs)).not.toContain('tok-secret-123');
  });
});
