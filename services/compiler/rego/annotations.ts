/**
 * `# METADATA` comment blocks (OPA's annotations, `v1/ast/annotations.go`
 * and the metadata parser in `parser.go`): YAML inside comments, attached
 * to the package or rule that follows them.
 */

import { yaml } from '../../common/yaml.js';
import type { Annotations, Location, Package, Rule, Term } from './ast.js';
import type { RegoError } from '../errors.js';
import type { SourceComment } from './lexer.js';
import { formatTerm } from './printer.js';
import { isGround } from './terms.js';

const SCOPES = ['rule', 'document', 'package', 'subpackages'] as const;

/** A block as written; its scope may still be unset (it then follows from what it is attached to). */
interface Block {
  annotations: Omit<Annotations, 'scope'> & { scope: string };
  location: Location;
}

/** A statement annotations can attach to, in source order. */
export type AnnotatedNode =
  { kind: 'package'; node: Package } | { kind: 'import' } | { kind: 'rule'; node: Rule };

export interface PlacedNode {
  row: number;
  target: AnnotatedNode;
}

function parseError(message: string, location: Location): RegoError {
  return { code: 'rego_parse_error', message, location };
}

/** Groups comments into METADATA blocks: a `# METADATA` line and the comment lines right below it. */
function collectBlocks(comments: SourceComment[], file: string): { location: Location; lines: string[] }[] {
  const blocks: { location: Location; lines: string[] }[] = [];
  let current: { location: Location; lines: string[] } | undefined;
  comments.forEach((c, i) => {
    if (current) {
      const prev = comments[i - 1];
      if (c.row === prev.row + 1 && c.col === 1) {
        current.lines.push(c.text.startsWith(' ') ? c.text.slice(1) : c.text);
        return;
      }
      current = undefined;
    }
    if (c.text.trim().startsWith('METADATA')) {
      current = { location: { file, row: c.row, col: c.col }, lines: [] };
      blocks.push(current);
    }
  });
  return blocks;
}

/**
 * Reads a ref such as `input.user` or `schema["a.b"]` into its parts as
 * strings (`["input", "user"]`), or undefined when it is not a ref. The
 * parser passes its own, so this file does not import it back.
 */
export type RefReader = (text: string) => string[] | undefined;

/** Parses every METADATA block of a module's comments. */
export function parseMetadataBlocks(
  comments: SourceComment[],
  file: string,
  readRef: RefReader,
): { blocks: Block[]; errors: RegoError[] } {
  const blocks: Block[] = [];
  const errors: RegoError[] = [];
  for (const { location, lines } of collectBlocks(comments, file)) {
    const text = lines.map((l) => `${l}\n`).join('');
    if (text.trim() === '') {
      errors.push(parseError('expected METADATA block, found whitespace', location));
      continue;
    }
    const doc = yaml().parseDocument(text);
    if (doc.errors.length > 0) {
      errors.push(parseError(`yaml: ${doc.errors[0].message.split('\n')[0]}`, location));
      continue;
    }
    try {
      blocks.push({ annotations: { ...readAnnotation(doc.toJS(), readRef), location }, location });
    } catch (err) {
      errors.push(parseError((err as Error).message, location));
    }
  }
  return { blocks, errors };
}

function expectString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new Error(`invalid ${field}: expected a string`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readAnnotation(raw: unknown, readRef: RefReader): Block['annotations'] {
  if (raw === null || raw === undefined) return { scope: '' };
  if (!isRecord(raw)) throw new Error('yaml: the METADATA block must be a mapping');
  const a: Block['annotations'] = { scope: raw.scope === undefined ? '' : expectString(raw.scope, 'scope') };
  if (raw.title !== undefined) a.title = expectString(raw.title, 'title');
  if (raw.entrypoint === true) a.entrypoint = true;
  if (raw.description !== undefined) a.description = expectString(raw.description, 'description');
  if (Array.isArray(raw.organizations))
    a.organizations = raw.organizations.map((o) => expectString(o, 'organization'));
  if (Array.isArray(raw.related_resources))
    a.related_resources = raw.related_resources.map(readRelatedResource);
  if (Array.isArray(raw.authors)) a.authors = raw.authors.map(readAuthor);
  if (Array.isArray(raw.schemas)) a.schemas = raw.schemas.map((entry) => readSchema(entry, readRef));
  if (isRecord(raw.custom) && Object.keys(raw.custom).length > 0) a.custom = raw.custom;
  // Keys in OPA's order, so printing an annotation reads like OPA's output.
  return a;
}

function readRelatedResource(rr: unknown): { ref: string; description?: string } {
  if (typeof rr === 'string') {
    if (rr === '') throw new Error('invalid related-resource definition: ref URL may not be empty string');
    return { ref: rr };
  }
  if (isRecord(rr)) {
    const ref = typeof rr.ref === 'string' ? rr.ref.trim() : '';
    const description = typeof rr.description === 'string' ? rr.description.trim() : '';
    if (ref === '') throw new Error("invalid related-resource definition: 'ref' value required in object");
    return description ? { ref, description } : { ref };
  }
  throw new Error('invalid related-resource definition: invalid value type, must be string or map');
}

function readAuthor(author: unknown): { name?: string; email?: string } {
  if (typeof author === 'string') {
    const parts = author.trim().split(/\s+/).filter(Boolean);
    if (parts.length === 0) throw new Error('invalid author definition: author is an empty string');
    const last = parts[parts.length - 1];
    // A last word in angle brackets is the email address.
    if (last.length >= 2 && last.startsWith('<') && last.endsWith('>')) {
      const name = parts.slice(0, -1).join(' ');
      return name ? { name, email: last.slice(1, -1) } : { email: last.slice(1, -1) };
    }
    return { name: parts.join(' ') };
  }
  if (isRecord(author)) {
    const name = typeof author.name === 'string' ? author.name.trim() : '';
    const email = typeof author.email === 'string' ? author.email.trim() : '';
    if (!name && !email)
      throw new Error("invalid author definition: 'name' and/or 'email' values required in object");
    return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
  }
  throw new Error('invalid author definition: invalid value type, must be string or map');
}

function readSchema(
  entry: unknown,
  readRef: RefReader,
): { path: string[]; schema?: string[]; definition?: unknown } {
  if (!isRecord(entry) || Object.keys(entry).length !== 1) throw new Error('invalid schema declaration');
  const [key, value] = Object.entries(entry)[0];
  const path = readRef(key);
  if (!path) throw new Error('invalid document reference');
  if (typeof value === 'string') {
    const schema = readRef(value);
    if (!schema || schema[0] !== 'schema') throw new Error('invalid schema reference');
    return { path, schema };
  }
  if (isRecord(value)) return { path, definition: value };
  throw new Error(`invalid schema declaration for path "${key}"`);
}

/** Ref parts up to the first non-ground one, printed, for comparing document paths. */
function groundPrefix(parts: Term[]): string[] {
  const out: string[] = [];
  for (const part of parts) {
    if (part.type === 'var' && out.length === 0) out.push(part.value);
    else if (part.type === 'string') out.push(part.value);
    else if (isGround(part)) out.push(formatTerm(part));
    else break;
  }
  return out;
}

/**
 * Attaches each block to the first statement below it, fills in the
 * default scope, checks the scope fits, and hands out the blocks: to the
 * package, and to each rule as OPA does (its own rule-scoped block and the
 * document-scoped blocks of its path).
 */
export function attachAnnotations(
  blocks: Block[],
  nodes: PlacedNode[],
  pkg: Package | undefined,
): RegoError[] {
  const errors: RegoError[] = [];
  const placed: { a: Annotations; target?: AnnotatedNode }[] = [];
  for (const { annotations, location } of blocks) {
    const target = nodes.find((n) => n.row > location.row)?.target;
    let scope = annotations.scope;
    if (scope === '' && target) {
      if (target.kind === 'rule') scope = annotations.entrypoint ? 'document' : 'rule';
      else scope = target.kind;
    }
    const wants = scope === 'rule' || scope === 'document' ? 'rule' : 'package';
    if (!(SCOPES as readonly string[]).includes(scope)) {
      errors.push(
        parseError(
          `invalid annotation scope '${scope}'. Use one of 'rule', 'document', 'package', or 'subpackages'`,
          location,
        ),
      );
      continue;
    }
    if (target?.kind !== wants) {
      const have = target ? ` (have ${target.kind})` : '';
      errors.push(parseError(`annotation scope '${scope}' must be applied to ${wants}${have}`, location));
      continue;
    }
    if (annotations.entrypoint && scope !== 'document' && scope !== 'package') {
      errors.push(
        parseError(`annotation entrypoint applied to non-document or package scope '${scope}'`, location),
      );
      continue;
    }
    placed.push({ a: { ...annotations, scope: scope as Annotations['scope'] }, target });
  }
  if (errors.length > 0) return errors;

  const packagePath = pkg ? groundPrefix(pkg.path.value).slice(1) : [];
  const pathOf = (target: AnnotatedNode | undefined): string | undefined => {
    if (target?.kind === 'package') return JSON.stringify(packagePath);
    if (target?.kind === 'rule')
      return JSON.stringify([...packagePath, ...groundPrefix(target.node.head.ref.value)]);
    return undefined;
  };

  for (const { a, target } of placed) {
    if (target?.kind === 'package') (target.node.annotations ??= []).push(a);
  }
  const remaining = placed.filter((p) => p.target?.kind === 'rule');
  for (const { target } of nodes) {
    if (target.kind !== 'rule') continue;
    const rule = target.node;
    const path = pathOf(target);
    let used = -1;
    remaining.forEach(({ a, target: t }, i) => {
      if (pathOf(t) !== path) return;
      if (a.scope === 'document') {
        (rule.annotations ??= []).push(a);
      } else if (a.scope === 'rule' && (rule.location?.row ?? 0) > (a.location?.row ?? 0)) {
        (rule.annotations ??= []).push(a);
        used = i;
      }
    });
    // A rule-scoped block belongs to one definition only.
    if (used >= 0) remaining.splice(used, 1);
  }
  return errors;
}
