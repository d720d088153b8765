/**
 * Query validation rules (gqlparser's `validator/rules`, which follow
 * graphql-js), each registering observers on the walker's events. Messages
 * are gqlparser's. Rules on values and variables are in `value-rules.ts`.
 */
import { typeName, typeString } from './ast.js';
import type { Definition, Directive, Field, FragmentDefinition, Position, Selection } from './ast.js';
import { ValueKind } from './ast.js';
import { isCompositeKind } from './schema.js';
import { didYouMean, orList, suggestionList } from './suggest.js';
import type { Events, Walker } from './walker.js';

export type AddError = (message: string, position?: Position) => void;
export type Rule = (events: Events, addError: AddError) => void;

function isLeaf(def: Definition): boolean {
  return def.Kind === 'ENUM' || def.Kind === 'SCALAR';
}

function isAbstract(def: Definition): boolean {
  return def.Kind === 'INTERFACE' || def.Kind === 'UNION';
}

/**
 * Types to suggest for a field queried on an abstract type: implementations
 * having the field and the interfaces they share it through, most-used
 * interfaces first, then by name.
 */
function suggestedTypeNames(walker: Walker, parent: Definition, name: string): string[] {
  if (!isAbstract(parent)) return [];
  const objects: string[] = [];
  const interfaces: string[] = [];
  const usage = new Map<string, number>();
  for (const possible of walker.possibleTypes(parent)) {
    if (!possible.Fields?.some((f) => f.Name === name)) continue;
    objects.push(possible.Name);
    for (const intf of possible.Interfaces ?? []) {
      if (!walker.schema.types.get(intf)?.Fields?.some((f) => f.Name === name)) continue;
      if (!usage.has(intf)) interfaces.push(intf);
      usage.set(intf, (usage.get(intf) ?? 0) + 1);
    }
  }
  return [...interfaces, ...objects].sort((a, b) => {
    const diff = (usage.get(b) ?? 0) - (usage.get(a) ?? 0);
    if (diff !== 0) return diff;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

export const fieldsOnCorrectType: Rule = (events, addError) => {
  events.field.push((walker, field) => {
    const info = walker.fields.get(field);
    const parent = info?.objectDefinition;
    if (!parent || info?.definition) return;
    let message = `Cannot query field "${field.Name}" on type "${parent.Name}".`;
    const types = suggestedTypeNames(walker, parent, field.Name);
    if (types.length) {
      message += ` Did you mean to use an inline fragment on ${orList(types, true)}?`;
    } else if (parent.Kind === 'OBJECT' || parent.Kind === 'INTERFACE') {
      const names = suggestionList(
        field.Name,
        (parent.Fields ?? []).map((f) => f.Name),
      );
      if (names.length) message += ` Did you mean ${orList(names, true)}?`;
    }
    addError(message, field.Position);
  });
};

export const fragmentsOnCompositeTypes: Rule = (events, addError) => {
  events.inlineFragment.push((walker, inline) => {
    const t = walker.schema.types.get(inline.TypeCondition);
    if (!t || isCompositeKind(t.Kind)) return;
    addError(`Fragment cannot condition on non composite type "${inline.TypeCondition}".`, inline.Position);
  });
  events.fragment.push((walker, frag) => {
    const def = walker.fragmentDefinitions.get(frag);
    if (!def || frag.TypeCondition === '' || isCompositeKind(def.Kind)) return;
    addError(
      `Fragment "${frag.Name}" cannot condition on non composite type "${frag.TypeCondition}".`,
      frag.Position,
    );
  });
};

export const knownArgumentNames: Rule = (events, addError) => {
  events.field.push((walker, field) => {
    const info = walker.fields.get(field);
    if (!info?.definition || !info.objectDefinition) return;
    const names = (info.definition.Arguments ?? []).map((a) => a.Name);
    for (const arg of field.Arguments ?? []) {
      if (names.includes(arg.Name)) continue;
      addError(
        `Unknown argument "${arg.Name}" on field "${info.objectDefinition.Name}.${field.Name}".` +
          didYouMean('Did you mean', arg.Name, names),
        field.Position,
      );
    }
  });
  events.directive.push((walker, dir) => {
    const def = walker.directives.get(dir)?.definition;
    if (!def) return;
    const names = (def.Arguments ?? []).map((a) => a.Name);
    for (const arg of dir.Arguments ?? []) {
      if (names.includes(arg.Name)) continue;
      addError(
        `Unknown argument "${arg.Name}" on directive "@${dir.Name}".` +
          didYouMean('Did you mean', arg.Name, names),
        dir.Position,
      );
    }
  });
};

export const knownDirectives: Rule = (events, addError) => {
  const seen = new Set<string>();
  events.directive.push((walker, dir) => {
    const info = walker.directives.get(dir);
    if (!info?.definition) {
      addError(`Unknown directive "@${dir.Name}".`, dir.Position);
      return;
    }
    if ((info.definition.Locations ?? []).includes(info.location)) return;
    const key = `${dir.Name}:${dir.Position?.Line}:${dir.Position?.Column}`;
    if (seen.has(key)) return;
    seen.add(key);
    addError(`Directive "@${dir.Name}" may not be used on ${info.location}.`, dir.Position);
  });
};

export const knownFragmentNames: Rule = (events, addError) => {
  events.fragmentSpread.push((walker, spread) => {
    if (!walker.spreadDefinitions.get(spread))
      addError(`Unknown fragment "${spread.Name}".`, spread.Position);
  });
};

export const knownRootType: Rule = (events, addError) => {
  events.operation.push((walker, op) => {
    const { schema } = walker;
    const root =
      op.Operation === 'query'
        ? schema.query
        : op.Operation === 'mutation'
          ? schema.mutation
          : op.Operation === 'subscription'
            ? schema.subscription
            : undefined;
    if (!root && ['query', 'mutation', 'subscription'].includes(op.Operation)) {
      addError(`Schema does not support operation type "${op.Operation}"`, op.Position);
    }
  });
};

export const knownTypeNames: Rule = (events, addError) => {
  events.variable.push((walker, varDef) => {
    const name = varDef.Type ? typeName(varDef.Type) : '';
    if (!walker.schema.types.has(name)) addError(`Unknown type "${name}".`, varDef.Position);
  });
  events.inlineFragment.push((walker, inline) => {
    if (inline.TypeCondition === '' || walker.schema.types.has(inline.TypeCondition)) return;
    addError(`Unknown type "${inline.TypeCondition}".`, inline.Position);
  });
  events.fragment.push((walker, frag) => {
    if (walker.fragmentDefinitions.get(frag)) return;
    addError(`Unknown type "${frag.TypeCondition}".`, frag.Position);
  });
};

export const loneAnonymousOperation: Rule = (events, addError) => {
  events.operation.push((walker, op) => {
    if (op.Name === '' && (walker.document.Operations?.length ?? 0) > 1) {
      addError('This anonymous operation must be the only defined operation.', op.Position);
    }
  });
};

function spreadsIn(set: Selection[] | undefined, out: { name: string; position?: Position }[] = []) {
  for (const sel of set ?? []) {
    if (sel.kind === 'spread') out.push({ name: sel.Name, position: sel.Position });
    else spreadsIn(sel.SelectionSet, out);
  }
  return out;
}

export const noFragmentCycles: Rule = (events, addError) => {
  const visited = new Set<string>();
  events.fragment.push((walker, frag) => {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    const detect = (f: FragmentDefinition) => {
      if (visited.has(f.Name)) return;
      visited.add(f.Name);
      const spreads = spreadsIn(f.SelectionSet);
      if (!spreads.length) return;
      onPath.set(f.Name, path.length);
      for (const spread of spreads) {
        const index = onPath.get(spread.name);
        path.push(spread.name);
        if (index === undefined) {
          const next = walker.fragmentNamed(spread.name);
          if (next) detect(next);
        } else {
          const cycle = path.slice(index, -1);
          const via = cycle.length ? ` via ${cycle.join(', ')}` : '';
          addError(`Cannot spread fragment "${spread.name}" within itself${via}.`, spread.position);
        }
        path.pop();
      }
      onPath.delete(f.Name);
    };
    detect(frag);
  });
};

export const noUndefinedVariables: Rule = (events, addError) => {
  events.value.push((walker, value) => {
    const op = walker.currentOperation;
    if (!op || value.Kind !== ValueKind.Variable || walker.values.get(value)?.variableDefinition) return;
    addError(
      op.Name !== ''
        ? `Variable "$${value.Raw}" is not defined by operation "${op.Name}".`
        : `Variable "$${value.Raw}" is not defined.`,
      value.Position,
    );
  });
};

export const noUnusedFragments: Rule = (events, addError) => {
  let inFragmentDefinition = false;
  const used = new Set<string>();
  events.fragmentSpread.push((_walker, spread) => {
    if (!inFragmentDefinition) used.add(spread.Name);
  });
  events.fragment.push((_walker, frag) => {
    inFragmentDefinition = true;
    if (!used.has(frag.Name)) addError(`Fragment "${frag.Name}" is never used.`, frag.Position);
  });
};

export const noUnusedVariables: Rule = (events, addError) => {
  events.operation.push((walker, op) => {
    for (const varDef of op.VariableDefinitions ?? []) {
      if (walker.usedVariables.has(varDef)) continue;
      addError(
        op.Name !== ''
          ? `Variable "$${varDef.Variable}" is never used in operation "${op.Name}".`
          : `Variable "$${varDef.Variable}" is never used.`,
        varDef.Position,
      );
    }
  });
};

export const possibleFragmentSpreads: Rule = (events, addError) => {
  const canOverlap = (walker: Walker, parent: Definition | undefined, typeCondition: string): boolean => {
    if (!parent) return true;
    let parents: Definition[];
    if (parent.Kind === 'OBJECT') parents = [parent];
    else if (isAbstract(parent)) parents = walker.possibleTypes(parent);
    else return true;
    const frag = walker.schema.types.get(typeCondition);
    if (!frag || !isCompositeKind(frag.Kind)) return true;
    return walker.possibleTypes(frag).some((f) => parents.some((p) => p.Name === f.Name));
  };
  events.inlineFragment.push((walker, inline) => {
    const parent = walker.parents.get(inline);
    if (canOverlap(walker, parent, inline.TypeCondition)) return;
    addError(
      `Fragment cannot be spread here as objects of type "${parent?.Name}" can never be of type "${inline.TypeCondition}".`,
      inline.Position,
    );
  });
  events.fragmentSpread.push((walker, spread) => {
    const def = walker.spreadDefinitions.get(spread);
    if (!def) return;
    const parent = walker.parents.get(spread);
    if (canOverlap(walker, parent, def.TypeCondition)) return;
    addError(
      `Fragment "${spread.Name}" cannot be spread here as objects of type "${parent?.Name}" can never be of type "${def.TypeCondition}".`,
      spread.Position,
    );
  });
};

export const providedRequiredArguments: Rule = (events, addError) => {
  events.field.push((walker, field) => {
    const def = walker.fields.get(field)?.definition;
    if (!def) return;
    for (const argDef of def.Arguments ?? []) {
      if (!argDef.Type?.NonNull || argDef.DefaultValue) continue;
      if (field.Arguments?.some((a) => a.Name === argDef.Name)) continue;
      addError(
        `Field "${field.Name}" argument "${argDef.Name}" of type "${typeString(argDef.Type)}" is required, but it was not provided.`,
        field.Position,
      );
    }
  });
  events.directive.push((walker, dir) => {
    const def = walker.directives.get(dir)?.definition;
    if (!def) return;
    for (const argDef of def.Arguments ?? []) {
      if (!argDef.Type?.NonNull || argDef.DefaultValue) continue;
      if (dir.Arguments?.some((a) => a.Name === argDef.Name)) continue;
      addError(
        `Directive "@${def.Name}" argument "${argDef.Name}" of type "${typeString(argDef.Type)}" is required, but it was not provided.`,
        dir.Position,
      );
    }
  });
};

export const scalarLeafs: Rule = (events, addError) => {
  events.field.push((walker, field) => {
    const def = walker.fields.get(field)?.definition;
    if (!def?.Type) return;
    const t = walker.schema.types.get(typeName(def.Type));
    if (!t) return;
    const hasSelection = (field.SelectionSet?.length ?? 0) > 0;
    if (isLeaf(t) && hasSelection) {
      addError(
        `Field "${field.Name}" must not have a selection since type "${t.Name}" has no subfields.`,
        field.Position,
      );
    }
    if (!isLeaf(t) && !hasSelection) {
      addError(
        `Field "${field.Name}" of type "${typeString(def.Type)}" must have a selection of subfields. Did you mean "${field.Name} { ... }"?`,
        field.Position,
      );
    }
  });
};

function topLevelFields(walker: Walker, set: Selection[] | undefined, seen = new Set<string>()): Field[] {
  const out: Field[] = [];
  for (const sel of set ?? []) {
    if (sel.kind === 'field') out.push(sel);
    else if (sel.kind === 'inline') out.push(...topLevelFields(walker, sel.SelectionSet, seen));
    else if (!seen.has(sel.Name)) {
      seen.add(sel.Name);
      out.push(...topLevelFields(walker, walker.fragmentNamed(sel.Name)?.SelectionSet, seen));
    }
  }
  return out;
}

export const singleFieldSubscriptions: Rule = (events, addError) => {
  events.operation.push((walker, op) => {
    if (op.Operation !== 'subscription') return;
    const fields = topLevelFields(walker, op.SelectionSet);
    const name = op.Name !== '' ? `Subscription "${op.Name}"` : 'Anonymous Subscription';
    if (fields.length > 1) addError(`${name} must select only one top level field.`, op.Position);
    for (const f of fields) {
      if (f.Name.startsWith('__')) {
        addError(`${name} must not select an introspection top level field.`, f.Position);
      }
    }
  });
};

function duplicates<T>(items: T[] | undefined, key: (t: T) => string, report: (t: T) => void): void {
  const seen = new Set<string>();
  for (const item of items ?? []) {
    const k = key(item);
    if (seen.has(k)) report(item);
    seen.add(k);
  }
}

export const uniqueArgumentNames: Rule = (events, addError) => {
  const check = (args: Field['Arguments'], position: Position | undefined) =>
    duplicates(
      args,
      (a) => a.Name,
      (a) => addError(`There can be only one argument named "${a.Name}".`, position),
    );
  events.field.push((_walker, field) => check(field.Arguments, field.Position));
  events.directive.push((_walker, dir) => check(dir.Arguments, dir.Position));
};

export const uniqueDirectivesPerLocation: Rule = (events, addError) => {
  events.directiveList.push((walker, dirs: Directive[]) => {
    duplicates(
      dirs.filter((d) => !walker.directives.get(d)?.definition?.IsRepeatable),
      (d) => d.Name,
      (d) => addError(`The directive "@${d.Name}" can only be used once at this location.`, d.Position),
    );
  });
};

export const uniqueFragmentNames: Rule = (events, addError) => {
  const seen = new Set<string>();
  events.fragment.push((_walker, frag) => {
    if (seen.has(frag.Name)) addError(`There can be only one fragment named "${frag.Name}".`, frag.Position);
    seen.add(frag.Name);
  });
};

export const uniqueInputFieldNames: Rule = (events, addError) => {
  events.value.push((_walker, value) => {
    if (value.Kind !== ValueKind.ObjectValue) return;
    duplicates(
      value.Children,
      (c) => c.Name,
      (c) => addError(`There can be only one input field named "${c.Name}".`, c.Position),
    );
  });
};

export const uniqueOperationNames: Rule = (events, addError) => {
  const seen = new Set<string>();
  events.operation.push((_walker, op) => {
    if (op.Name === '') return;
    if (seen.has(op.Name)) addError(`There can be only one operation named "${op.Name}".`, op.Position);
    seen.add(op.Name);
  });
};

export const uniqueVariableNames: Rule = (events, addError) => {
  events.operation.push((_walker, op) => {
    duplicates(
      op.VariableDefinitions,
      (v) => v.Variable,
      (v) => addError(`There can be only one variable named "$${v.Variable}".`, v.Position),
    );
  });
};
