import type { CaseResult } from './run-case.js';

export interface TopicRow {
  topic: string;
  passed: number;
  failed: number;
  skipped: number;
}

export function tallyByTopic(results: CaseResult[]): TopicRow[] {
  const rows = new Map<string, TopicRow>();
  for (const r of results) {
    const row = rows.get(r.topic) ?? { topic: r.topic, passed: 0, failed: 0, skipped: 0 };
    if (r.status === 'pass') row.passed++;
    else if (r.status === 'fail') row.failed++;
    else row.skipped++;
    rows.set(r.topic, row);
  }
  return [...rows.values()].sort((a, b) => a.topic.localeCompare(b.topic));
}

/** The per-topic table and the closing `conformance: N passed, M failed, K skipped` line. */
export function formatReport(results: CaseResult[]): string {
  const rows = tallyByTopic(results);
  const width = Math.max(5, ...rows.map((r) => r.topic.length));
  const lines = [`${'topic'.padEnd(width)}  passed  failed  skipped`];
  for (const r of rows) {
    lines.push(
      `${r.topic.padEnd(width)}  ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${String(r.skipped).padStart(7)}`,
    );
  }
  const skips = results.filter((r) => r.status === 'skip');
  if (skips.length) {
    const reasons = new Map<string, number>();
    for (const s of skips) {
      const key = (s.reason ?? '').replace(/"[^"]*"/, '"…"');
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
    }
    lines.push('', 'skipped:');
    for (const [reason, n] of reasons) lines.push(`  ${n} × ${reason}`);
  }
  const total = (s: CaseResult['status']) => results.filter((r) => r.status === s).length;
  lines.push('', `conformance: ${total('pass')} passed, ${total('fail')} failed, ${total('skip')} skipped`);
  return lines.join('\n');
}
