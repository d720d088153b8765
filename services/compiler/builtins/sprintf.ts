/**
 * `sprintf` with Go's `fmt` semantics, fed the way OPA feeds it (`strings.go`
 * builtinSprintf): integers as big integers, other numbers as float64,
 * strings as strings, every other value as its Rego text.
 */
import { arrayOperand, stringOperand } from './operands.js';
import { register } from './registry.js';
import { formatFloat, goQuote, regoString } from './goformat.js';
import { NumberText } from './values.js';
import type { Value } from './values.js';

type Arg =
  { kind: 'int'; value: bigint } | { kind: 'float'; value: number } | { kind: 'string'; value: string };

function toArg(value: Value): Arg {
  if (typeof value === 'bigint') return { kind: 'int', value };
  if (typeof value === 'number') {
    return Number.isInteger(value) ? { kind: 'int', value: BigInt(value) } : { kind: 'float', value };
  }
  if (typeof value === 'string') return { kind: 'string', value };
  // OPA formats a number that is neither an integer nor a float64 as its text.
  if (value instanceof NumberText) return { kind: 'string', value: value.text };
  return { kind: 'string', value: regoString(value) };
}

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  prec?: number;
  verb: string;
}

function goTypeName(arg: Arg): string {
  return arg.kind === 'int' ? '*big.Int' : arg.kind === 'float' ? 'float64' : 'string';
}

function plainText(arg: Arg): string {
  if (arg.kind === 'int') return arg.value.toString();
  if (arg.kind === 'float') return formatFloat(arg.value, 'g', -1);
  return arg.value;
}

function badVerb(spec: Spec, arg: Arg): string {
  return `%!${spec.verb}(${goTypeName(arg)}=${plainText(arg)})`;
}

function pad(body: string, spec: Spec, numeric: boolean): string {
  const width = spec.width ?? 0;
  if (body.length >= width) return body;
  if (spec.minus) return body.padEnd(width, ' ');
  if (spec.zero && numeric) {
    const sign = /^[+\- ]/.test(body) ? body[0] : '';
    return sign + body.slice(sign.length).padStart(width - sign.length, '0');
  }
  return body.padStart(width, ' ');
}

function withSign(text: string, spec: Spec): string {
  if (text.startsWith('-')) return text;
  if (spec.plus) return `+${text}`;
  if (spec.space) return ` ${text}`;
  return text;
}

function formatInt(n: bigint, spec: Spec): string {
  const radix = { d: 10, v: 10, s: 10, x: 16, X: 16, o: 8, O: 8, b: 2 }[spec.verb];
  if (!radix) return badVerb(spec, { kind: 'int', value: n });
  const neg = n < 0n;
  let digits = (neg ? -n : n).toString(radix);
  if (spec.verb === 'X') digits = digits.toUpperCase();
  if (spec.prec !== undefined) digits = spec.prec === 0 && n === 0n ? '' : digits.padStart(spec.prec, '0');
  let prefix = '';
  if (spec.sharp || spec.verb === 'O') {
    if (spec.verb === 'x') prefix = '0x';
    else if (spec.verb === 'X') prefix = '0X';
    else if (spec.verb === 'o' && !digits.startsWith('0')) prefix = '0';
    else if (spec.verb === 'O') prefix = '0o';
    else if (spec.verb === 'b') prefix = '0b';
  }
  const body = withSign(`${neg ? '-' : ''}${prefix}${digits}`, spec);
  return pad(body, { ...spec, zero: spec.zero && spec.prec === undefined }, true);
}

function formatFloatArg(v: number, spec: Spec): string {
  const verb = spec.verb === 'v' ? 'g' : spec.verb === 'F' ? 'f' : spec.verb;
  if (!['e', 'E', 'f', 'g', 'G'].includes(verb)) return badVerb(spec, { kind: 'float', value: v });
  const defaultPrec = verb === 'g' || verb === 'G' ? -1 : 6;
  const text = formatFloat(v, verb as 'e' | 'E' | 'f' | 'g' | 'G', spec.prec ?? defaultPrec);
  return pad(withSign(text, spec), spec, Number.isFinite(v));
}

function formatString(s: string, spec: Spec): string {
  switch (spec.verb) {
    case 'v':
    case 's':
      return pad(spec.prec !== undefined ? Array.from(s).slice(0, spec.prec).join('') : s, spec, false);
    case 'q':
      return pad(goQuote(s), spec, false);
    case 'x':
    case 'X': {
      const hex = Buffer.from(s, 'utf8').toString('hex');
      return pad(spec.verb === 'X' ? hex.toUpperCase() : hex, spec, false);
    }
    default:
      return badVerb(spec, { kind: 'string', value: s });
  }
}

function formatArg(arg: Arg, spec: Spec): string {
  if (arg.kind === 'int') return formatInt(arg.value, spec);
  if (arg.kind === 'float') return formatFloatArg(arg.value, spec);
  return formatString(arg.value, spec);
}

/** Go's `fmt.Sprintf(format, args...)`. */
export function goSprintf(format: string, values: Value[]): string {
  const args = values.map(toArg);
  let out = '';
  let next = 0;
  let i = 0;
  while (i < format.length) {
    const ch = format[i];
    if (ch !== '%') {
      out += ch;
      i++;
      continue;
    }
    i++;
    const spec: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false, verb: '' };
    for (; i < format.length; i++) {
      const f = format[i];
      if (f === '-') spec.minus = true;
      else if (f === '+') spec.plus = true;
      else if (f === '#') spec.sharp = true;
      else if (f === ' ') spec.space = true;
      else if (f === '0') spec.zero = !spec.minus;
      else break;
    }
    const width = /^\d+/.exec(format.slice(i));
    if (width) {
      spec.width = Number(width[0]);
      i += width[0].length;
    }
    if (format[i] === '.') {
      i++;
      const prec = /^\d+/.exec(format.slice(i));
      spec.prec = prec ? Number(prec[0]) : 0;
      if (prec) i += prec[0].length;
    }
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i) ?? 0);
    i += verb.length;
    spec.verb = verb;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (next >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatArg(args[next++], spec);
  }
  if (next < args.length) {
    const extra = args.slice(next).map((a) => `${goTypeName(a)}=${plainText(a)}`);
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}

register('sprintf', {
  sprintf: (format, values) => goSprintf(stringOperand(format, 1), arrayOperand(values, 2)),
});
