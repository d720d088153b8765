import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export type LockResult = { release(): void } | { owner: number };

/**
 * A lock file holding the owner's pid, so one process at a time writes a
 * directory (a spool, a file sink). A lock left by a process that is gone
 * is taken over. Throws on file-system errors other than "exists".
 */
export function takeLock(path: string): LockResult {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      return {
        release() {
          closeSync(fd);
          try {
            unlinkSync(path);
          } catch {
            // already gone
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let owner: number;
    try {
      owner = Number(readFileSync(path, 'utf8').trim());
    } catch {
      continue; // removed meanwhile: try again
    }
    if (Number.isInteger(owner) && owner > 0 && pidAlive(owner)) return { owner };
    try {
      unlinkSync(path);
    } catch {
      // removed meanwhile
    }
  }
  throw new Error(`${path}: the lock keeps changing hands`);
}
