/**
 * gqlparser's "Did you mean" helpers: candidate names within a lexical
 * distance of the input (case-only differences count 1), closest first,
 * rendered as a quoted "or" list of at most five.
 */

function lexicalDistance(a: string, b: string): number {
  if (a === b) return 0;
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return 1;
  const d: number[][] = [];
  for (let i = 0; i <= x.length; i++) d.push([i]);
  for (let j = 1; j <= y.length; j++) d[0][j] = j;
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + cost);
      }
    }
  }
  return d[x.length][y.length];
}

export function suggestionList(input: string, options: string[]): string[] {
  const threshold = Math.max(Math.floor(input.length * 0.4) + 1, 1);
  const scored = options
    .map((option) => ({ option, distance: lexicalDistance(input, option) }))
    .filter((s) => s.distance <= threshold);
  scored.sort((p, q) => p.distance - q.distance);
  return scored.map((s) => s.option);
}

export function orList(items: string[], quote: boolean): string {
  const shown = items.slice(0, 5).map((s) => (quote ? `"${s}"` : s));
  if (shown.length <= 1) return shown.join('');
  if (shown.length === 2) return `${shown[0]} or ${shown[1]}`;
  return `${shown.slice(0, -1).join(', ')}, or ${shown[shown.length - 1]}`;
}

/** ` Did you mean "x"?` when some option is close to `input`, else nothing. */
export function didYouMean(prefix: string, input: string, options: string[], quote = true): string {
  const close = suggestionList(input, options);
  return close.length ? ` ${prefix} ${orList(close, quote)}?` : '';
}
