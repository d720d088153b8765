/**
 * Human-readable text of an IR policy, one statement per line with nested
 * blocks indented (in the spirit of OPA's `ir.Pretty`). Operands print as
 * `Local<3>`, `"string"` (resolved from the string table) or `true`.
 */
import type { Block, Operand, Policy, Stmt } from './ir.js';

const LOCATION_FIELDS = new Set(['file', 'row', 'col']);

function operand(o: Operand, policy: Policy): string {
  switch (o.type) {
    case 'local':
      return `Local<${o.value}>`;
    case 'bool':
      return String(o.value);
    case 'string_index':
      return JSON.stringify(policy.static.strings[o.value]?.value ?? `<string ${o.value}>`);
  }
}

function field(key: string, value: unknown, policy: Policy): string {
  if (value && typeof value === 'object' && 'type' in value && 'value' in value)
    return `${key}: ${operand(value as Operand, policy)}`;
  if (Array.isArray(value)) {
    const items = value.map((v) =>
      v && typeof v === 'object' && 'type' in v ? operand(v as Operand, policy) : String(v),
    );
    return `${key}: [${items.join(', ')}]`;
  }
  if (key === 'Index' && typeof value === 'number')
    return `${key}: ${JSON.stringify(policy.static.strings[value]?.value)}`;
  if (
    ['source', 'target', 'result', 'set', 'object', 'array', 'local', 'key', 'value', 'a', 'b'].includes(
      key,
    ) &&
    typeof value === 'number'
  ) {
    return `${key}: Local<${value}>`;
  }
  return `${key}: ${JSON.stringify(value)}`;
}

function stmt(s: Stmt, policy: Policy, indent: string, out: string[]): void {
  const body = s.stmt as unknown as Record<string, unknown>;
  const parts: string[] = [];
  const nested: Block[][] = [];
  for (const [k, v] of Object.entries(body)) {
    if (LOCATION_FIELDS.has(k)) continue;
    if (k === 'block') nested.push([v as Block]);
    else if (k === 'blocks') nested.push(v as Block[]);
    else if (k === 'path' && s.type === 'WithStmt')
      parts.push(
        `path: [${(v as number[]).map((i) => JSON.stringify(policy.static.strings[i]?.value)).join(', ')}]`,
      );
    else parts.push(field(k, v, policy));
  }
  out.push(`${indent}${s.type} {${parts.join(', ')}}`);
  for (const blocks of nested) for (const b of blocks) block(b, policy, `${indent}  `, out);
}

function block(b: Block, policy: Policy, indent: string, out: string[]): void {
  out.push(`${indent}block`);
  for (const s of b.stmts) stmt(s, policy, `${indent}  `, out);
}

export function printPolicy(policy: Policy): string {
  const out: string[] = ['static'];
  policy.static.strings.forEach((s, i) => out.push(`  string ${i}: ${JSON.stringify(s.value)}`));
  for (const f of policy.static.builtin_funcs ?? []) out.push(`  builtin ${f.name}`);
  policy.static.files.forEach((f, i) => out.push(`  file ${i}: ${f.value}`));
  for (const p of policy.plans.plans) {
    out.push(`plan ${p.name}`);
    for (const b of p.blocks) block(b, policy, '  ', out);
  }
  for (const f of policy.funcs.funcs) {
    out.push(`func ${f.name} (${f.params.map((l) => `Local<${l}>`).join(', ')}) returns Local<${f.return}>`);
    for (const b of f.blocks) block(b, policy, '  ', out);
  }
  return out.join('\n') + '\n';
}
