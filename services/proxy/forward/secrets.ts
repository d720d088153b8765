import { readFileSync, statSync } from 'node:fs';
import type { SecretSource } from '../config.js';
import { ProxyError } from '../errors.js';

/**
 * The caller gets the generic answer; where the secret lives (a file path, an
 * environment variable name) stays in `cause`, for the log.
 */
function unavailable(detail: Error): ProxyError {
  return new ProxyError('credential_unavailable', undefined, { cause: detail });
}

/**
 * Reads a secret from an environment variable (each time, so a changed
 * variable is seen) or a file (re-read when its mtime or size changes).
 * A trailing newline in the file is dropped.
 */
export class SecretReader {
  private cached: { mtimeMs: number; size: number; value: string } | undefined;

  constructor(
    private readonly source: SecretSource,
    private readonly what: string,
  ) {}

  read(): string {
    if ('env' in this.source) {
      const value = process.env[this.source.env];
      if (value === undefined || value === '') {
        throw unavailable(new Error(`${this.what}: environment variable ${this.source.env} is not set`));
      }
      return value;
    }
    const file = this.source.file;
    try {
      const stat = statSync(file);
      if (this.cached && this.cached.mtimeMs === stat.mtimeMs && this.cached.size === stat.size)
        return this.cached.value;
      const value = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
      if (value === '') throw new Error('empty');
      this.cached = { mtimeMs: stat.mtimeMs, size: stat.size, value };
      return value;
    } catch (err) {
      throw unavailable(
        new Error(`${this.what}: cannot read ${file}: ${(err as Error).message}`, { cause: err }),
      );
    }
  }
}
