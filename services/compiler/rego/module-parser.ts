/**
 * Statement-level parser: package, imports and rules (OPA's `parsePackage`,
 * `parseImport`, `parseRules`, `parseHead`, `parseElse`), plus expression
 * statements that later become rules (`p := 1`).
 */

import type { Body, Head, Import, Location, Package, RefTerm, Rule, Term } from './ast.js';
import { FUTURE_KEYWORDS, type Token } from './lexer.js';
import type { RegoVersion } from './parser-base.js';
import { formatTerm } from './printer.js';
import { ExprParser } from './expr-parser.js';
import { refTailIsGround, trueBody, variableKey, type RuleFactTable, type RuleFacts } from './rule-checks.js';
import { isWildcardVar, refTerm, stringTerm, varTerm } from './terms.js';

export type Statement =
  | { kind: 'package'; pkg: Package; location: Location }
  /** `ignored` marks `import rego.v1` and `import future.keywords...`, which mean nothing in v1. */
  | { kind: 'import'; imp: Import; ignored: boolean; location: Location }
  | { kind: 'rule'; rule: Rule; location: Location }
  | { kind: 'body'; body: Body; location: Location };

interface ParsedHead {
  head: Head;
  usesContains: boolean;
  generatedValue: boolean;
}

export class ModuleParser extends ExprParser {
  readonly facts: RuleFactTable = new WeakMap();
  /** A v0 source said `import rego.v1`: its rules must pass the Rego v1 checks too. */
  importsRegoV1 = false;

  constructor(tokens: Token[], file: string, regoVersion: RegoVersion = 'v1') {
    super(tokens, file, regoVersion);
  }

  /** Reads statements until the end of input or the first statement that fails. */
  parseStatements(allowRules: boolean): Statement[] {
    const stmts: Statement[] = [];
    this.scan();
    while (this.tok() !== 'eof') {
      let s = this.save();
      const pkg = this.parsePackage();
      if (pkg) {
        stmts.push({ kind: 'package', pkg, location: pkg.location as Location });
        continue;
      } else if (this.errors.length > 0) break;

      this.restore(s);
      s = this.save();
      const imp = this.parseImport();
      if (imp) {
        stmts.push({
          kind: 'import',
          imp: imp.imp,
          ignored: imp.ignored,
          location: imp.imp.location as Location,
        });
        continue;
      } else if (this.errors.length > 0) break;
      this.restore(s);

      if (allowRules) {
        s = this.save();
        const rules = this.parseRules();
        if (rules) {
          for (const rule of rules) stmts.push({ kind: 'rule', rule, location: rule.location as Location });
          continue;
        } else if (this.errors.length > 0) break;
        this.restore(s);
      }

      const body = this.parseQuery(true, 'eof');
      if (body) {
        stmts.push({ kind: 'body', body, location: body[0].location as Location });
        continue;
      }
      break;
    }
    if (this.errors.length === 0 && this.tok() !== 'eof') this.illegal();
    return stmts;
  }

  // ---- package and imports -------------------------------------------------

  private parsePackage(): Package | undefined {
    if (this.tok() !== 'package') return undefined;
    const location = this.loc();
    this.scanWS();
    // `package.x` is a ref whose first part happens to be a keyword.
    if (this.tok() === '.' || this.tok() === '[') return undefined;
    if (this.tok() === 'whitespace') this.scan();
    if (!this.identOrKeyword()) {
      this.illegal();
      return undefined;
    }
    const term = this.parseTerm();
    let path: Term[] | undefined;
    if (term?.type === 'var') {
      path = [varTerm('data', term.location), stringTerm(term.value, term.location)];
    } else if (term?.type === 'ref') {
      const [first, ...rest] = term.value;
      if (first.type !== 'var') {
        this.error(first.location ?? location, `unexpected ${first.type} token: expecting var`);
        return undefined;
      }
      path = [varTerm('data', first.location), stringTerm(first.value, first.location)];
      for (const part of rest) {
        if (part.type !== 'string') {
          this.error(part.location ?? location, `unexpected ${part.type} token: expecting string`);
          return undefined;
        }
        path.push(part);
      }
    } else if (term) {
      this.illegal();
      return undefined;
    }
    if (!path) {
      if (this.errors.length === 0) this.error(this.loc(), 'expected path');
      return undefined;
    }
    return { path: refTerm(path, path[0].location), location };
  }

  private parseImport(): { imp: Import; ignored: boolean } | undefined {
    if (this.tok() !== 'import') return undefined;
    const location = this.loc();
    this.scanWS();
    if (this.tok() === '.' || this.tok() === '[') return undefined;
    if (this.tok() === 'whitespace') this.scan();
    if (!this.identOrKeyword()) {
      this.illegal();
      return undefined;
    }
    const term = this.parseTerm();
    let path: RefTerm | undefined;
    if (term?.type === 'var') {
      path = refTerm([term], term.location);
    } else if (term?.type === 'ref') {
      for (const part of term.value.slice(1)) {
        if (part.type !== 'string') {
          this.error(part.location ?? location, `unexpected ${part.type} token: expecting string`);
          return undefined;
        }
      }
      path = term;
    }
    if (!path) {
      this.error(this.loc(), 'expected path');
      return undefined;
    }
    const pathLocation = path.location ?? location;
    const root = path.value[0].type === 'var' ? path.value[0].value : '';
    if (!['data', 'input', 'future', 'rego'].includes(root)) {
      this.error(
        pathLocation,
        `unexpected import path, must begin with one of: {data, future, input, rego}, got: ${formatTerm(path.value[0])}` +
          ' (hint: if this is unexpected, try updating OPA)',
      );
      return undefined;
    }
    const imp: Import = { path, location };
    if (this.tok() === 'as') {
      this.scan();
      if (this.tok() !== 'identifier') {
        this.illegal('expected var');
        return undefined;
      }
      const alias = this.parseTerm();
      if (alias?.type !== 'var') {
        this.illegal('expected var');
        return undefined;
      }
      imp.alias = alias.value;
    } else {
      const last = path.value[path.value.length - 1];
      const name = last.type === 'var' || last.type === 'string' ? last.value : '';
      if ((path.value.length === 1 || root !== 'future') && this.isKeywordOfVersion(name)) {
        this.error(
          last.location ?? pathLocation,
          `unexpected import path, must not end with a keyword, got: ${name}` +
            ' (hint: import a different path or use an alias)',
        );
      }
    }
    if (root === 'future') this.checkFutureImport(imp, pathLocation);
    if (root === 'rego') this.checkRegoImport(imp, pathLocation);
    return { imp, ignored: root === 'future' || root === 'rego' };
  }

  private checkFutureImport(imp: Import, location: Location): void {
    const path = imp.path.value;
    if (path.length === 1 || path[1].type !== 'string' || path[1].value !== 'keywords') {
      this.error(location, 'invalid import, must be `future.keywords`');
      return;
    }
    if (imp.alias !== undefined) {
      this.error(location, '`future` imports cannot be aliased');
      return;
    }
    if (path.length === 2) {
      this.enableKeywords(FUTURE_KEYWORDS);
    } else if (path.length === 3) {
      const kw = path[2];
      if (kw.type !== 'string') {
        this.error(location, 'invalid import, must be `future.keywords.x`, e.g. `import future.keywords.in`');
      } else if (!FUTURE_KEYWORDS.includes(kw.value)) {
        this.error(location, `unexpected keyword, must be one of [${FUTURE_KEYWORDS.join(' ')}]`);
      } else {
        this.enableKeywords([kw.value]);
      }
    }
  }

  /** `import rego.v1`: nothing in v1; in v0 it brings every future keyword and the v1 rule checks. */
  private checkRegoImport(imp: Import, location: Location): void {
    const path = imp.path.value;
    if (path.length !== 2 || path[1].type !== 'string' || path[1].value !== 'v1') {
      this.error(location, `invalid import \`${formatTerm(imp.path)}\`, must be \`rego.v1\``);
      return;
    }
    if (this.regoVersion === 'v1') return;
    if (imp.alias !== undefined) {
      this.error(location, '`rego` imports cannot be aliased');
      return;
    }
    this.enableKeywords(FUTURE_KEYWORDS);
    this.importsRegoV1 = true;
  }

  /** Lets a keyword stand where a name is expected (`package in`); reports whether one is there. */
  private identOrKeyword(): boolean {
    if (this.tok() === 'identifier') return true;
    if (this.isKeyword(this.tok())) {
      this.forcedIdent = this.pos;
      return true;
    }
    return false;
  }

  // ---- rules ----------------------------------------------------------------

  private parseRules(): Rule[] | undefined {
    const location = this.loc();
    this.scanAheadRef();
    let isDefault = false;
    if (this.tok() === 'default') {
      this.scan();
      isDefault = true;
      this.scanAheadRef();
    }
    if (this.tok() !== 'identifier') return undefined;
    const parsed = this.parseHead(isDefault);
    if (!parsed) return undefined;
    const { head, usesContains } = parsed;
    const rule: Rule = { head, body: [], location };
    const facts: RuleFacts = {
      generatedBody: false,
      generatedValue: parsed.generatedValue,
      hasIf: false,
      hasContains: usesContains,
    };
    this.facts.set(rule, facts);

    if (isDefault) {
      rule.default = true;
      if (!this.validateDefaultValue(rule)) return undefined;
      if (head.args && head.args.length > 0 && !this.validateDefaultArgs(rule)) return undefined;
      rule.body = trueBody(location);
      return [rule];
    }

    const hasIf = this.tok() === 'if';
    const ref = head.ref.value;
    if (hasIf && !usesContains && ref.length === 2) {
      const key = variableKey(head.ref, head.args);
      if (key) head.key = key;
      if (head.value === undefined) {
        facts.generatedValue = true;
        head.value = { type: 'boolean', value: true, location: head.location };
      }
    }
    if (!hasIf && !usesContains && !(head.args && head.args.length > 0) && ref.length === 2) {
      // v0 style `p[x] { ... }`: a partial set, rejected by the v1 checks.
      head.key = ref[1];
      if (head.value === undefined) {
        head.ref = refTerm([ref[0]], ref[0].location);
        if (ref[0].type === 'var') head.name = ref[0].value;
      }
    }

    if (hasIf) {
      facts.hasIf = true;
      this.scan();
      const s = this.save();
      const expr = this.parseLiteral();
      // `p if { x }` reads as a set literal; a set is always true, so take the braces as the body.
      const isSetLiteral = expr !== undefined && !Array.isArray(expr.terms) && expr.terms.type === 'set';
      if (expr && !isSetLiteral) {
        rule.body = [expr];
      } else {
        this.restore(s);
        if (this.tok() !== '{') {
          this.parseLiteral(); // reports why the single expression did not parse
          return undefined;
        }
        const body = this.parseBraceBody();
        if (!body) return undefined;
        rule.body = body;
      }
    } else if (this.tok() === '{') {
      const body = this.parseBraceBody();
      if (!body) return undefined;
      rule.body = body;
    } else if (usesContains) {
      rule.body = trueBody(location);
      facts.generatedBody = true;
      rule.location = head.location;
      return [rule];
    } else {
      // `p := 1` and friends are read again as an expression statement.
      return undefined;
    }

    if (this.tok() === 'else' && !this.scanAheadRef()) {
      if (head.ref.value.length > 1 && !refTailIsGround(head.ref)) {
        this.error(this.loc(), 'else keyword cannot be used on rules with variables in head');
        return undefined;
      }
      if (head.key !== undefined) {
        this.error(this.loc(), 'else keyword cannot be used on multi-value rules');
        return undefined;
      }
      const elseRule = this.parseElse(head);
      if (!elseRule) return undefined;
      rule.else = elseRule;
    }

    const rules = [rule];
    while (this.tok() === '{') {
      if (rule.else) {
        this.error(this.loc(), 'expected else keyword');
        return undefined;
      }
      const bodyLocation = this.loc();
      const body = this.parseBraceBody();
      if (!body) return undefined;
      // Another body for the same head: `p if { a } { b }`.
      const next: Rule = { head: this.copyHead(head, bodyLocation, true), body, location: bodyLocation };
      this.facts.set(next, { ...facts });
      rules.push(next);
    }
    return rules;
  }

  /** `{ body }` starting at the `{`; leaves the token after `}` current. */
  private parseBraceBody(): Body | undefined {
    this.scan();
    const body = this.parseBody('}');
    if (!body) return undefined;
    this.scan();
    return body;
  }

  /** Deep copy of a head for another definition; wildcard arguments get fresh names. */
  private copyHead(head: Head, location: Location, everywhere: boolean): Head {
    const copy = structuredClone(head);
    if (copy.args) {
      copy.args = copy.args.map((a) => (isWildcardVar(a) ? varTerm(this.nextWildcard(), a.location) : a));
    }
    if (everywhere) relocate(copy, location);
    copy.location = location;
    return copy;
  }

  private parseElse(head: Head): Rule | undefined {
    const location = this.loc();
    const elseHead = this.copyHead(head, location, false);
    const rule: Rule = { head: elseHead, body: [], location };
    const facts: RuleFacts = {
      generatedBody: false,
      generatedValue: false,
      hasIf: false,
      hasContains: false,
    };
    this.facts.set(rule, facts);
    this.scan();
    switch (this.tok()) {
      case '{':
      case 'if':
        facts.generatedValue = true;
        elseHead.value = { type: 'boolean', value: true, location };
        break;
      case 'assign':
      case 'eq': {
        if (this.tok() === 'assign') elseHead.assign = true;
        else delete elseHead.assign;
        this.scan();
        const value = this.parseTermInfixCall();
        if (!value) return undefined;
        elseHead.value = value;
        break;
      }
      default:
        this.illegal('expected else value term or rule body');
        return undefined;
    }
    const hasIf = this.tok() === 'if';
    if (!hasIf && this.tok() !== '{') {
      rule.body = trueBody(location);
      facts.generatedBody = true;
      return rule;
    }
    if (hasIf) {
      facts.hasIf = true;
      this.scan();
    }
    if (this.tok() === '{') {
      const body = this.parseBraceBody();
      if (!body) return undefined;
      rule.body = body;
    } else if (this.tok() !== 'eof') {
      const expr = this.parseLiteral();
      if (!expr) return undefined;
      rule.body = [expr];
    } else {
      this.illegal('rule body expected');
      return undefined;
    }
    if (this.tok() === 'else') {
      const next = this.parseElse(head);
      if (!next) return undefined;
      rule.else = next;
    }
    return rule;
  }

  private parseHead(isDefault: boolean): ParsedHead | undefined {
    const location = this.loc();
    const ref = this.parseHeadFinish(this.parseVar());
    if (!ref) {
      this.illegal('expected rule head name');
      return undefined;
    }
    let head: Head;
    switch (ref.type) {
      case 'var':
        head = { name: ref.value, ref: refTerm([ref], ref.location), location };
        break;
      case 'ref':
        head = { ref, location };
        break;
      case 'call': {
        const op = ref.value[0];
        let headRef: RefTerm;
        if (op.type === 'var') headRef = refTerm([op], op.location);
        else if (op.type === 'ref' && op.value[0].type === 'var') headRef = op;
        else {
          this.illegal(`rule head ref ${formatTerm(op)} invalid`);
          return undefined;
        }
        head = { name: singleName(headRef), ref: headRef, location };
        if (head.name === undefined) delete head.name;
        const args = ref.value.slice(1);
        if (args.length > 0) head.args = args;
        break;
      }
      default:
        return undefined;
    }

    const name = formatTerm(head.ref);
    switch (this.tok()) {
      case 'contains': {
        if (head.args) {
          this.illegal(
            `the contains keyword can only be used with multi-value rule definitions (e.g., ${name} contains <VALUE> { ... })`,
          );
        }
        this.scan();
        const key = this.parseTermInfixCall();
        if (key) head.key = key;
        else this.illegal(`expected rule key term (e.g., ${name} contains <VALUE> { ... })`);
        return { head, usesContains: true, generatedValue: false };
      }
      case 'eq': {
        this.scan();
        const value = this.parseTermInfixCall();
        if (value) head.value = value;
        else this.illegal(`expected rule value term (e.g., ${name} = <VALUE> { ... })`);
        break;
      }
      case 'assign': {
        this.scan();
        head.assign = true;
        const value = this.parseTermInfixCall();
        if (value) head.value = value;
        else if (head.args)
          this.illegal(`expected function value term (e.g., ${name}(...) := <VALUE> { ... })`);
        else if (isDefault)
          this.illegal(`expected default rule value term (e.g., default ${name} := <VALUE>)`);
        else this.illegal(`expected rule value term (e.g., ${name} := <VALUE> { ... })`);
        break;
      }
    }
    let generatedValue = false;
    if (head.value === undefined && head.key === undefined) {
      if (head.ref.value.length !== 2 || head.args) {
        generatedValue = true;
        head.value = { type: 'boolean', value: true, location };
      }
    }
    return { head, usesContains: false, generatedValue };
  }

  /** Like a term's end, but in heads a space may separate the name from `[`, `.` or `(`. */
  private parseHeadFinish(head: Term): Term | undefined {
    this.scanWS();
    switch (this.tok()) {
      case 'plus':
      case 'minus':
      case 'mul':
      case 'div':
      case 'rem':
      case 'and':
      case 'or':
      case 'equal':
      case 'neq':
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        this.illegal();
        break;
      case 'whitespace':
        this.scan();
        break;
    }
    switch (this.tok()) {
      case '(':
      case '.':
      case '[':
        return this.parseRef(head);
    }
    if (head.type === 'var' && (head.value === 'data' || head.value === 'input'))
      return refTerm([head], head.location);
    return head;
  }

  private validateDefaultValue(rule: Rule): boolean {
    const location = rule.location as Location;
    if (rule.head.value === undefined) {
      this.error(location, 'illegal default rule (must have a value)');
      return false;
    }
    let valid = true;
    const visit = (term: Term): void => {
      switch (term.type) {
        case 'ref':
        case 'var':
        case 'call':
          this.error(location, `illegal default rule (value cannot contain ${term.type})`);
          valid = false;
          return;
        case 'array':
        case 'set':
          term.value.forEach(visit);
          return;
        case 'object':
          for (const [k, v] of term.value) {
            visit(k);
            visit(v);
          }
          return;
        default:
          return;
      }
    };
    visit(rule.head.value);
    return valid;
  }

  private validateDefaultArgs(rule: Rule): boolean {
    const location = rule.location as Location;
    const seen = new Set<string>();
    for (const arg of rule.head.args ?? []) {
      if (arg.type !== 'var') {
        this.error(location, `illegal default rule (arguments cannot contain ${arg.type})`);
        return false;
      }
      if (seen.has(arg.value)) {
        this.error(location, `illegal default rule (arguments cannot be repeated ${arg.value})`);
        return false;
      }
      seen.add(arg.value);
    }
    return true;
  }
}

/** Gives every node of a copied head the location of the definition it now belongs to. */
function relocate(node: unknown, location: Location): void {
  if (Array.isArray(node)) {
    for (const item of node) relocate(item, location);
    return;
  }
  if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if ('location' in record) record.location = { ...location };
    for (const [key, value] of Object.entries(record)) if (key !== 'location') relocate(value, location);
  }
}

/** The name of a one-part head ref (`f` for `f(x)`), as `Head.name` holds it. */
function singleName(ref: RefTerm): string | undefined {
  const [first] = ref.value;
  return ref.value.length === 1 && first.type === 'var' ? first.value : undefined;
}
