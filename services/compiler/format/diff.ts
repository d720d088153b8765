/**
 * A unified diff of two texts, line by line (`fmt --diff`), with three
 * lines of context as `diff -u` prints. Lines are matched by a longest
 * common subsequence; past a few million line pairs the whole text is one
 * change rather than a slow match.
 */

const CONTEXT = 3;
const MAX_CELLS = 4_000_000;

type Op = { kind: ' ' | '-' | '+'; line: string };

function lines(text: string): string[] {
  const out = text.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}

function editScript(a: string[], b: string[]): Op[] {
  // Common head and tail cost nothing to match.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: Op[] = a.slice(0, start).map((line) => ({ kind: ' ', line }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_CELLS) {
    ops.push(
      ...midA.map((line): Op => ({ kind: '-', line })),
      ...midB.map((line): Op => ({ kind: '+', line })),
    );
  } else {
    // lcs[i][j]: longest common subsequence of midA[i..] and midB[j..].
    const width = midB.length + 1;
    const lcs = new Uint32Array((midA.length + 1) * width);
    for (let i = midA.length - 1; i >= 0; i--) {
      for (let j = midB.length - 1; j >= 0; j--) {
        lcs[i * width + j] =
          midA[i] === midB[j]
            ? lcs[(i + 1) * width + j + 1] + 1
            : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < midA.length || j < midB.length) {
      if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
        ops.push({ kind: ' ', line: midA[i++] });
        j++;
      } else if (
        i < midA.length &&
        (j === midB.length || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])
      ) {
        ops.push({ kind: '-', line: midA[i++] });
      } else {
        ops.push({ kind: '+', line: midB[j++] });
      }
    }
  }
  ops.push(...a.slice(endA).map((line): Op => ({ kind: ' ', line })));
  return ops;
}

/** `--- a/<name>` / `+++ b/<name>` and the hunks; empty when the texts are equal. */
export function unifiedDiff(name: string, before: string, after: string): string {
  if (before === after) return '';
  const ops = editScript(lines(before), lines(after));
  const out = [`--- a/${name}`, `+++ b/${name}`];
  let k = 0;
  while (k < ops.length) {
    if (ops[k].kind === ' ') {
      k++;
      continue;
    }
    // A hunk: context before, changes (merging those closer than twice the context), context after.
    const from = Math.max(0, k - CONTEXT);
    let to = k;
    for (;;) {
      while (to < ops.length && ops[to].kind !== ' ') to++;
      let next = to;
      while (next < ops.length && ops[next].kind === ' ') next++;
      if (next < ops.length && next - to <= 2 * CONTEXT) to = next;
      else break;
    }
    const end = Math.min(ops.length, to + CONTEXT);
    let lineA = 1;
    let lineB = 1;
    for (let n = 0; n < from; n++) {
      if (ops[n].kind !== '+') lineA++;
      if (ops[n].kind !== '-') lineB++;
    }
    const hunk = ops.slice(from, end);
    const countA = hunk.filter((o) => o.kind !== '+').length;
    const countB = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${countA ? lineA : lineA - 1},${countA} +${countB ? lineB : lineB - 1},${countB} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.line}`);
    k = end;
  }
  return `${out.join('\n')}\n`;
}
