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
  /** The decision object, for the fields no other kind covers; absent for booleans and undefined documents. */
  object?: Record<string, unknown>;
  /** A result that is neither a boolean nor an object (null when boolean, undefined when undefined). */
  other?: unknown;
}

/** The fields the other change kinds look at; the rest of a decision object counts as "other". */
const KNOWN = new Set(['allow', 'reasons', 'require_approval', 'mask']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shapeOf(outcome: Outcome): Shape {
  if (!('defined' in outcome) || !outcome.defined) return { reasons: [], approval: null, mask: null };
  const result = outcome.result;
  if (typeof result === 'boolean')
    return { allow: result, reasons: [], approval: null, mask: null, other: null };
  if (!isObject(result)) return { reasons: [], approval: null, mask: null, other: result };
  const { allow, reasons } = result;
  return {
    allow: typeof allow === 'boolean' ? allow : undefined,
    reasons: Array.isArray(reasons) ? reasons.filter((r): r is string => typeof r === 'string') : [],
    approval: result.require_approval ?? null,
    mask: result.mask ?? null,
    object: result,
  };
}

const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** Same keys (those `skip` does not name) with the same values, in any order. */
function sameEntries(x: Record<string, unknown>, y: Record<string, unknown>, skip?: Set<string>): boolean {
  let keys = 0;
  for (const key in x) {
    if (!own(x, key) || skip?.has(key)) continue;
    if (!own(y, key) || !sameValue(x[key], y[key])) return false;
    keys++;
  }
  for (const key in y) if (own(y, key) && !skip?.has(key)) keys--;
  return keys === 0;
}

/**
 * Equality of JSON values, object keys in any order: what comparing their
 * sorted-key texts says, without building the texts (this runs for every
 * replayed and shadowed decision).
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  return sameEntries(a as Record<string, unknown>, b as Record<string, unknown>);
}

/** The fields no other kind covers, and the reasons: a reworded denial is a change worth seeing. */
function sameRest(before: Shape, after: Shape): boolean {
  if (!before.object || !after.object)
    return !before.object && !after.object && sameValue(before.other, after.other);
  return (
    sameValue(before.object.reasons ?? [], after.object.reasons ?? []) &&
    sameEntries(before.object, after.object, KNOWN)
  );
}

/** The same answer on both sides (most decisions of a replay or a shadow): nothing to look into. */
function sameOutcome(a: Outcome, b: Outcome): boolean {
  if (!('defined' in a) || !('defined' in b)) return false;
  if (!a.defined || !b.defined) return a.defined === b.defined;
  return sameValue(a.result, b.result);
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
  if (sameOutcome(recorded, candidate)) return { changes: [], reasons: {} };
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
  } else if (approvalBefore && !sameValue(before.approval, after.approval)) {
    changes.push('approval_changed');
    reasons.approval_changed = approvalReason(after.approval);
  }
  if (!sameValue(before.mask, after.mask)) changes.push('mask_changed');
  if (changes.length === 0 && !sameRest(before, after)) {
    changes.push('other_changed');
    reasons.other_changed = after.reasons;
  }
  return { changes, reasons };
}
