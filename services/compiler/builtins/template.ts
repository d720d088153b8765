/**
 * `strings.render_template`: the part of Go's text/template that policies
 * use — field paths (`.a.b`), variables, `if`/`else`/`else if`, `range`
 * (with `$i, $v :=`), `with`, `{{- -}}` trimming and the functions `len`,
 * `index`, `eq`, `ne`, `lt`, `le`, `gt`, `ge`, `and`, `or`, `not` — with
 * OPA's `missingkey=error`. Anything else (pipes `|`, parentheses, other
 * functions) fails loudly.
 */
import { BuiltinFailure } from './errors.js';
import { formatFloat } from './goformat.js';
import { objectOperand, stringOperand } from './operands.js';
import { register } from './registry.js';
import { NumberText, compareStrings, compareValues, isObject } from './values.js';
import type { Value } from './values.js';

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'print'; pipe: string }
  | { kind: 'if'; branches: { cond?: string; body: Node[] }[] }
  | { kind: 'range'; keyVar?: string; valueVar?: string; pipe: string; body: Node[]; otherwise: Node[] }
  | { kind: 'with'; pipe: string; body: Node[]; otherwise: Node[] };

interface Token {
  text?: string;
  action?: string;
}

function lex(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      tokens.push({ text: src.slice(i) });
      break;
    }
    let text = src.slice(i, open);
    const close = src.indexOf('}}', open + 2);
    if (close < 0) throw new BuiltinFailure('template: unclosed action');
    let action = src.slice(open + 2, close);
    if (action.startsWith('- ')) {
      text = text.replace(/\s+$/, '');
      action = action.slice(2);
    }
    i = close + 2;
    if (action.endsWith(' -')) {
      action = action.slice(0, -2);
      const m = /^\s*/.exec(src.slice(i));
      i += m ? m[0].length : 0;
    }
    if (text) tokens.push({ text });
    const trimmed = action.trim();
    if (!trimmed.startsWith('/*')) tokens.push({ action: trimmed });
  }
  return tokens;
}

function parse(tokens: Token[]): Node[] {
  let pos = 0;
  const block = (stops: string[]): { nodes: Node[]; stop: string } => {
    const nodes: Node[] = [];
    while (pos < tokens.length) {
      const t = tokens[pos++];
      if (t.text !== undefined) {
        nodes.push({ kind: 'text', text: t.text });
        continue;
      }
      const action = t.action as string;
      const word = action.split(/\s+/)[0];
      if (stops.includes(word)) return { nodes, stop: action };
      if (word === 'if') {
        const branches: { cond?: string; body: Node[] }[] = [];
        let cond: string | undefined = action.slice(2).trim();
        for (;;) {
          const { nodes: body, stop } = block(['else', 'end']);
          branches.push({ cond, body });
          if (stop === 'end') break;
          const rest = stop.slice(4).trim();
          cond = rest.startsWith('if ') ? rest.slice(3).trim() : undefined;
          if (cond === undefined) {
            const last = block(['end']);
            branches.push({ body: last.nodes });
            break;
          }
        }
        nodes.push({ kind: 'if', branches });
      } else if (word === 'range' || word === 'with') {
        let spec = action.slice(word.length).trim();
        let keyVar: string | undefined;
        let valueVar: string | undefined;
        const decl = /^(\$\w*)(?:\s*,\s*(\$\w*))?\s*:=\s*(.+)$/.exec(spec);
        if (decl) {
          if (decl[2]) [keyVar, valueVar] = [decl[1], decl[2]];
          else valueVar = decl[1];
          spec = decl[3];
        }
        const { nodes: body, stop } = block(['else', 'end']);
        const otherwise = stop === 'end' ? [] : block(['end']).nodes;
        nodes.push(
          word === 'range'
            ? { kind: 'range', keyVar, valueVar, pipe: spec, body, otherwise }
            : { kind: 'with', pipe: spec, body, otherwise },
        );
      } else if (['else', 'end', 'define', 'template', 'block'].includes(word)) {
        throw new BuiltinFailure(`template: unexpected {{${word}}}`);
      } else nodes.push({ kind: 'print', pipe: action });
    }
    if (stops.length > 0) throw new BuiltinFailure('template: unexpected EOF');
    return { nodes, stop: '' };
  };
  return block([]).nodes;
}

type Scope = Map<string, Value>;

function lookupPath(base: Value, path: string, whole: string): Value {
  let cur = base;
  for (const field of path.split('.').filter(Boolean)) {
    if (!isObject(cur)) throw new BuiltinFailure(`template: can't evaluate field ${field} in ${whole}`);
    if (!(field in cur)) throw new BuiltinFailure(`template: map has no entry for key "${field}"`);
    cur = cur[field];
  }
  return cur;
}

function evalArg(arg: string, dot: Value, scope: Scope): Value {
  if (arg === '.') return dot;
  if (arg.startsWith('.')) return lookupPath(dot, arg, arg);
  if (arg.startsWith('$')) {
    const m = /^(\$\w*)(.*)$/.exec(arg) as RegExpExecArray;
    if (!scope.has(m[1])) throw new BuiltinFailure(`template: undefined variable "${m[1]}"`);
    return lookupPath(scope.get(m[1]) as Value, m[2], arg);
  }
  if (/^"(?:[^"\\]|\\.)*"$/.test(arg)) return JSON.parse(arg) as string;
  if (/^-?\d+(\.\d+)?$/.test(arg)) return Number(arg);
  if (arg === 'true' || arg === 'false') return arg === 'true';
  if (arg === 'nil') return null;
  throw new BuiltinFailure(`template: unsupported expression ${JSON.stringify(arg)}`);
}

function evalPipe(pipe: string, dot: Value, scope: Scope): Value {
  const words = pipe.match(/"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
  if (words.length === 0) throw new BuiltinFailure('template: missing value for command');
  const [head, ...rest] = words as [string, ...string[]];
  const args = () => rest.map((w) => evalArg(w, dot, scope));
  switch (head) {
    case 'len': {
      const [v] = args();
      if (typeof v === 'string') return Buffer.byteLength(v);
      if (Array.isArray(v)) return v.length;
      if (isObject(v)) return Object.keys(v).length;
      throw new BuiltinFailure('template: len of unsupported type');
    }
    case 'index': {
      const [target, ...keys] = args();
      let v: Value | undefined = target;
      for (const k of keys) {
        if (Array.isArray(v) && typeof k === 'number') v = v[k];
        else if (isObject(v) && typeof k === 'string') v = v[k];
        else throw new BuiltinFailure('template: cannot index');
        if (v === undefined) throw new BuiltinFailure('template: index out of range');
      }
      return v ?? null;
    }
    case 'eq':
    case 'ne':
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge': {
      const [a, ...others] = args();
      if (others.length === 0) throw new BuiltinFailure(`template: missing argument for ${head}`);
      if (head === 'eq') return others.some((b) => compareValues(a, b) === 0);
      const c = compareValues(a, others[0]);
      return { ne: c !== 0, lt: c < 0, le: c <= 0, gt: c > 0, ge: c >= 0 }[head];
    }
    case 'and': {
      const vs = args();
      return vs.find((v) => !truthy(v)) ?? vs[vs.length - 1] ?? null;
    }
    case 'or': {
      const vs = args();
      return vs.find((v) => truthy(v)) ?? vs[vs.length - 1] ?? null;
    }
    case 'not':
      return !truthy(args()[0] ?? null);
    default:
      if (rest.length > 0) throw new BuiltinFailure(`template: function ${JSON.stringify(head)} not defined`);
      return evalArg(head, dot, scope);
  }
}

function truthy(v: Value): boolean {
  if (v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObject(v)) return Object.keys(v).length > 0;
  return true;
}

/** Go's `%v` of the value as OPA hands it to the template (numbers as json.Number, maps sorted). */
function show(v: Value): string {
  if (v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v).toString() : formatFloat(v, 'g', -1);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof NumberText) return v.text;
  if (Array.isArray(v)) return `[${v.map(show).join(' ')}]`;
  const keys = Object.keys(v).sort(compareStrings);
  return `map[${keys.map((k) => `${k}:${show(v[k])}`).join(' ')}]`;
}

function render(nodes: Node[], dot: Value, scope: Scope): string {
  let out = '';
  for (const n of nodes) {
    switch (n.kind) {
      case 'text':
        out += n.text;
        break;
      case 'print':
        out += show(evalPipe(n.pipe, dot, scope));
        break;
      case 'if': {
        const branch = n.branches.find((b) => b.cond === undefined || truthy(evalPipe(b.cond, dot, scope)));
        if (branch) out += render(branch.body, dot, new Map(scope));
        break;
      }
      case 'with': {
        const v = evalPipe(n.pipe, dot, scope);
        out += truthy(v) ? render(n.body, v, new Map(scope)) : render(n.otherwise, dot, new Map(scope));
        break;
      }
      case 'range': {
        const v = evalPipe(n.pipe, dot, scope);
        const entries: [Value, Value][] = Array.isArray(v)
          ? v.map((x, i) => [i, x])
          : isObject(v)
            ? Object.keys(v)
                .sort(compareStrings)
                .map((k) => [k, v[k]])
            : [];
        if (entries.length === 0) {
          out += render(n.otherwise, dot, new Map(scope));
          break;
        }
        for (const [k, x] of entries) {
          const inner = new Map(scope);
          if (n.keyVar) inner.set(n.keyVar, k);
          if (n.valueVar) inner.set(n.valueVar, x);
          out += render(n.body, x, inner);
        }
        break;
      }
    }
  }
  return out;
}

register('template', {
  'strings.render_template'(template, vars) {
    const source = stringOperand(template, 1);
    const data = objectOperand(vars, 2);
    return render(parse(lex(source)), data, new Map([['$', data]]));
  },
});
