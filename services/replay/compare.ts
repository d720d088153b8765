/**
 * What changed between a recorded decision and a candidate's answer to the
 * same input: plain data, shared by replays and shadow bundles. Decisions
 * are read as the gateway contract has them (docs/POLICY.md: `allow`,
 * `reasons`, `require_approval`, `mask`); a boolean result is an `allow`.
 */

export const CHANGE_KINDS = [
  'allow_to_deny',
  'deny_to_allow',
  'approval_added',
  'approval_removed',
  'approval_changed',
  'mask_changed',
  'other_changed',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One side of a comparison: a result, undefined, or an error. */
export type Outcome =
  { defined: true; result: unknown } | { defined: false } | { error: { code: string; message: string } };

export interface Comparison {
  /** Empty when nothing changed. */
  changes: ChangeKind[];
  /** Reasons behind the changes, per kind: the side that says no (the new denial, the old one lifted). */
  reasons: Partial<Record<ChangeKind, string[]>>;
}

interface Shape {
  allow?: boolean;
  reasons: string[];
  approval: unknown;
  mask: unknown;
  rest: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shapeOf(outcome: Outcome): Shape {
  if (!('defined' in outcome) || !outcome.defined)
    return { allow: undefined, reasons: [], approval: null, mask: null, rest: undefined };
  const result = outcome.result;
  if (typeof result === 'boolean')
    return { allow: result, reasons: [], approval: null, mask: null, rest: null };
  if (!isObject(result)) return { allow: undefined, reasons: [], approval: null, mask: null, rest: result };
  const { allow, reasons, require_approval: approval, mask, ...rest } = result;
  return {
    allow: typeof allow === 'boolean' ? allow : undefined,
    reasons: Array.isArray(reasons) ? reasons.filter((r): r is string => typeof r === 'string') : [],
    approval: approval ?? null,
    mask: mask ?? null,
    // Reasons count as "other" too: a reworded denial is a change worth seeing.
    rest: { ...rest, reasons: reasons ?? [] },
  };
}

/** JSON with sorted keys: equal values give equal text. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'undefined';
}

function approvalReason(approval: unknown): string[] {
  const reason = isObject(approval) ? approval.reason : undefined;
  return typeof reason === 'string' && reason !== '' ? [reason] : [];
}

/**
 * Compares the recorded decision with the candidate's. An undefined
 * document counts as a denial (the proxy refuses it), so a candidate that
 * stops defining the decision shows as allow→deny.
 */
export function compareDecisions(recorded: Outcome, candidate: Outcome): Comparison {
  const before = shapeOf(recorded);
  const after = shapeOf(candidate);
  const changes: ChangeKind[] = [];
  const reasons: Comparison['reasons'] = {};
  const allowedBefore = before.allow === true;
  const allowedAfter = after.allow === true;
  if (allowedBefore && !allowedAfter) {
    changes.push('allow_to_deny');
    reasons.allow_to_deny = after.reasons;
  } else if (!allowedBefore && allowedAfter) {
    changes.push('deny_to_allow');
    reasons.deny_to_allow = before.reasons;
  }
  const approvalBefore = before.approval !== null;
  const approvalAfter = after.approval !== null;
  if (!approvalBefore && approvalAfter) {
    changes.push('approval_added');
    reasons.approval_added = approvalReason(after.approval);
  } else if (approvalBefore && !approvalAfter) {
    changes.push('approval_removed');
    reasons.approval_removed = approvalReason(before.approval);
  } else if (approvalBefore && canonical(before.approval) !== canonical(after.approval)) {
    changes.push('approval_changed');
    reasons.approval_changed = approvalReason(after.approval);
  }
  if (canonical(before.mask) !== canonical(after.mask)) changes.push('mask_changed');
  if (changes.length === 0 && canonical(before.rest) !== canonical(after.rest)) {
    changes.push('other_changed');
    reasons.other_changed = after.reasons;
  }
  return { changes, reasons };
}
