import { CHANGE_KINDS, type ChangeKind } from './compare.js';
import type { ReplayReport } from './report.js';

/** How each kind of change reads for people. */
export const CHANGE_LABELS: Record<ChangeKind, string> = {
  allow_to_deny: 'allow → deny',
  deny_to_allow: 'deny → allow',
  approval_added: 'approval added',
  approval_removed: 'approval removed',
  approval_changed: 'approval changed',
  mask_changed: 'mask changed',
  other_changed: 'other change',
};

function counts(changes: Record<ChangeKind, number>): string {
  return CHANGE_KINDS.filter((k) => changes[k] > 0)
    .map((k) => `${CHANGE_LABELS[k]} ${changes[k]}`)
    .join(', ');
}

/** The report as `portcullis replay` prints it. */
export function reportText(r: ReplayReport): string {
  const lines: string[] = [];
  const window = [r.window.since ?? 'the beginning', r.window.until ?? 'now'].join(' → ');
  const scope = r.window.connection ? ` on connection ${r.window.connection}` : '';
  lines.push(
    `Replayed ${r.replayed} recorded decisions${scope} (${window}) against revision ` +
      `${r.candidate.revision || '(none)'} in ${r.duration_ms} ms (${r.rate}/s)` +
      (r.truncated ? `; stopped at the limit of ${r.window.limit}` : ''),
  );
  lines.push(
    r.baseline === 'live'
      ? `  compared with the live bundles' answers now` +
          (r.recorded_differs > 0
            ? ` (${r.recorded_differs} of them now answer differently from what was recorded)`
            : '')
      : '  compared with the decisions as recorded',
  );
  lines.push(`  ${'unchanged'.padEnd(18)} ${String(r.unchanged).padStart(7)}`);
  for (const kind of CHANGE_KINDS) {
    const examples = r.examples[kind]?.length ? `   e.g. ${r.examples[kind]!.slice(0, 3).join(', ')}` : '';
    lines.push(`  ${CHANGE_LABELS[kind].padEnd(18)} ${String(r.changes[kind]).padStart(7)}${examples}`);
  }
  const skipped = r.skipped.no_input + r.skipped.recorded_error;
  if (skipped > 0)
    lines.push(
      `  not replayed: ${r.skipped.no_input} without input, ${r.skipped.recorded_error} that had failed`,
    );
  for (const [code, e] of Object.entries(r.errors))
    lines.push(`  candidate error ${code}: ${e.count} (e.g. ${e.examples.slice(0, 3).join(', ')})`);
  if (r.masked_inputs > 0)
    lines.push(
      `  ${r.masked_inputs} inputs had fields erased by system.log.mask: they may differ for that alone`,
    );
  const connections = Object.entries(r.per_connection).filter(([, b]) => b.changed > 0);
  if (connections.length > 0) {
    lines.push('Per connection:');
    for (const [name, b] of connections)
      lines.push(`  ${name}: ${b.changed} of ${b.decisions} change (${counts(b.changes)})`);
  }
  const reasons = Object.entries(r.per_reason);
  if (reasons.length > 0) {
    lines.push('Per reason:');
    for (const [reason, b] of reasons) lines.push(`  ${JSON.stringify(reason)}: ${counts(b.changes)}`);
  }
  return lines.join('\n') + '\n';
}
