// regex.match without the host: a literal pattern is a byte search; a pattern in the policy's
// regex table (DFAs built at compile time, layout in services/compiler/wasm/regex/table.ts) runs
// its DFA over the text's bytes. Anything else answers HOST_FALLBACK and the generated code asks
// the host builtin, which also gives the errors (invalid patterns, operands that are not strings).
import { HOST_FALLBACK } from '../host-fallback';
import { opa_boolean, strLen, strPtr } from '../value';
import { findBytes, isString } from './text';

/** Cells of a DFA row (u16) that end the search: a match, no match possible. */
const CELL_MATCH: u32 = 0xffff;
const CELL_DEAD: u32 = 0xfffe;
const TABLE_ENTRY = 12;
const DFA_CLASSES = 8;
const DFA_ROWS = DFA_CLASSES + 256;

/** Whether the pattern has none of Go's metacharacters `\.+*?()|[]{}^$`: then it matches as text. */
function isLiteral(p: usize, n: usize): bool {
  for (let i: usize = 0; i < n; i++) {
    const c = load<u8>(p + i);
    if (c == 0x5c || c == 0x2e || c == 0x2b || c == 0x2a || c == 0x3f || c == 0x28 || c == 0x29) return false;
    if (c == 0x7c || c == 0x5b || c == 0x5d || c == 0x7b || c == 0x7d || c == 0x5e || c == 0x24) return false;
  }
  return true;
}

/** The DFA of the table's entry whose pattern has the n bytes at p, or 0. */
function lookup(table: usize, p: usize, n: usize): usize {
  const count = load<u32>(table);
  for (let i: u32 = 0; i < count; i++) {
    const entry = table + 4 + <usize>i * TABLE_ENTRY;
    if (<usize>load<u32>(entry) != n) continue;
    if (memory.compare(table + <usize>load<u32>(entry, 4), p, n) == 0)
      return table + <usize>load<u32>(entry, 8);
  }
  return 0;
}

function dfaMatches(dfa: usize, p: usize, n: usize): bool {
  const width = <usize>load<u32>(dfa);
  const classes = dfa + DFA_CLASSES;
  const rows = dfa + DFA_ROWS;
  let row = <usize>load<u32>(dfa, 4);
  for (let i: usize = 0; i < n; i++) {
    const c = <usize>load<u8>(classes + <usize>load<u8>(p + i));
    const next = <u32>load<u16>(rows + ((row + c) << 1));
    if (next >= CELL_DEAD) return next == CELL_MATCH;
    row = <usize>next;
  }
  return <u32>load<u16>(rows + ((row + width - 1) << 1)) == CELL_MATCH;
}

/** `regex.match(pattern, value)` with the policy's regex table (0: none); HOST_FALLBACK when the host must answer. */
export function opa_regex_match(table: usize, pattern: usize, value: usize): usize {
  if (!isString(pattern) || !isString(value)) return HOST_FALLBACK;
  const pp = strPtr(pattern);
  const pn = strLen(pattern);
  if (table != 0) {
    const dfa = lookup(table, pp, pn);
    if (dfa != 0) return opa_boolean(dfaMatches(dfa, strPtr(value), strLen(value)));
  }
  if (isLiteral(pp, pn)) return opa_boolean(findBytes(strPtr(value), strLen(value), pp, pn, 0) >= 0);
  return HOST_FALLBACK;
}
