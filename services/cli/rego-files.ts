import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PortcullisError } from '../common/errors.js';

/**
 * The `.rego` files `fmt` and `check` work on: a file given as is, every
 * `.rego` file below a directory (in name order; entries starting with a
 * dot and `node_modules` skipped, as the policy loader skips them).
 */
export function regoFilesUnder(paths: string[]): string[] {
  const out: string[] = [];
  const visit = (path: string) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw new PortcullisError('policy_path_missing', `${path}: no such file or directory`);
    }
    if (stat.isFile()) {
      out.push(path);
      return;
    }
    const entries = readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const child = join(path, entry.name);
      if (entry.isDirectory()) visit(child);
      else if (entry.name.endsWith('.rego')) out.push(child);
    }
  };
  for (const path of paths) visit(path);
  return out;
}
