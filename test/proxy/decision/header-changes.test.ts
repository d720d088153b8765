import { checkHeaderChanges } from '../../../services/proxy/decision/document.js';
import { startHarness, type Harness } from '../support/harness.js';

describe("a decision's header changes", () => {
  it.each([
    ['CR LF', 'a\r\nset-cookie: x=1'],
    ['NUL', 'a\u0000b'],
    ['another control character', 'a\u0001b'],
    ['DEL', 'a\u007fb'],
    ['a character past Latin-1', 'ok ✓'],
  ])('refuses a value with %s', (_name, value) => {
    expect(() => checkHeaderChanges({ set: { 'x-a': value }, remove: [] }, [])).toThrow(
      expect.objectContaining({ code: 'decision_headers_refused' }),
    );
  });

  it('accepts tabs, spaces and Latin-1', () => {
    expect(() => checkHeaderChanges({ set: { 'x-a': 'a\tb café' }, remove: [] }, [])).not.toThrow();
  });

  describe('through the proxy', () => {
    let h: Harness;
    afterEach(async () => h?.close());

    it('in the request phase: 502 before the upstream is called', async () => {
      h = await startHarness({ decide: () => ({ allow: true, headers: { set: { 'x-a': 'ok ✓' } } }) });
      const res = await h.call('/api/x');
      expect([res.status, res.json().error]).toEqual([502, 'decision_headers_refused']);
      expect(h.upstream.requests).toHaveLength(0);
    });

    it('in the response phase: 502, not an internal error', async () => {
      h = await startHarness({
        decide: (input) =>
          input.phase === 'response'
            ? { allow: true, headers: { set: { 'x-b': 'a\u0001b' } } }
            : { allow: true, inspect_response: true },
      });
      const res = await h.call('/api/x');
      expect([res.status, res.json().error]).toEqual([502, 'decision_headers_refused']);
    });
  });
});
