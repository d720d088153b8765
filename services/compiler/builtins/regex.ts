/**
 * Regular expression builtins (OPA `regex.go`) on JavaScript's engine, with
 * Go RE2 syntax translated: leading flag groups, `(?P<name>`, `\A`, `\z`,
 * POSIX classes. Matching follows Go's rules for repeated matches (an empty
 * match right after a previous match is skipped).
 */
import { BuiltinFailure } from './errors.js';
import { intOperand, stringOperand } from './operands.js';
import { register } from './registry.js';

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const cache = new Map<string, RegExp>();

/** Compiles a Go (RE2) pattern; throws OPA's `error parsing regexp` failure when invalid. */
export function compileGoRegex(pattern: string): RegExp {
  const hit = cache.get(pattern);
  if (hit) return hit;
  let src = pattern;
  let flags = 'g';
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead) {
    if (lead[1].includes('U'))
      throw new BuiltinFailure('error parsing regexp: ungreedy flag (?U) is not supported');
    for (const f of lead[1]) if (!flags.includes(f)) flags += f;
    src = src.slice(lead[0].length);
  }
  src = src
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$(?![\\s\\S])')
    .replace(/\[:(\^?)([a-z]+):\]/g, (whole, neg: string, name: string) => {
      const cls = POSIX_CLASSES[name];
      if (!cls) return whole;
      if (neg)
        throw new BuiltinFailure(`error parsing regexp: negated POSIX class not supported: \`${whole}\``);
      return cls;
    })
    .replace(/\\p([A-Z])/g, '\\p{$1}')
    .replace(/\\P([A-Z])/g, '\\P{$1}');
  let re: RegExp;
  try {
    re = new RegExp(src, `${flags}u`);
  } catch {
    try {
      re = new RegExp(src, flags);
    } catch (err) {
      throw new BuiltinFailure(`error parsing regexp: ${(err as Error).message}`);
    }
  }
  if (cache.size > 1000) cache.clear();
  cache.set(pattern, re);
  return re;
}

/** Go's `FindAll...Submatch` walk: up to `n` matches (`n` < 0 for all). */
export function goFindAll(re: RegExp, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  if (n === 0) return out;
  const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  let prevEnd = -1;
  let m: RegExpExecArray | null;
  while ((m = global.exec(s)) !== null) {
    const end = m.index + m[0].length;
    if (m[0].length === 0) {
      const step = s.codePointAt(m.index) !== undefined && (s.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1;
      global.lastIndex = m.index + step;
      if (m.index === prevEnd) continue;
    }
    out.push(m);
    prevEnd = end;
    if (n > 0 && out.length >= n) break;
    if (global.lastIndex > s.length) break;
  }
  return out;
}

/** Go's `Regexp.Expand` template: `$1`, `$name`, `${name}`, `$$`. */
function expand(template: string, m: RegExpExecArray): string {
  return template.replace(
    /\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g,
    (_w, all: string, braced?: string, bare?: string) => {
      if (all === '$') return '$';
      const name = braced ?? bare ?? '';
      if (/^\d+$/.test(name)) return m[Number(name)] ?? '';
      return m.groups?.[name] ?? '';
    },
  );
}

function goSplit(re: RegExp, s: string): string[] {
  if (s === '') return [''];
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of goFindAll(re, s, -1)) {
    end = m.index;
    if (m.index + m[0].length !== 0) out.push(s.slice(beg, end));
    beg = m.index + m[0].length;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** `regex.template_match`: literal text with regular expressions between the delimiters. */
function templateRegex(template: string, open: string, close: string): RegExp {
  let src = '^';
  let i = 0;
  while (i < template.length) {
    const start = template.indexOf(open, i);
    if (start < 0) {
      src += quoteMeta(template.slice(i));
      break;
    }
    src += quoteMeta(template.slice(i, start));
    let depth = 0;
    let j = start;
    for (; j < template.length; j++) {
      if (template.startsWith(open, j)) depth++;
      else if (template.startsWith(close, j)) {
        depth--;
        if (depth === 0) break;
      }
    }
    if (depth !== 0) throw new BuiltinFailure(`unbalanced braces in ${JSON.stringify(template)}`);
    src += `(?:${template.slice(start + open.length, j)})`;
    i = j + close.length;
  }
  return compileGoRegex(`${src}$`);
}

function matches(pattern: unknown, value: unknown): boolean {
  const re = compileGoRegex(stringOperand(pattern, 1));
  re.lastIndex = 0;
  const ok = re.test(stringOperand(value, 2));
  re.lastIndex = 0;
  return ok;
}

register({
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
    return goFindAll(re, stringOperand(value, 2), intOperand(n, 3)).map((m) => m[0]);
  },
  'regex.find_all_string_submatch_n'(pattern, value, n) {
    const re = compileGoRegex(stringOperand(pattern, 1));
    return goFindAll(re, stringOperand(value, 2), intOperand(n, 3)).map((m) => Array.from(m, (g) => g ?? ''));
  },
  'regex.replace'(s, pattern, value) {
    const str = stringOperand(s, 1);
    const re = compileGoRegex(stringOperand(pattern, 2));
    const template = stringOperand(value, 3);
    let out = '';
    let last = 0;
    for (const m of goFindAll(re, str, -1)) {
      out += str.slice(last, m.index) + expand(template, m);
      last = m.index + m[0].length;
    }
    return out + str.slice(last);
  },
  'regex.split': (pattern, s) => goSplit(compileGoRegex(stringOperand(pattern, 1)), stringOperand(s, 2)),
  'regex.template_match'(template, value, open, close) {
    const re = templateRegex(stringOperand(template, 1), stringOperand(open, 3), stringOperand(close, 4));
    re.lastIndex = 0;
    return re.test(stringOperand(value, 2));
  },
});
