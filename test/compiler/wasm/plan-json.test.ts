/**
 * A plan as `opa build -t plan` prints it (written by hand for
 *   package test
 *   default allow := false
 *   allow if input.user == "alice"
 *   allow if input.user in data.admins
 * ), read from JSON and run with the SDK.
 */
import { readFileSync } from 'node:fs';

import type { Policy } from '../../../services/compiler/plan/ir.js';
import { ensureRuntime, load } from './support.js';

beforeAll(ensureRuntime, 120_000);

const plan = JSON.parse(
  readFileSync(new URL('./fixtures/allow.plan.json', import.meta.url), 'utf8'),
) as Policy;

test('the default rule applies when no body matches', async () => {
  const p = await load(plan);
  p.setData({ admins: ['root'] });
  expect(p.entrypoints).toEqual({ 'test/allow': 0 });
  expect(p.evaluate({ user: 'alice' })).toEqual([{ result: true }]);
  expect(p.evaluate({ user: 'root' })).toEqual([{ result: true }]);
  expect(p.evaluate({ user: 'mallory' })).toEqual([{ result: false }]);
  expect(p.evaluate({})).toEqual([{ result: false }]);
});
