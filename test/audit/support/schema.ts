import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';

/** docs/schemas/audit-event.schema.json, compiled: the problems of one event (none: valid). */
export function auditEventProblems(): (event: unknown) => string[] {
  const schema = JSON.parse(
    readFileSync(new URL('../../../docs/schemas/audit-event.schema.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
  return (event) =>
    validate(event) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}
