import { isJsonType, mediaType } from '../content-type.js';
import { ProxyError } from '../errors.js';

/**
 * Rails and Rack, Laravel and Symfony, Express's method-override and others
 * read a `_method` parameter on a POST as the method to run: the policy
 * would be shown POST while the upstream deletes. The headers that do the
 * same (`X-HTTP-Method-Override`…) are dropped (headers.ts); a parameter
 * cannot be dropped without changing what the policy saw, so a request
 * carrying one is refused (400 `method_override_refused`), unless the
 * connection says its upstream honours no such thing
 * (`methodOverride: ignore`, docs/POLICY.md).
 */

/**
 * True for `_method` as frameworks read parameter names: PHP turns spaces,
 * dots and an unclosed `[` into `_` and reads `_method[...]` as the same
 * variable; names are compared without regard to case.
 */
export function isMethodOverrideName(name: string): boolean {
  let php = name.replace(/[ .]/g, '_');
  const open = php.indexOf('[');
  if (open >= 0) php = php.includes(']', open) ? php.slice(0, open) : php.replace('[', '_');
  return php.toLowerCase() === '_method';
}

/** A `name="_method"` part of a multipart body (any quoting, any case). */
const MULTIPART_FIELD = /content-disposition:[^\r\n]*;\s*name\s*=\s*("[^"\r\n]*"|[^;\s\r\n]*)/gi;

/** Where a `_method` override is in the request, or undefined. */
export function methodOverrideIn(
  query: Record<string, string[]>,
  contentType: string | string[] | undefined,
  body: Buffer,
): string | undefined {
  for (const name of Object.keys(query)) if (isMethodOverrideName(name)) return `query parameter ${name}`;
  if (body.length === 0) return undefined;
  const type = mediaType(contentType);
  if (type === 'application/x-www-form-urlencoded') {
    for (const name of new URLSearchParams(body.toString('latin1')).keys())
      if (isMethodOverrideName(name)) return `form field ${name}`;
  } else if (type === 'multipart/form-data') {
    for (const match of body.toString('latin1').matchAll(MULTIPART_FIELD)) {
      const name = match[1].replace(/^"|"$/g, '');
      if (isMethodOverrideName(name)) return `multipart field ${name}`;
    }
  } else if (isJsonType(type)) {
    // Laravel merges a JSON body's top-level keys into the request parameters.
    const text = body.toString('utf8');
    if (/"_method/i.test(text) && topLevelKeys(text).some(isMethodOverrideName))
      return 'JSON body key _method';
  }
  return undefined;
}

function topLevelKeys(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
  } catch {
    return [];
  }
}

/** Refuses a `_method` override unless the connection ignores them. */
export function checkMethodOverride(
  mode: 'refuse' | 'ignore',
  query: Record<string, string[]>,
  contentType: string | string[] | undefined,
  body: Buffer,
): void {
  if (mode === 'ignore') return;
  const where = methodOverrideIn(query, contentType, body);
  if (where !== undefined) {
    throw new ProxyError(
      'method_override_refused',
      `${where} would make some upstreams run another method than the policy decided on`,
    );
  }
}
