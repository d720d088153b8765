/**
 * `portcullis fmt`: formats Rego files as `opa fmt` does. Without an
 * option the formatted text goes to stdout; `--write` rewrites the files
 * that change, `--list` names them, `--diff` shows how.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { PortcullisError } from '../common/errors.js';
import { unifiedDiff } from '../compiler/format/diff.js';
import { formatSource } from '../compiler/format/index.js';
import { regoFilesUnder } from './rego-files.js';

export interface FmtCommandOptions {
  write?: boolean;
  list?: boolean;
  diff?: boolean;
  fail?: boolean;
  v0Compatible?: boolean;
}

/** Formats the files (or stdin); answers the exit code: 1 when a file does not parse, 2 with --fail and changes. */
export function runFmtCommand(paths: string[], options: FmtCommandOptions): number {
  const regoVersion = options.v0Compatible ? 'v0' : 'v1';
  if (paths.length === 0) {
    if (options.write || options.list) {
      throw new PortcullisError('invalid_argument', '--write and --list need file or directory paths');
    }
    const source = readFileSync(0, 'utf8');
    const formatted = formatSource(source, 'stdin', { regoVersion });
    process.stdout.write(options.diff ? unifiedDiff('stdin', source, formatted) : formatted);
    return options.fail && formatted !== source ? 2 : 0;
  }
  const files = regoFilesUnder(paths);
  let changed = 0;
  let failed = 0;
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    let formatted: string;
    try {
      formatted = formatSource(source, file, { regoVersion });
    } catch (err) {
      process.stderr.write(`${(err as Error).message}\n`);
      failed++;
      continue;
    }
    if (formatted !== source) changed++;
    if (options.list && formatted !== source) process.stdout.write(`${file}\n`);
    if (options.diff) process.stdout.write(unifiedDiff(file, source, formatted));
    if (options.write && formatted !== source) writeFileSync(file, formatted);
    if (!options.list && !options.diff && !options.write) process.stdout.write(formatted);
  }
  if (failed > 0) return 1;
  return options.fail && changed > 0 ? 2 : 0;
}
