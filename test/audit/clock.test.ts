import { isoTime } from '../../services/audit/clock.js';

describe('isoTime', () => {
  it("gives each millisecond's RFC 3339 text, the same millisecond twice and after another", () => {
    const first = Date.UTC(2026, 11, 7, 23, 59, 59, 999);
    expect(isoTime(first)).toBe('2026-12-07T23:59:59.999Z');
    expect(isoTime(first)).toBe('2026-12-07T23:59:59.999Z');
    expect(isoTime(first + 1)).toBe('2026-12-08T00:00:00.000Z');
    expect(isoTime(first)).toBe('2026-12-07T23:59:59.999Z');
    expect(isoTime(0)).toBe('1970-01-01T00:00:00.000Z');
  });
});
