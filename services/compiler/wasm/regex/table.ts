/**
 * The policy's regex table: the string constants that may reach
 * `regex.match` as patterns, each with its search DFA, laid out as i32
 * words for the module's static data. The runtime (`builtins/regex.ts`)
 * looks a pattern up by its bytes and runs the DFA; a pattern that is not
 * in the table goes to the host builtin.
 *
 * Layout (byte offsets from the table's start, fields i32 unless said):
 *
 *   0              count
 *   4 + 12 i       pattern length, pattern offset, DFA offset   (entry i)
 *   …              pattern bytes, each padded to 4
 *   DFA            row width W (classes + 1), start row, 256 class bytes,
 *                  then rows of W u16 cells: the next row (its first
 *                  cell's index), or 0xFFFF match, 0xFFFE dead; column
 *                  W - 1 is the end of text. Padded to 4.
 */
import { RE2JS } from 're2js';
import { buildDfa, DEAD, MATCH, type Dfa } from './dfa.js';
import { buildNfa } from './nfa.js';
import { parseRegex, UnsupportedRegex } from './syntax.js';

/** Bytes of table the module may carry in all (above it, patterns go to the host). */
export const REGEX_TABLE_BUDGET = 256 * 1024;

/** Characters that make a pattern more than literal text; patterns without them the runtime searches as text. */
const META = /[\\.+*?()|[\]{}^$]/;

const utf8 = new TextEncoder();

export function isLiteralPattern(pattern: string): boolean {
  return !META.test(pattern);
}

/**
 * The DFA of a pattern Go accepts and the in-module matcher supports, or
 * undefined (invalid patterns keep their error from the host builtin).
 */
export function compileRegexDfa(pattern: string): Dfa | undefined {
  let dfa: Dfa;
  try {
    dfa = buildDfa(buildNfa(parseRegex(pattern)));
  } catch (err) {
    if (err instanceof UnsupportedRegex) return undefined;
    throw err;
  }
  try {
    RE2JS.compile(pattern);
  } catch {
    return undefined;
  }
  return dfa;
}

/** Cell values past the last row index a table can address. */
const CELL_MATCH = 0xffff;
const CELL_DEAD = 0xfffe;

/** The DFA's words, or undefined when its cells cannot be addressed in 16 bits. */
function dfaWords(dfa: Dfa): number[] | undefined {
  const width = dfa.classCount + 1;
  if (dfa.transitions.length * width >= CELL_DEAD) return undefined;
  const words = [width, dfa.start * width];
  for (let i = 0; i < 256; i += 4) {
    const c = dfa.classOf;
    words.push(c[i] | (c[i + 1] << 8) | (c[i + 2] << 16) | (c[i + 3] << 24));
  }
  const cells = dfa.transitions.flatMap((row) =>
    row.map((t) => (t === MATCH ? CELL_MATCH : t === DEAD ? CELL_DEAD : t * width)),
  );
  for (let i = 0; i < cells.length; i += 2) words.push(cells[i] | ((cells[i + 1] ?? 0) << 16) | 0);
  return words;
}

function textWords(bytes: Uint8Array): number[] {
  const words: number[] = [];
  for (let i = 0; i < bytes.length; i += 4)
    words.push((bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)) >>> 0);
  return words.map((w) => w | 0);
}

export interface RegexTable {
  /** The table as little-endian i32 words. */
  words: number[];
  /** The patterns it holds, in table order. */
  patterns: string[];
}

/**
 * The table for the given constants: those with pattern syntax that Go
 * accepts and the matcher supports, within `budget` bytes in all (a pattern
 * that would pass it is skipped; smaller ones after it may still fit).
 */
export function buildRegexTable(constants: readonly string[], budget = REGEX_TABLE_BUDGET): RegexTable {
  const chosen: Array<{ pattern: string; bytes: Uint8Array; dfa: number[] }> = [];
  let size = 4;
  for (const pattern of new Set(constants)) {
    if (isLiteralPattern(pattern)) continue;
    const dfa = compileRegexDfa(pattern);
    if (!dfa) continue;
    const bytes = utf8.encode(pattern);
    const words = dfaWords(dfa);
    if (!words) continue;
    const cost = 12 + Math.ceil(bytes.length / 4) * 4 + words.length * 4;
    if (size + cost > budget) continue;
    size += cost;
    chosen.push({ pattern, bytes, dfa: words });
  }
  const words: number[] = [chosen.length];
  const entryAt = words.length;
  for (let i = 0; i < chosen.length; i++) words.push(0, 0, 0);
  chosen.forEach((c, i) => {
    words[entryAt + 3 * i] = c.bytes.length;
    words[entryAt + 3 * i + 1] = words.length * 4;
    words.push(...textWords(c.bytes));
  });
  chosen.forEach((c, i) => {
    words[entryAt + 3 * i + 2] = words.length * 4;
    for (const w of c.dfa) words.push(w);
  });
  return { words, patterns: chosen.map((c) => c.pattern) };
}

/** Runs a DFA over UTF-8 bytes as the runtime does (for tests and tools). */
export function dfaMatches(dfa: Dfa, text: string): boolean {
  let state = dfa.start;
  for (const byte of utf8.encode(text)) {
    const next = dfa.transitions[state][dfa.classOf[byte]];
    if (next < 0) return next === MATCH;
    state = next;
  }
  return dfa.transitions[state][dfa.classCount] === MATCH;
}
