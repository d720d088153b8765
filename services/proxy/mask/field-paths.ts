import { ProxyError } from '../errors.js';

/**
 * Field-path globs over JSON: `user.password`, `users[*].ssn`, `*.token`
 * (`*` is one key or array index), `**.password` (any depth, including the
 * top), `card_*` (a glob inside a key), `items[0].secret` (one index).
 */
type Step =
  | { kind: 'any' }
  | { kind: 'key'; test: (key: string) => boolean; exact?: string }
  | { kind: 'index'; index: number | '*' }
  | { kind: 'deep' };

export type FieldPath = Step[];
export type PathKey = string | number;

function keyTest(pattern: string): (key: string) => boolean {
  if (!pattern.includes('*')) return (key) => key === pattern;
  const parts = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  const regex = new RegExp('^' + parts.join('.*') + '$');
  return (key) => regex.test(key);
}

function malformed(glob: string, why: string): ProxyError {
  return new ProxyError('decision_invalid', `mask field path ${JSON.stringify(glob)}: ${why}`);
}

/**
 * Policies send the same globs with every decision, so parsed paths are kept
 * (they are never mutated); a policy that invents globs per request only
 * empties the bounded cache now and then.
 */
const parsedPaths = new Map<string, FieldPath>();
const PARSED_PATHS_MAX = 1024;

export function parseFieldPath(glob: string): FieldPath {
  let path = parsedPaths.get(glob);
  if (path) return path;
  path = compileFieldPath(glob);
  if (parsedPaths.size >= PARSED_PATHS_MAX) parsedPaths.clear();
  parsedPaths.set(glob, path);
  return path;
}

function compileFieldPath(glob: string): FieldPath {
  if (!/^(?:[^.[\]]+|\[[^\]]*\])(?:\.[^.[\]]+|\[[^\]]*\])*$/.test(glob)) throw malformed(glob, 'malformed');
  const steps: Step[] = [];
  for (const token of glob.match(/\[[^\]]*\]|[^.[\]]+/g) ?? []) {
    if (token.startsWith('[')) {
      const inner = token.slice(1, -1);
      if (inner === '*') steps.push({ kind: 'index', index: '*' });
      else if (/^\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
      else throw malformed(glob, `bad index ${token}`);
    } else if (token === '**') steps.push({ kind: 'deep' });
    else if (token === '*') steps.push({ kind: 'any' });
    else steps.push({ kind: 'key', test: keyTest(token), exact: token.includes('*') ? undefined : token });
  }
  return steps;
}

function stepMatches(step: Step, key: PathKey): boolean {
  switch (step.kind) {
    case 'any':
      return true;
    case 'index':
      return typeof key === 'number' && (step.index === '*' || step.index === key);
    case 'key':
      return typeof key === 'string' && step.test(key);
    case 'deep':
      return false;
  }
}

/** True when the concrete path (keys and indices) matches the glob exactly. */
export function pathMatches(glob: FieldPath, path: readonly PathKey[]): boolean {
  // Most globs end in a plain key (`**.password`): only a path ending in that key can match.
  const last = glob[glob.length - 1];
  if (last.kind === 'key' && last.exact !== undefined && path[path.length - 1] !== last.exact) return false;
  return matchesFrom(glob, path, 0, 0);
}

function matchesFrom(glob: FieldPath, path: readonly PathKey[], g: number, p: number): boolean {
  if (g === glob.length) return p === path.length;
  const step = glob[g];
  if (step.kind === 'deep') {
    for (let next = p; next <= path.length; next++) if (matchesFrom(glob, path, g + 1, next)) return true;
    return false;
  }
  return p < path.length && stepMatches(step, path[p]) && matchesFrom(glob, path, g + 1, p + 1);
}
