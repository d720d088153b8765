import { checkHeaderChanges, parseDecision } from '../../../services/proxy/decision/document.js';

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
});
