/**
 * A small JSON Schema checker for the keywords our two schemas use (type,
 * enum, required, properties, additionalProperties, items, allOf, oneOf,
 * $ref to #/$defs). Returns the list of problems; empty means valid.
 */
type Schema = Record<string, unknown>;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

export function check(schema: Schema, value: unknown, root: Schema = schema, at = '$'): string[] {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/$defs/', '');
    return check((root.$defs as Record<string, Schema>)[name], value, root, at);
  }
  const problems: string[] = [];
  if (schema.type !== undefined) {
    const types = ([] as string[]).concat(schema.type as string | string[]);
    const actual = typeOf(value);
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number'))) {
      return [`${at}: ${actual} is not ${types.join('|')}`];
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    problems.push(`${at}: ${JSON.stringify(value)} not in enum`);
  for (const part of (schema.allOf as Schema[] | undefined) ?? [])
    problems.push(...check(part, value, root, at));
  if (Array.isArray(schema.oneOf)) {
    const passing = (schema.oneOf as Schema[]).filter((s) => check(s, value, root, at).length === 0).length;
    if (passing !== 1) problems.push(`${at}: matches ${passing} of oneOf`);
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of (schema.required as string[] | undefined) ?? []) {
      if (!(key in object)) problems.push(`${at}: missing ${key}`);
    }
    const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
    const extra = schema.additionalProperties;
    for (const [key, item] of Object.entries(object)) {
      if (properties[key]) problems.push(...check(properties[key], item, root, `${at}.${key}`));
      else if (extra === false) problems.push(`${at}: unexpected ${key}`);
      else if (extra && typeof extra === 'object')
        problems.push(...check(extra as Schema, item, root, `${at}.${key}`));
    }
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => problems.push(...check(schema.items as Schema, item, root, `${at}[${i}]`)));
  }
  return problems;
}
