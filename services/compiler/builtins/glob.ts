/**
 * `glob.match` and `glob.quote_meta` with gobwas/glob semantics (OPA
 * `glob.go`): `*` stops at delimiters, `**` does not, `?` is one
 * non-delimiter character, `[a-z]` / `[!a-z]` classes, `{a,b}` alternatives.
 */
import { BuiltinFailure } from './errors.js';
import { operandElementError, operandTypeError, stringOperand } from './operands.js';
import { compileGoRegex } from './regex.js';
import type { GoRegex } from './regex.js';
import { register } from './registry.js';

function escapeForClass(s: string): string {
  return s.replace(/[\\\]^-]/g, '\\$&');
}

function escapeRegex(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$/]/g, '\\$&');
}

/** Translates a glob into an anchored regular expression source. */
export function globToRegex(pattern: string, delimiters: string[]): string {
  const notDelim = delimiters.length > 0 ? `[^${escapeForClass(delimiters.join(''))}]` : '[\\s\\S]';
  const chars = Array.from(pattern);
  let i = 0;
  const parse = (inTerms: boolean): string => {
    let out = '';
    while (i < chars.length) {
      const c = chars[i];
      if (inTerms && (c === ',' || c === '}')) return out;
      i++;
      switch (c) {
        case '\\':
          if (i >= chars.length) throw new BuiltinFailure('unexpected end of input');
          out += escapeRegex(chars[i++]);
          break;
        case '*':
          if (chars[i] === '*') {
            i++;
            out += '[\\s\\S]*';
          } else out += `${notDelim}*`;
          break;
        case '?':
          out += notDelim;
          break;
        case '[': {
          const negate = chars[i] === '!';
          if (negate) i++;
          let cls = '';
          while (i < chars.length && chars[i] !== ']') {
            if (chars[i + 1] === '-' && chars[i + 2] !== undefined && chars[i + 2] !== ']') {
              cls += `${escapeForClass(chars[i])}-${escapeForClass(chars[i + 2])}`;
              i += 3;
            } else cls += escapeForClass(chars[i++]);
          }
          if (i >= chars.length) throw new BuiltinFailure('unexpected end of input');
          i++;
          out += negate ? `[^${cls}]` : `[${cls}]`;
          break;
        }
        case '{': {
          const alternatives: string[] = [];
          for (;;) {
            alternatives.push(parse(true));
            if (i >= chars.length) throw new BuiltinFailure('unexpected end of input');
            if (chars[i++] === '}') break;
          }
          out += `(?:${alternatives.join('|')})`;
          break;
        }
        default:
          out += escapeRegex(c);
      }
    }
    return out;
  };
  return `^${parse(false)}$`;
}

const cache = new Map<string, GoRegex>();

function delimitersOperand(value: unknown): string[] {
  if (value === null) return [];
  if (!Array.isArray(value)) throw operandTypeError(2, value, 'array', 'null');
  const delims = value.map((d: unknown) => {
    if (typeof d !== 'string') throw operandElementError(2, d, 'string');
    if (Array.from(d).length !== 1) throw operandElementError(2, d, 'rune');
    return d;
  });
  return delims.length === 0 ? ['.'] : delims;
}

register('glob', {
  'glob.match'(pattern, delimiters, value) {
    const pat = stringOperand(pattern, 1);
    const delims = delimitersOperand(delimiters);
    const str = stringOperand(value, 3);
    // Unambiguous: joined with a separator, a pattern holding that separator would meet another's delimiters.
    const key = JSON.stringify([pat, delims]);
    let re = cache.get(key);
    if (!re) {
      // Compiled by RE2 (see regex.ts): `*a*a*a*b` would backtrack polynomially in JavaScript's engine.
      re = compileGoRegex(globToRegex(pat, delims));
      if (cache.size > 1000) cache.clear();
      cache.set(key, re);
    }
    return re.test(str);
  },
  'glob.quote_meta': (s) => stringOperand(s, 1).replace(/[*?\\[\]{}]/g, '\\$&'),
});
