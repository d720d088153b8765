/**
 * Validation rules on values and variables (gqlparser's
 * ValuesOfCorrectType, VariablesAreInputTypes, VariablesInAllowedPosition).
 */
import { goQuote } from '../goformat.js';
import { typeString } from './ast.js';
import type { GqlType, GqlValue } from './ast.js';
import { ValueKind } from './ast.js';
import { isInputKind } from './schema.js';
import type { Rule } from './rules.js';
import { didYouMean } from './suggest.js';

/** gqlparser's `Value.String()`. */
export function valueString(v: GqlValue | undefined): string {
  if (!v) return '<nil>';
  switch (v.Kind) {
    case ValueKind.Variable:
      return `$${v.Raw}`;
    case ValueKind.StringValue:
    case ValueKind.BlockValue:
      return goQuote(v.Raw);
    case ValueKind.ListValue:
      return `[${(v.Children ?? []).map((c) => valueString(c.Value)).join(',')}]`;
    case ValueKind.ObjectValue:
      return `{${(v.Children ?? []).map((c) => `${c.Name}:${valueString(c.Value)}`).join(',')}}`;
    default:
      return v.Raw;
  }
}

const BUILTIN_SCALARS = ['Int', 'Float', 'String', 'Boolean', 'ID'];

function fitsInt32(raw: string): boolean {
  const n = Number(raw);
  return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647;
}

function unexpectedTypeMessage(value: GqlValue, expected: GqlType, definitionIsEnum: boolean): string {
  const shown = valueString(value);
  switch (typeString(expected)) {
    case 'Int':
    case 'Int!':
      if (value.Kind === ValueKind.IntValue && !fitsInt32(value.Raw)) {
        return `Int cannot represent non 32-bit signed integer value: ${shown}`;
      }
      return `Int cannot represent non-integer value: ${shown}`;
    case 'String':
    case 'String!':
    case '[String]':
      return `String cannot represent a non string value: ${shown}`;
    case 'Boolean':
    case 'Boolean!':
      return `Boolean cannot represent a non boolean value: ${shown}`;
    case 'Float':
    case 'Float!':
      return `Float cannot represent non numeric value: ${shown}`;
    case 'ID':
    case 'ID!':
      return `ID cannot represent a non-string and non-integer value: ${shown}`;
    default:
      if (definitionIsEnum)
        return `Enum "${typeString(expected)}" cannot represent non-enum value: ${shown}.`;
      return `Expected value of type "${typeString(expected)}", found ${shown}.`;
  }
}

export const valuesOfCorrectType: Rule = (events, addError) => {
  events.value.push((walker, value) => {
    const info = walker.values.get(value);
    const def = info?.definition;
    const expected = info?.expectedType;
    if (!def || !expected) return;
    if (value.Kind === ValueKind.NullValue && expected.NonNull) {
      addError(
        `Expected value of type "${typeString(expected)}", found ${valueString(value)}.`,
        value.Position,
      );
    }
    if (def.Kind === 'SCALAR' && !BUILTIN_SCALARS.includes(def.Name)) return;
    const isEnum = def.Kind === 'ENUM';
    const enums = isEnum ? (def.EnumValues ?? []).map((e) => e.Name) : [];
    const unexpected = () => addError(unexpectedTypeMessage(value, expected, isEnum), value.Position);
    const oneOf = (...names: string[]) => names.includes(def.Name);
    switch (value.Kind) {
      case ValueKind.ListValue:
        if (!expected.Elem) unexpected();
        break;
      case ValueKind.IntValue:
        if (!oneOf('Int', 'Float', 'ID')) unexpected();
        break;
      case ValueKind.FloatValue:
        if (!oneOf('Float')) unexpected();
        break;
      case ValueKind.StringValue:
      case ValueKind.BlockValue:
        if (isEnum) {
          addError(
            `Enum "${typeString(expected)}" cannot represent non-enum value: ${valueString(value)}.` +
              didYouMean('Did you mean the enum value', value.Raw, enums),
            value.Position,
          );
        } else if (!oneOf('String', 'ID')) {
          unexpected();
        }
        break;
      case ValueKind.EnumValue:
        if (!isEnum) {
          addError(
            unexpectedTypeMessage(value, expected, isEnum) +
              didYouMean('Did you mean the enum value', value.Raw, enums, false),
            value.Position,
          );
        } else if (!enums.includes(value.Raw)) {
          addError(
            `Value "${value.Raw}" does not exist in "${typeString(expected)}" enum.` +
              didYouMean('Did you mean the enum value', value.Raw, enums),
            value.Position,
          );
        }
        break;
      case ValueKind.BooleanValue:
        if (!oneOf('Boolean')) unexpected();
        break;
      case ValueKind.ObjectValue: {
        for (const field of def.Fields ?? []) {
          if (!field.Type?.NonNull) continue;
          if (value.Children?.some((c) => c.Name === field.Name) || field.DefaultValue) continue;
          addError(
            `Field "${def.Name}.${field.Name}" of required type "${typeString(field.Type)}" was not provided.`,
            value.Position,
          );
        }
        const names = (def.Fields ?? []).map((f) => f.Name);
        for (const child of value.Children ?? []) {
          if (names.includes(child.Name)) continue;
          addError(
            `Field "${child.Name}" is not defined by type "${def.Name}".` +
              didYouMean('Did you mean', child.Name, names),
            child.Position,
          );
        }
        break;
      }
      default:
        break;
    }
  });
};

export const variablesAreInputTypes: Rule = (events, addError) => {
  events.operation.push((walker, op) => {
    for (const varDef of op.VariableDefinitions ?? []) {
      const def = walker.variableDefinitions.get(varDef);
      if (!def || isInputKind(def.Kind) || !varDef.Type) continue;
      addError(
        `Variable "$${varDef.Variable}" cannot be non-input type "${typeString(varDef.Type)}".`,
        varDef.Position,
      );
    }
  });
};

/** gqlparser's `Type.IsCompatible`: may a value of type `t` be used where `other` is expected? */
function isCompatible(t: GqlType, other: GqlType): boolean {
  if (t.NamedType !== other.NamedType) return false;
  if (t.Elem && !other.Elem) return false;
  if (t.Elem && other.Elem && !isCompatible(t.Elem, other.Elem)) return false;
  if (other.NonNull) return t.NonNull;
  return true;
}

export const variablesInAllowedPosition: Rule = (events, addError) => {
  events.value.push((walker, value) => {
    const info = walker.values.get(value);
    const varDef = info?.variableDefinition;
    if (
      value.Kind !== ValueKind.Variable ||
      !info?.expectedType ||
      !varDef?.Type ||
      !walker.currentOperation
    ) {
      return;
    }
    const expected = { ...info.expectedType };
    if (varDef.DefaultValue && varDef.DefaultValue.Kind !== ValueKind.NullValue && expected.NonNull) {
      expected.NonNull = false;
    }
    if (!isCompatible(varDef.Type, expected)) {
      addError(
        `Variable "$${value.Raw}" of type "${typeString(varDef.Type)}" used in position expecting type "${typeString(info.expectedType)}".`,
        value.Position,
      );
    }
  });
};
