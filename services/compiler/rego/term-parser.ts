/**
 * Parser for terms and infix operators, a port of the structure of OPA's
 * `v1/ast/parser.go`: recursive descent with backtracking, a cache of
 * parsed terms by position so that backtracking stays linear, and OPA's
 * operator precedence (`in` < relations < `|` < `&` < `+ -` < `* / %`).
 */

import type { Body, Location, ObjectTerm, RefTerm, Term } from './ast.js';
import type { TokenKind } from './lexer.js';
import { ParserBase, type SavedState } from './parser-base.js';
import { MEMBER_3, MEMBER_2, ROOT_DOCUMENTS, callTerm, refTerm, stringTerm, varTerm } from './terms.js';

/** Binary operators from loosest to tightest binding; `in` binds looser still. */
const BINARY_LEVELS: TokenKind[][] = [
  ['equal', 'neq', 'lt', 'gt', 'lte', 'gte'],
  ['or'],
  ['and'],
  ['plus', 'minus'],
  ['mul', 'div', 'rem'],
];

interface CachedTerm {
  term: Term;
  endPos: number;
  endForcedIdent: number;
  wildcardStart: number;
  wildcardEnd: number;
}

export abstract class TermParser extends ParserBase {
  /** Terms parsed without errors, by start position, so backtracking never parses a term twice. */
  private termCache = new Map<number, CachedTerm>();

  /** A trial with every future keyword on must neither read nor fill the cache of ordinary parsing. */
  protected override withAllFutureKeywords<T>(fn: () => T): T {
    const cache = this.termCache;
    this.termCache = new Map();
    try {
      return super.withAllFutureKeywords(fn);
    } finally {
      this.termCache = cache;
    }
  }

  /** Comprehension bodies are parsed by the expression layer. */
  protected abstract parseBody(end: TokenKind): Body | undefined;

  // ---- infix operators ------------------------------------------------------

  protected parseTermInfixCall(): Term | undefined {
    return this.parseTermIn(undefined, true);
  }

  protected parseTermInfixCallInList(): Term | undefined {
    return this.parseTermIn(undefined, false);
  }

  private parseTermIn(lhsIn: Term | undefined, keyVal: boolean): Term | undefined {
    if (!this.enter()) return undefined;
    try {
      const lhs = lhsIn ?? this.parseTermRelation();
      if (!lhs) return undefined;
      // `k, v in xs` has a second left-hand side.
      if (keyVal && this.tok() === ',') {
        const s = this.save();
        this.scan();
        const mhs = this.parseTermRelation();
        if (mhs) {
          const op = this.parseTermOpName(MEMBER_3);
          if (op) {
            const rhs = this.parseTermRelation();
            if (rhs) {
              const call = callTerm([op, lhs, mhs, rhs], lhs.location);
              return this.tok() === 'in' ? this.parseTermIn(call, keyVal) : call;
            }
          }
        }
        this.restore(s);
      }
      this.scanAheadRef();
      const op = this.parseTermOpName(MEMBER_2);
      if (op) {
        const rhs = this.parseTermRelation();
        if (rhs) {
          const call = callTerm([op, lhs, rhs], lhs.location);
          return this.tok() === 'in' ? this.parseTermIn(call, keyVal) : call;
        }
      }
      return lhs;
    } finally {
      this.leave();
    }
  }

  private parseTermRelation(): Term | undefined {
    return this.parseBinary(0);
  }

  /** Left-associative chain of binary operators at one precedence level, then the tighter levels. */
  private parseBinary(level: number): Term | undefined {
    if (!this.enter()) return undefined;
    try {
      const ops = BINARY_LEVELS[level];
      const tighter = level + 1 < BINARY_LEVELS.length;
      let lhs = tighter ? this.parseBinary(level + 1) : this.parseTerm();
      if (!lhs) return undefined;
      for (;;) {
        if (!ops.includes(this.tok())) return lhs;
        const op = this.parseTermOp(this.tok());
        const rhs = tighter ? this.parseBinary(level + 1) : this.parseTerm();
        if (!op || !rhs) return lhs;
        lhs = callTerm([op, lhs, rhs], lhs.location);
      }
    } finally {
      this.leave();
    }
  }

  /** An operator token as the ref of its builtin (`==` is `equal`). */
  protected parseTermOp(...kinds: TokenKind[]): RefTerm | undefined {
    if (!kinds.includes(this.tok())) return undefined;
    const location = this.loc();
    const op = refTerm([varTerm(this.tok(), location)], location);
    this.scan();
    return op;
  }

  private parseTermOpName(name: string): RefTerm | undefined {
    if (this.tok() !== 'in') return undefined;
    const location = this.loc();
    const [head, ...rest] = name.split('.');
    const op = refTerm([varTerm(head, location), ...rest.map((r) => stringTerm(r, location))], location);
    this.scan();
    return op;
  }

  // ---- terms ------------------------------------------------------------------

  protected parseTerm(): Term | undefined {
    if (!this.enter()) return undefined;
    try {
      const start = this.pos;
      const cacheable = this.forcedIdent !== start;
      const cached = cacheable ? this.termCache.get(start) : undefined;
      // Wildcards inside the term were numbered from the counter at its start; reuse only if it matches.
      if (cached && cached.wildcardStart === this.wildcard) {
        this.pos = cached.endPos;
        this.forcedIdent = cached.endForcedIdent;
        this.wildcard = cached.wildcardEnd;
        return cached.term;
      }
      const errorsBefore = this.errors.length;
      const wildcardBefore = this.wildcard;
      let term: Term | undefined;
      switch (this.tok()) {
        case 'null':
          term = { type: 'null', value: null, location: this.loc() };
          break;
        case 'true':
        case 'false':
          term = { type: 'boolean', value: this.tok() === 'true', location: this.loc() };
          break;
        case 'minus':
        case '.':
        case 'number':
          term = this.parseNumber();
          break;
        case 'string':
          term = this.parseString();
          break;
        case 'identifier':
        case 'contains':
          term = this.parseVar();
          break;
        case '[':
          term = this.parseArray();
          break;
        case '{':
          term = this.parseSetOrObject();
          break;
        case '(': {
          this.scan();
          const inner = this.parseTermInfixCall();
          if (inner) {
            if (this.tok() === ')') term = inner;
            else this.error(this.loc(), 'non-terminated expression');
          }
          break;
        }
        default:
          this.illegal();
      }
      term = this.parseTermFinish(term);
      if (term && cacheable && this.errors.length === errorsBefore) {
        this.termCache.set(start, {
          term,
          endPos: this.pos,
          endForcedIdent: this.forcedIdent,
          wildcardStart: wildcardBefore,
          wildcardEnd: this.wildcard,
        });
      }
      return term;
    } finally {
      this.leave();
    }
  }

  /** After a term: a directly following `.`, `[` or `(` continues it as a ref or call. */
  protected parseTermFinish(head: Term | undefined): Term | undefined {
    if (!head) return undefined;
    this.scanWS();
    switch (this.tok()) {
      case '(':
      case '.':
      case '[':
        return this.parseRef(head);
      case 'whitespace':
        this.scan();
        break;
    }
    return wrapRootDocument(head);
  }

  protected parseRef(head: Term): Term | undefined {
    if (!this.enter()) return undefined;
    try {
      switch (head.type) {
        case 'var':
        case 'array':
        case 'object':
        case 'set':
        case 'arraycomprehension':
        case 'objectcomprehension':
        case 'setcomprehension':
        case 'call':
          break;
        default:
          this.error(head.location ?? this.loc(), `illegal ref (head cannot be ${head.type})`);
      }
      const ref: Term[] = [head];
      for (;;) {
        switch (this.tok()) {
          case '.':
            this.scanWS();
            if (this.tok() !== 'identifier' && !this.isKeyword(this.tok())) {
              this.illegal('expected identifier');
              return undefined;
            }
            ref.push(stringTerm(this.text, this.loc()));
            this.scanWS();
            break;
          case '(': {
            let term = this.parseCall(refTerm(ref, head.location));
            if (term) {
              if (this.tok() === 'whitespace') {
                this.scan();
                return term;
              }
              if (this.tok() === '.' || this.tok() === '[') term = this.parseRef(term);
            }
            return term;
          }
          case '[': {
            this.scan();
            const term = this.parseTermInfixCall();
            if (!term) return undefined;
            if (this.tok() !== ']') {
              this.illegal('expected ]');
              return undefined;
            }
            ref.push(term);
            this.scanWS();
            break;
          }
          case 'whitespace':
            this.scan();
            return refTerm(ref, head.location);
          default:
            return refTerm(ref, head.location);
        }
      }
    } finally {
      this.leave();
    }
  }

  private parseCall(operator: RefTerm): Term | undefined {
    if (!this.enter()) return undefined;
    try {
      this.scan(); // steps over '('
      if (this.tok() === ')') {
        this.scanWS();
        if (
          operator.value.length === 1 &&
          operator.value[0].type === 'var' &&
          operator.value[0].value === 'set'
        ) {
          return { type: 'set', value: [], location: operator.location };
        }
        return callTerm([operator], operator.location);
      }
      const terms = this.parseTermList(')', [operator]);
      if (!terms) return undefined;
      this.scanWS();
      return callTerm(terms, operator.location);
    } finally {
      this.leave();
    }
  }

  private parseNumber(): Term | undefined {
    const location = this.loc();
    let prefix = '';
    if (this.tok() === 'minus') {
      prefix = '-';
      this.scan();
      if (this.tok() !== 'number' && this.tok() !== '.') {
        this.illegal('expected number');
        return undefined;
      }
    }
    if (this.tok() === '.') {
      prefix += '.';
      this.scan();
      if (this.tok() !== 'number') {
        this.illegal('expected number');
        return undefined;
      }
    }
    const lit = this.text;
    if (!prefix.endsWith('.') && lit.length > 1 && lit[0] === '0') {
      const decimal = lit[1] === '.';
      const scientific = lit.length > 2 && (lit[1] === 'e' || lit[1] === 'E');
      if (!decimal && !scientific) {
        this.illegal('expected number without leading zero');
        return undefined;
      }
    }
    const value = prefix + lit;
    const size = numberSize(value);
    if (size === 'invalid') {
      this.illegal('invalid float');
      return undefined;
    }
    if (size === 'too big') {
      this.error(this.loc(), 'number too big');
      return undefined;
    }
    // `.5` is Rego but not JSON; `0.5` is the same number and is both.
    const json = value.startsWith('.') ? `0${value}` : value.startsWith('-.') ? `-0${value.slice(1)}` : value;
    return { type: 'number', value: json, location };
  }

  private parseString(): Term | undefined {
    const lit = this.text;
    const location = this.loc();
    if (lit[0] === '`') return stringTerm(lit.slice(1, -1), location);
    const inner = lit.slice(1, -1);
    if (!inner.includes('\\')) return stringTerm(inner, location);
    try {
      const decoded: unknown = JSON.parse(lit);
      if (typeof decoded !== 'string') throw new Error('not a string');
      return stringTerm(replaceLoneSurrogates(decoded), location);
    } catch {
      this.error(location, `illegal string literal: ${lit}`);
      return undefined;
    }
  }

  protected parseVar(): Term {
    const location = this.loc();
    return varTerm(this.text === '_' ? this.nextWildcard() : this.text, location);
  }

  private parseArray(): Term | undefined {
    if (!this.enter()) return undefined;
    try {
      const location = this.loc();
      this.scan();
      if (this.tok() === ']') return { type: 'array', value: [], location };
      let potentialComprehension = true;
      // A leading comma (`[, x]`) is accepted for compatibility, as OPA does.
      if (this.tok() === ',') {
        potentialComprehension = false;
        this.scan();
      }
      const s = this.save();
      // Comprehensions win over `|` calls: `[a | b]` is a comprehension.
      const head = this.parseTerm();
      if (!head) return undefined;
      switch (this.tok()) {
        case ']':
          return { type: 'array', value: [head], location };
        case ',': {
          this.scan();
          const terms = this.parseTermList(']', [head]);
          return terms ? { type: 'array', value: terms, location } : undefined;
        }
        case 'or':
          if (potentialComprehension) {
            this.scan();
            const body = this.parseBody(']');
            if (body) return { type: 'arraycomprehension', value: { term: head, body }, location };
            if (this.tok() !== ',') return undefined;
          }
          break;
      }
      this.restore(s);
      const terms = this.parseTermList(']', []);
      return terms ? { type: 'array', value: terms, location } : undefined;
    } finally {
      this.leave();
    }
  }

  private parseSetOrObject(): Term | undefined {
    if (!this.enter()) return undefined;
    try {
      const location = this.loc();
      this.scan();
      if (this.tok() === '}') return { type: 'object', value: [], location };
      let potentialComprehension = true;
      if (this.tok() === ',') {
        potentialComprehension = false;
        this.scan();
      }
      const s = this.save();
      // A single term first, so `{ a | b }` is a set comprehension rather than a set holding an `or`.
      let head = this.parseTerm();
      if (!head) return undefined;
      switch (this.tok()) {
        case 'or':
          if (potentialComprehension) return this.parseSet(s, head, true, location);
          break;
        case '}':
        case ',':
          return this.parseSet(s, head, potentialComprehension, location);
        case ':':
          return this.parseObject(head, potentialComprehension, location);
      }
      this.restore(s);
      head = this.parseTermInfixCallInList();
      if (!head) return undefined;
      switch (this.tok()) {
        case '}':
        case ',':
          return this.parseSet(s, head, false, location);
        case ':':
          // Still possibly an object comprehension: `{ a+1: b | ... }`.
          return this.parseObject(head, potentialComprehension, location);
      }
      this.illegal('non-terminated set');
      return undefined;
    } finally {
      this.leave();
    }
  }

  private parseSet(
    s: SavedState,
    head: Term,
    potentialComprehension: boolean,
    location: Location,
  ): Term | undefined {
    if (!this.enter()) return undefined;
    try {
      switch (this.tok()) {
        case '}':
          return { type: 'set', value: [head], location };
        case ',': {
          this.scan();
          const terms = this.parseTermList('}', [head]);
          return terms ? { type: 'set', value: terms, location } : undefined;
        }
        case 'or': {
          if (potentialComprehension) {
            this.scan();
            const body = this.parseBody('}');
            if (body) return { type: 'setcomprehension', value: { term: head, body }, location };
            if (this.tok() !== ',') return undefined;
          }
          this.restore(s);
          const terms = this.parseTermList('}', []);
          return terms ? { type: 'set', value: terms, location } : undefined;
        }
      }
      return undefined;
    } finally {
      this.leave();
    }
  }

  private parseObject(key: Term, potentialComprehension: boolean, location: Location): Term | undefined {
    if (!this.enter()) return undefined;
    try {
      this.scan(); // steps over ':'
      const s = this.save();
      // A plain term first, to see whether this is `{ k: v | ... }`.
      const value = this.parseTerm();
      if (!value) return undefined;
      let potentialRelation = true;
      if (potentialComprehension) {
        const kind = this.tok();
        if (kind === '}' || kind === ',' || kind === 'or') {
          if (kind !== 'or') potentialRelation = false;
          const term = this.parseObjectFinish(key, value, true, location);
          if (term) return term;
        }
      }
      this.restore(s);
      if (potentialRelation) {
        const v = this.parseTermInfixCallInList();
        if (!v) return undefined;
        if (this.tok() === '}' || this.tok() === ',') return this.parseObjectFinish(key, v, false, location);
      }
      this.illegal('non-terminated object');
      return undefined;
    } finally {
      this.leave();
    }
  }

  private parseObjectFinish(
    key: Term,
    value: Term,
    potentialComprehension: boolean,
    location: Location,
  ): Term | undefined {
    if (!this.enter()) return undefined;
    try {
      switch (this.tok()) {
        case '}':
          return { type: 'object', value: [[key, value]], location };
        case 'or':
          if (potentialComprehension) {
            this.scan();
            const body = this.parseBody('}');
            if (body) return { type: 'objectcomprehension', value: { key, value, body }, location };
          } else {
            this.illegal('non-terminated object');
          }
          return undefined;
        case ',': {
          this.scan();
          const pairs = this.parseTermPairList('}', [[key, value]]);
          return pairs ? ({ type: 'object', value: pairs, location } satisfies ObjectTerm) : undefined;
        }
      }
      return undefined;
    } finally {
      this.leave();
    }
  }

  private parseTermList(end: TokenKind, acc: Term[]): Term[] | undefined {
    if (this.tok() === end) return acc;
    for (;;) {
      const term = this.parseTermInfixCallInList();
      if (!term) return undefined;
      acc.push(term);
      switch (this.tok()) {
        case end:
          return acc;
        case ',':
          this.scan();
          if (this.tok() === end) return acc;
          continue;
        default:
          this.illegal(`expected "," or "${end}"`);
          return undefined;
      }
    }
  }

  private parseTermPairList(end: TokenKind, acc: [Term, Term][]): [Term, Term][] | undefined {
    if (this.tok() === end) return acc;
    for (;;) {
      const key = this.parseTermInfixCallInList();
      if (!key) return undefined;
      if (this.tok() !== ':') {
        this.illegal('expected ":"');
        return undefined;
      }
      this.scan();
      const value = this.parseTermInfixCallInList();
      if (!value) return undefined;
      acc.push([key, value]);
      switch (this.tok()) {
        case end:
          return acc;
        case ',':
          this.scan();
          if (this.tok() === end) return acc;
          continue;
        default:
          this.illegal(`expected "," or "${end}"`);
          return undefined;
      }
    }
  }
}

/** A bare `data` or `input` is the ref to that document. */
export function wrapRootDocument(term: Term): Term {
  if (term.type === 'var' && ROOT_DOCUMENTS.has(term.value)) return refTerm([term], term.location);
  return term;
}

/**
 * OPA reads numbers as Go big floats: a decimal exponent beyond 32 bits does
 * not parse, and a binary exponent beyond 1e5 is refused as too costly to print.
 */
function numberSize(text: string): 'ok' | 'invalid' | 'too big' {
  const m = /^-?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return 'ok';
  const exponent = m[3] ? Number(m[3]) : 0;
  if (Math.abs(exponent) > 2 ** 31 - 1) return 'invalid';
  const digits = (m[1] ?? '') + (m[2] ?? '');
  const firstNonZero = digits.search(/[1-9]/);
  if (firstNonZero < 0) return 'ok';
  const magnitude = (m[1] ?? '').length - firstNonZero + exponent;
  return Math.abs(magnitude * Math.log2(10)) > 1e5 ? 'too big' : 'ok';
}

/** Go's JSON decoder turns unpaired surrogate escapes into U+FFFD; do the same. */
function replaceLoneSurrogates(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
