/**
 * Annotations as the Rego values `rego.metadata.rule()` and
 * `rego.metadata.chain()` return (OPA's `Annotations.toObject` and
 * `createMetadataChain`): empty fields are left out, keys in OPA's order.
 */
import type { RegoError } from '../errors.js';
import type { Annotations, Location, Term } from '../rego/ast.js';
import type { ChainLink } from './annotation-set.js';
import { stringTerm } from './terms.js';

/** A YAML value that has no Rego form (`.nan`, `.inf`). */
export class AnnotationValueError extends Error {
  constructor(readonly error: RegoError) {
    super(error.message);
  }
}

function strings(values: string[], loc?: Location): Term {
  return { type: 'array', value: values.map((v) => stringTerm(v, loc)), location: loc };
}

function object(entries: [string, Term][], loc?: Location): Term {
  return { type: 'object', value: entries.map(([k, v]) => [stringTerm(k, loc), v]), location: loc };
}

/** A value read from YAML (`custom`, schema definitions) as a ground term. */
export function valueTerm(value: unknown, what: string, loc?: Location): Term {
  return valueTermWithin(value, what, loc, new Set());
}

/** `open` holds the arrays and objects being converted: YAML aliases can make one contain itself. */
function valueTermWithin(value: unknown, what: string, loc: Location | undefined, open: Set<object>): Term {
  const invalid = (reason: string): AnnotationValueError =>
    new AnnotationValueError({
      code: 'rego_compile_error',
      message: `invalid ${what}: ${reason}`,
      location: loc,
    });
  if (value === null || value === undefined) return { type: 'null', value: null, location: loc };
  if (typeof value === 'boolean') return { type: 'boolean', value, location: loc };
  if (typeof value === 'string') return stringTerm(value, loc);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalid(`${value} is not a JSON number`);
    return { type: 'number', value: String(value), location: loc };
  }
  if (typeof value !== 'object') throw invalid(`unsupported value ${String(value)}`);
  const tag = Object.prototype.toString.call(value);
  if (!Array.isArray(value) && tag !== '[object Object]') {
    throw invalid(`unsupported value ${tag} (only YAML maps, lists and scalars)`);
  }
  if (open.has(value)) throw invalid('a YAML alias refers to a value that contains it');
  open.add(value);
  try {
    if (Array.isArray(value)) {
      return { type: 'array', value: value.map((v) => valueTermWithin(v, what, loc, open)), location: loc };
    }
    return object(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        valueTermWithin(v, what, loc, open),
      ]),
      loc,
    );
  } finally {
    open.delete(value);
  }
}

/** One block as an object term; `loc` is where the call was written. */
export function annotationsTerm(a: Annotations, loc?: Location): Term {
  const entries: [string, Term][] = [['scope', stringTerm(a.scope, loc)]];
  if (a.title) entries.push(['title', stringTerm(a.title, loc)]);
  if (a.entrypoint) entries.push(['entrypoint', { type: 'boolean', value: true, location: loc }]);
  if (a.description) entries.push(['description', stringTerm(a.description, loc)]);
  if (a.organizations?.length) entries.push(['organizations', strings(a.organizations, loc)]);
  if (a.related_resources?.length) {
    const rrs = a.related_resources.map((rr) => {
      const fields: [string, Term][] = [['ref', stringTerm(rr.ref, loc)]];
      if (rr.description) fields.push(['description', stringTerm(rr.description, loc)]);
      return object(fields, loc);
    });
    entries.push(['related_resources', { type: 'array', value: rrs, location: loc }]);
  }
  if (a.authors?.length) {
    const authors = a.authors.map((author) => {
      const fields: [string, Term][] = [];
      if (author.name) fields.push(['name', stringTerm(author.name, loc)]);
      if (author.email) fields.push(['email', stringTerm(author.email, loc)]);
      return object(fields, loc);
    });
    entries.push(['authors', { type: 'array', value: authors, location: loc }]);
  }
  if (a.schemas?.length) {
    const schemas = a.schemas.map((s) => {
      const fields: [string, Term][] = [];
      if (s.path.length) fields.push(['path', strings(s.path, loc)]);
      if (s.schema?.length) fields.push(['schema', strings(s.schema, loc)]);
      if (s.definition !== undefined)
        fields.push(['definition', valueTerm(s.definition, 'definition in schema annotation', a.location)]);
      return object(fields, loc);
    });
    entries.push(['schemas', { type: 'array', value: schemas, location: loc }]);
  }
  if (a.custom && Object.keys(a.custom).length > 0)
    entries.push(['custom', valueTerm(a.custom, 'custom annotation', a.location)]);
  return object(entries, loc);
}

/** A chain as an array of `{"path": [...], "annotations": {...}}` (no `annotations` for a bare rule link). */
export function chainTerm(chain: ChainLink[], loc?: Location): Term {
  const links = chain.map((link) => {
    const fields: [string, Term][] = [['path', strings(link.path, loc)]];
    if (link.annotations) fields.push(['annotations', annotationsTerm(link.annotations, loc)]);
    return object(fields, loc);
  });
  return { type: 'array', value: links, location: loc };
}
