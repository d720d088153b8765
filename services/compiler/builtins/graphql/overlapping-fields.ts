/**
 * OverlappingFieldsCanBeMerged, simplified: within one selection set (with
 * inline fragments and fragment spreads flattened into it), fields that
 * share a response name must be the same field with the same arguments
 * (unless their parents are different object types), must not return
 * conflicting types, and their sub-selections must merge in turn. Messages
 * are gqlparser's (graphql-js's). Unlike graphql-js it does not compare
 * fragments pairwise beyond this flattening.
 */
import { typeName, typeString } from './ast.js';
import type { Definition, Field, FieldDefinition, GqlType, Position, Selection } from './ast.js';
import type { Rule } from './rules.js';
import { valueString } from './value-rules.js';
import type { Walker } from './walker.js';

interface FieldEntry {
  parent?: Definition;
  field: Field;
  definition?: FieldDefinition;
}

type Reason = string | [string, Reason][];

interface Conflict {
  responseName: string;
  reason: Reason;
  position?: Position;
}

function collect(
  walker: Walker,
  parent: Definition | undefined,
  set: Selection[] | undefined,
  out = new Map<string, FieldEntry[]>(),
  spreads = new Set<string>(),
): Map<string, FieldEntry[]> {
  for (const sel of set ?? []) {
    if (sel.kind === 'field') {
      const definition =
        sel.Name === '__typename' ? undefined : parent?.Fields?.find((f) => f.Name === sel.Name);
      const list = out.get(sel.Alias) ?? [];
      list.push({ parent, field: sel, definition });
      out.set(sel.Alias, list);
    } else if (sel.kind === 'inline') {
      const next = sel.TypeCondition !== '' ? walker.schema.types.get(sel.TypeCondition) : parent;
      collect(walker, next, sel.SelectionSet, out, spreads);
    } else if (!spreads.has(sel.Name)) {
      spreads.add(sel.Name);
      const frag = walker.fragmentNamed(sel.Name);
      if (frag) collect(walker, walker.schema.types.get(frag.TypeCondition), frag.SelectionSet, out, spreads);
    }
  }
  return out;
}

function isLeafKind(def: Definition | undefined): boolean {
  return def?.Kind === 'SCALAR' || def?.Kind === 'ENUM';
}

function typesConflict(walker: Walker, a: GqlType, b: GqlType): boolean {
  if (a.Elem) return b.Elem ? typesConflict(walker, a.Elem, b.Elem) : true;
  if (b.Elem) return true;
  if (a.NonNull !== b.NonNull) return true;
  const ta = walker.schema.types.get(a.NamedType);
  const tb = walker.schema.types.get(b.NamedType);
  if (isLeafKind(ta) && isLeafKind(tb)) return ta?.Name !== tb?.Name;
  return false;
}

function sameArguments(a: Field, b: Field): boolean {
  const argsA = a.Arguments ?? [];
  const argsB = b.Arguments ?? [];
  if (argsA.length !== argsB.length) return false;
  return argsA.every((arg) => {
    const other = argsB.find((o) => o.Name === arg.Name);
    return !!other && valueString(arg.Value) === valueString(other.Value);
  });
}

function reasonText(reason: Reason): string {
  if (typeof reason === 'string') return reason;
  return reason.map(([name, sub]) => `subfields "${name}" conflict because ${reasonText(sub)}`).join(' and ');
}

function findConflict(
  walker: Walker,
  responseName: string,
  a: FieldEntry,
  b: FieldEntry,
  exclusive: boolean,
): Conflict | undefined {
  const mutex =
    exclusive ||
    (!!a.parent &&
      !!b.parent &&
      a.parent !== b.parent &&
      a.parent.Kind === 'OBJECT' &&
      b.parent.Kind === 'OBJECT');
  const at = a.field.Position;
  if (!mutex) {
    if (a.field.Name !== b.field.Name) {
      return {
        responseName,
        reason: `"${a.field.Name}" and "${b.field.Name}" are different fields`,
        position: at,
      };
    }
    if (!sameArguments(a.field, b.field)) {
      return { responseName, reason: 'they have differing arguments', position: at };
    }
  }
  const typeA = a.definition?.Type;
  const typeB = b.definition?.Type;
  if (typeA && typeB && typesConflict(walker, typeA, typeB)) {
    return {
      responseName,
      reason: `they return conflicting types "${typeString(typeA)}" and "${typeString(typeB)}"`,
      position: at,
    };
  }
  if (a.field.SelectionSet?.length && b.field.SelectionSet?.length) {
    const fieldsA = collect(
      walker,
      typeA ? walker.schema.types.get(typeName(typeA)) : undefined,
      a.field.SelectionSet,
    );
    const fieldsB = collect(
      walker,
      typeB ? walker.schema.types.get(typeName(typeB)) : undefined,
      b.field.SelectionSet,
    );
    const subs: [string, Reason][] = [];
    for (const [name, listA] of fieldsA) {
      for (const x of listA) {
        for (const y of fieldsB.get(name) ?? []) {
          const c = findConflict(walker, name, x, y, mutex);
          if (c) subs.push([c.responseName, c.reason]);
        }
      }
    }
    if (subs.length) return { responseName, reason: subs, position: at };
  }
  return undefined;
}

function conflictsWithin(
  walker: Walker,
  parent: Definition | undefined,
  set: Selection[] | undefined,
): Conflict[] {
  const conflicts: Conflict[] = [];
  for (const [name, entries] of collect(walker, parent, set)) {
    for (let i = 0; i < entries.length; i++) {
      for (let j = i + 1; j < entries.length; j++) {
        const c = findConflict(walker, name, entries[i], entries[j], false);
        if (c) conflicts.push(c);
      }
    }
  }
  return conflicts;
}

export const overlappingFieldsCanBeMerged: Rule = (events, addError) => {
  const report = (conflicts: Conflict[]) => {
    for (const c of conflicts) {
      addError(
        `Fields "${c.responseName}" conflict because ${reasonText(c.reason)}. Use different aliases on the fields to fetch both if this was intentional.`,
        c.position,
      );
    }
  };
  events.operation.push((walker, op) => {
    const root =
      op.Operation === 'mutation'
        ? walker.schema.mutation
        : op.Operation === 'subscription'
          ? walker.schema.subscription
          : walker.schema.query;
    report(conflictsWithin(walker, root, op.SelectionSet));
  });
  events.field.push((walker, field) => {
    const def = walker.fields.get(field)?.definition;
    const next = def?.Type ? walker.schema.types.get(typeName(def.Type)) : undefined;
    report(conflictsWithin(walker, next, field.SelectionSet));
  });
};
