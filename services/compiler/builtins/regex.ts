/**
 * Regular expression builtins (OPA `regex.go`) on re2js, a JavaScript port
 * of Go's `regexp` (RE2): the same syntax (`(?P<name>`, `(?U)`, `\z`, POSIX
 * classes, Unicode classes), Go's parse error texts, leftmost-first matches
 * and Go's rule for repeated matches (an empty match right after a previous
 * match is skipped).
 *
 * Why not JavaScript's `RegExp`: it backtracks, so a pattern such as
 * `^(a+)+$` takes exponential time on a short non-matching input, and policy
 * patterns often meet request text. RE2 runs in time linear in the input,
 * as OPA's engine does. re2js rather than the `re2` native binding: pure
 * JavaScript, so nothing to build per platform and it loads in evaluation
 * worker threads as it is; its error texts are Go's, which OPA prints.
 *
 * Every builtin that compiles a pattern from policy or input text goes
 * through `compileGoRegex` (also `glob.match` and `json.match_schema`).
 * Offsets are JavaScript string offsets (UTF-16 units), so `slice` applies.
 */
import { RE2JS, RE2JSException } from 're2js';
import { BuiltinFailure } from './errors.js';
import { intOperand, stringOperand } from './operands.js';
import { register } from './registry.js';

/** A compiled Go pattern (re2js). `test` is an unanchored search, as Go's `MatchString`. */
export type GoRegex = RE2JS;

/** As OPA's cache: compiled patterns are reused across calls, a bounded number of them. */
const CACHE_LIMIT = 1000;
const cache = new Map<string, GoRegex>();

/** Compiles a Go (RE2) pattern; throws OPA's `error parsing regexp: ...` failure when invalid. */
export function compileGoRegex(pattern: string): GoRegex {
  const hit = cache.get(pattern);
  if (hit) return hit;
  let re: GoRegex;
  try {
    re = RE2JS.compile(pattern);
  } catch (err) {
    if (err instanceof RE2JSException) throw new BuiltinFailure(err.message);
    throw err;
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, re);
  return re;
}

/**
 * Go's `FindAllStringSubmatchIndex(s, n)`: up to `n` matches (`n` < 0 for
 * all), each `[start, end, group1Start, group1End, ...]` with -1 for a group
 * that did not take part.
 */
export function goFindAll(re: GoRegex, s: string, n: number): number[][] {
  if (n === 0) return [];
  return (re.re2().findAllSubmatchIndex(s, n) as number[][] | null) ?? [];
}

function group(s: string, match: number[], index: number): string {
  const start = match[2 * index];
  return start === undefined || start < 0 ? '' : s.slice(start, match[2 * index + 1]);
}

const NAME_CHAR = /^[\p{L}\p{Nd}_]$/u;

/**
 * Go's `Regexp.Expand`: `$name` takes the longest run of letters, digits and
 * `_`; `${name}` is braced; `$$` is a dollar; a malformed reference keeps its
 * `$`; an unknown name or out-of-range number expands to nothing.
 */
function expand(re: GoRegex, template: string, s: string, match: number[]): string {
  const named = re.namedGroups();
  let out = '';
  let i = 0;
  for (;;) {
    const dollar = template.indexOf('$', i);
    if (dollar < 0) return out + template.slice(i);
    out += template.slice(i, dollar);
    i = dollar + 1;
    if (template[i] === '$') {
      out += '$';
      i++;
      continue;
    }
    const braced = template[i] === '{';
    let j = braced ? i + 1 : i;
    let name = '';
    for (const ch of template.slice(j)) {
      if (!NAME_CHAR.test(ch)) break;
      name += ch;
    }
    j += name.length;
    if (name === '' || (braced && template[j] !== '}')) {
      out += '$';
      continue;
    }
    i = braced ? j + 1 : j;
    // Go reads up to nine digits without a leading zero as a group number, anything else as a name.
    const number = /^(0|[1-9]\d{0,8})$/.test(name) ? Number(name) : -1;
    const index = number >= 0 ? number : Object.hasOwn(named, name) ? named[name] : undefined;
    if (index !== undefined && 2 * index < match.length) out += group(s, match, index);
  }
}

/** Go's `Regexp.Split(s, -1)`. */
function goSplit(re: GoRegex, pattern: string, s: string): string[] {
  if (pattern !== '' && s === '') return [''];
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const match of goFindAll(re, s, -1)) {
    end = match[0];
    if (match[1] !== 0) out.push(s.slice(beg, end));
    beg = match[1];
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** Go's `regexp.QuoteMeta`. */
function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/**
 * `regex.template_match` (OPA's `compileRegexTemplate`): literal text with
 * patterns between one-byte delimiters, each pattern checked on its own and
 * then captured in one anchored expression.
 */
function templateRegex(template: string, open: string, close: string): GoRegex {
  const unbalanced = () => new BuiltinFailure(`unbalanced braces in ${JSON.stringify(template)}`);
  let src = '^';
  let level = 0;
  let literalFrom = 0;
  let patternFrom = 0;
  for (let i = 0; i < template.length; i++) {
    if (template[i] === open) {
      level++;
      if (level === 1) patternFrom = i;
    } else if (template[i] === close) {
      level--;
      if (level < 0) throw unbalanced();
      if (level === 0) {
        const inner = template.slice(patternFrom + 1, i);
        compileGoRegex(`^${inner}$`);
        src += `${quoteMeta(template.slice(literalFrom, patternFrom))}(${inner})`;
        literalFrom = i + 1;
      }
    }
  }
  if (level !== 0) throw unbalanced();
  return compileGoRegex(`${src}${quoteMeta(template.slice(literalFrom))}$`);
}

function delimiterOperand(value: unknown, position: number, reportedLength: number): string {
  const text = stringOperand(value, position);
  if (Buffer.byteLength(text) !== 1) {
    const which = position === 3 ? 'start' : 'end';
    throw new BuiltinFailure(
      `${which} delimiter has to be exactly one character long but is ${reportedLength} long`,
    );
  }
  return text;
}

function matches(pattern: unknown, value: unknown): boolean {
  const re = compileGoRegex(stringOperand(pattern, 1));
  return re.test(stringOperand(value, 2));
}

register('regex', {
  'regex.match': matches,
  re_match: matches,
  'regex.is_valid'(pattern) {
    if (typeof pattern !== 'string') return false;
    try {
      compileGoRegex(pattern);
      return true;
    } catch {
      return false;
    }
  },
  'regex.find_n'(pattern, value, n) {
    const re = compileGoRegex(stringOperand(pattern, 1));
    const s = stringOperand(value, 2);
    return goFindAll(re, s, intOperand(n, 3)).map((m) => s.slice(m[0], m[1]));
  },
  'regex.find_all_string_submatch_n'(pattern, value, n) {
    const re = compileGoRegex(stringOperand(pattern, 1));
    const s = stringOperand(value, 2);
    return goFindAll(re, s, intOperand(n, 3)).map((m) =>
      Array.from({ length: m.length / 2 }, (_, i) => group(s, m, i)),
    );
  },
  'regex.replace'(base, pattern, value) {
    const s = stringOperand(base, 1);
    const re = compileGoRegex(stringOperand(pattern, 2));
    const template = stringOperand(value, 3);
    let out = '';
    let last = 0;
    for (const m of goFindAll(re, s, -1)) {
      out += s.slice(last, m[0]) + expand(re, template, s, m);
      last = m[1];
    }
    return out + s.slice(last);
  },
  'regex.split'(pattern, value) {
    const text = stringOperand(pattern, 1);
    return goSplit(compileGoRegex(text), text, stringOperand(value, 2));
  },
  'regex.template_match'(template, value, open, close) {
    const tpl = stringOperand(template, 1);
    const s = stringOperand(value, 2);
    const start = delimiterOperand(open, 3, Buffer.byteLength(stringOperand(open, 3)));
    // OPA reports the start delimiter's length in the end delimiter's error too.
    const end = delimiterOperand(close, 4, Buffer.byteLength(start));
    return templateRegex(tpl, start, end).test(s);
  },
});
