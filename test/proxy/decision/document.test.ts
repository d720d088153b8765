import {
  checkHeaderChanges,
  decisionSchema,
  parseDecision,
  wellFormedDecision,
} from '../../../services/proxy/decision/document.js';

const GATEWAY = {
  allow: true,
  reasons: ['allowed'],
  require_approval: null,
  mask: { fields: ['**.ssn'], detectors: ['email', 'jwt'] },
  headers: { set: { 'x-roles': 'dev' }, remove: ['x-old'] },
  audit: { level: 'basic', labels: { policy: 'gateway' } },
  inspect_response: false,
};

/** Documents the hand check must either refuse to vouch for or read exactly as the schema does. */
const CORPUS: unknown[] = [
  GATEWAY,
  { allow: false },
  { allow: true, extra: { any: 1 }, decision_version: 2 },
  { ...GATEWAY, mask: null, headers: null, audit: null },
  { ...GATEWAY, mask: { replacement: '***' } },
  { ...GATEWAY, mask: { fields: [], detectors: [], replacement: 7 } },
  { ...GATEWAY, mask: { detectors: ['email', 'nope'] } },
  { ...GATEWAY, mask: { fields: ['a'], colour: 'red' } },
  { ...GATEWAY, mask: ['email'] },
  { ...GATEWAY, mask: { fields: [1] } },
  { ...GATEWAY, mask: { fields: new Array(2) } },
  { ...GATEWAY, headers: { set: { a: 1 } } },
  { ...GATEWAY, headers: { set: [] } },
  { ...GATEWAY, headers: JSON.parse('{"set":{"__proto__":"x"}}') },
  { ...GATEWAY, headers: { remove: 'x' } },
  { ...GATEWAY, headers: {} },
  { ...GATEWAY, audit: { level: 'loud' } },
  { ...GATEWAY, audit: { labels: { a: 'b' } } },
  { ...GATEWAY, audit: { level: 'none', labels: { n: 1 } } },
  { ...GATEWAY, reasons: ['a', 2] },
  { ...GATEWAY, reasons: 'a' },
  { ...GATEWAY, require_approval: { reviewers: ['ops'] } },
  { ...GATEWAY, require_approval: {} },
  { ...GATEWAY, inspect_response: 'yes' },
  { ...GATEWAY, inspect_response: true },
  { ...GATEWAY, allow: 1 },
  JSON.parse('{"allow":true,"__proto__":{"allow":false}}'),
  [],
  'allow',
  null,
];

describe('decision document', () => {
  it('fills defaults for a minimal decision', () => {
    expect(parseDecision({ allow: true })).toEqual({
      allow: true,
      reasons: [],
      require_approval: null,
      mask: null,
      headers: null,
      audit: null,
      inspect_response: false,
    });
  });

  it.each([
    [undefined],
    [null],
    [{}],
    [{ allow: 'true' }],
    [{ allow: true, mask: { detectors: ['x'] } }],
    [{ allow: true, mask: { fields: ['a..b'] } }],
  ])('refuses %j as decision_invalid', (result) => {
    expect(() => parseDecision(result)).toThrow(
      expect.objectContaining({ code: 'decision_invalid', status: 503 }),
    );
  });

  it('lets safe header changes through and refuses protected names and CR/LF', () => {
    expect(() =>
      checkHeaderChanges({ set: { 'X-Team': 'a' }, remove: ['x-old'] }, ['authorization']),
    ).not.toThrow();
    const bad: { set: Record<string, string>; remove: string[] }[] = [
      { set: { 'x-a': 'v\nx' }, remove: [] },
      { set: { 'x a': 'v' }, remove: [] },
      { set: {}, remove: ['Transfer-Encoding'] },
      { set: { 'X-Upstream-Key': 'v' }, remove: [] },
    ];
    for (const changes of bad) {
      expect(() => checkHeaderChanges(changes, ['x-upstream-key'])).toThrow(
        expect.objectContaining({ code: 'decision_headers_refused' }),
      );
    }
  });

  it.each(CORPUS.map((doc) => [doc]))('reads %j as the schema does, or leaves it to the schema', (doc) => {
    const fast = wellFormedDecision(doc);
    const reference = decisionSchema.safeParse(doc);
    if (fast === undefined) return;
    expect(reference.success).toBe(true);
    expect(fast).toEqual(reference.data);
  });

  it('vouches for the usual documents itself', () => {
    expect(wellFormedDecision(GATEWAY)).toEqual(GATEWAY);
    expect(wellFormedDecision({ allow: false })).toEqual(parseDecision({ allow: false }));
  });
});
