import { compareDecisions, sameValue, type Outcome } from '../../services/replay/compare.js';

const decision = (result: unknown): Outcome => ({ defined: true, result });
const UNDEFINED: Outcome = { defined: false };
const allow = {
  allow: true,
  reasons: ['engineers may read'],
  require_approval: null,
  mask: { fields: ['**.ssn'] },
};
const deny = { allow: false, reasons: ['DELETE is blocked'], require_approval: null, mask: null };
const approval = (min: number) => ({
  ...allow,
  require_approval: { reason: 'a CRM owner must approve', min_approvals: min },
});

describe('sameValue', () => {
  it.each([
    [{ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: null }, false],
    [{ a: 1, b: null }, { a: 1 }, false],
    [[1, 2], [2, 1], false],
    [[1, 2], [1, 2, 3], false],
    [{ a: [] }, { a: {} }, false],
    ['1', 1, false],
    [null, {}, false],
    [null, null, true],
    [0, -0, true],
  ])('%j and %j: %s', (a, b, same) => {
    expect(sameValue(a, b)).toBe(same);
    expect(sameValue(b, a)).toBe(same);
  });
});

describe('compareDecisions', () => {
  it.each<[string, Outcome, Outcome, ReturnType<typeof compareDecisions>]>([
    [
      'the same decision, keys in another order',
      decision(allow),
      decision({ ...allow, allow: true }),
      { changes: [], reasons: {} },
    ],
    ['both undefined', UNDEFINED, UNDEFINED, { changes: [], reasons: {} }],
    [
      'allow to deny',
      decision(allow),
      decision(deny),
      { changes: ['allow_to_deny', 'mask_changed'], reasons: { allow_to_deny: ['DELETE is blocked'] } },
    ],
    [
      'deny to allow',
      decision(deny),
      decision(allow),
      { changes: ['deny_to_allow', 'mask_changed'], reasons: { deny_to_allow: ['DELETE is blocked'] } },
    ],
    [
      'undefined counts as a denial',
      decision(allow),
      UNDEFINED,
      { changes: ['allow_to_deny', 'mask_changed'], reasons: { allow_to_deny: [] } },
    ],
    [
      'a boolean is an allow',
      decision(true),
      decision(false),
      { changes: ['allow_to_deny'], reasons: { allow_to_deny: [] } },
    ],
    [
      'approval added',
      decision(allow),
      decision(approval(1)),
      { changes: ['approval_added'], reasons: { approval_added: ['a CRM owner must approve'] } },
    ],
    [
      'approval removed',
      decision(approval(1)),
      decision(allow),
      { changes: ['approval_removed'], reasons: { approval_removed: ['a CRM owner must approve'] } },
    ],
    [
      'approval changed',
      decision(approval(1)),
      decision(approval(2)),
      { changes: ['approval_changed'], reasons: { approval_changed: ['a CRM owner must approve'] } },
    ],
    [
      'mask changed',
      decision(allow),
      decision({ ...allow, mask: { fields: ['**.ssn', '**.email'] } }),
      { changes: ['mask_changed'], reasons: {} },
    ],
    [
      'reasons reworded',
      decision(deny),
      decision({ ...deny, reasons: ['DELETE is never allowed'] }),
      { changes: ['other_changed'], reasons: { other_changed: ['DELETE is never allowed'] } },
    ],
    [
      'another field changed',
      decision(allow),
      decision({ ...allow, headers: { 'x-team': 'a' } }),
      { changes: ['other_changed'], reasons: { other_changed: ['engineers may read'] } },
    ],
    [
      'an object and a boolean that both allow',
      decision({ allow: true }),
      decision(true),
      { changes: ['other_changed'], reasons: { other_changed: [] } },
    ],
    [
      'a string result changed',
      decision('a'),
      decision('b'),
      { changes: ['other_changed'], reasons: { other_changed: [] } },
    ],
  ])('%s', (_name, before, after, expected) => {
    expect(compareDecisions(before, after)).toEqual(expected);
  });
});
