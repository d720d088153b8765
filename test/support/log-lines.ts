import { Writable } from 'node:stream';

type Line = Record<string, unknown>;

export interface LogCollector {
  stream: Writable;
  lines: Line[];
  /** Everything written, as text (for pretty output). */
  text(): string;
  /** Resolves with the lines once `count` lines match `predicate` (log lines may follow the answer). */
  waitFor(predicate: (line: Line) => boolean, count?: number): Promise<Line[]>;
}

/** A destination that keeps every JSON log line written to it, parsed. */
export function logCollector(): LogCollector {
  const lines: Line[] = [];
  const waiters: (() => void)[] = [];
  let raw = '';
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      raw += String(chunk);
      for (const line of String(chunk).split('\n'))
        if (line.trim().startsWith('{')) lines.push(JSON.parse(line));
      for (const wake of waiters.splice(0)) wake();
      callback();
    },
  });
  const waitFor = (predicate: (line: Line) => boolean, count = 1): Promise<Line[]> =>
    new Promise((resolve) => {
      const check = () => {
        const found = lines.filter(predicate);
        if (found.length >= count) resolve(found);
        else waiters.push(check);
      };
      check();
    });
  return { stream, lines, text: () => raw, waitFor };
}
