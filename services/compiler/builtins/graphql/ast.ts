/**
 * The GraphQL AST as gqlparser (v2, vendored in OPA) shapes it: field names
 * are the Go struct field names, because OPA hands the structs to Rego via
 * JSON. Non-pointer Go fields always hold a value (their zero value when
 * absent); pointer and slice fields are optional. `Position` is kept for
 * error messages and dropped when a node is turned into a Rego value.
 */

export interface Position {
  Line: number;
  Column: number;
}

export const ValueKind = {
  Variable: 0,
  IntValue: 1,
  FloatValue: 2,
  StringValue: 3,
  BlockValue: 4,
  BooleanValue: 5,
  NullValue: 6,
  EnumValue: 7,
  ListValue: 8,
  ObjectValue: 9,
} as const;

export interface GqlType {
  NamedType: string;
  Elem?: GqlType;
  NonNull: boolean;
  Position?: Position;
}

export interface ChildValue {
  Name: string;
  Value?: GqlValue;
  Position?: Position;
}

export interface GqlValue {
  Raw: string;
  Children?: ChildValue[];
  Kind: number;
  Position?: Position;
}

export interface Argument {
  Name: string;
  Value?: GqlValue;
  Position?: Position;
}

export interface Directive {
  Name: string;
  Arguments?: Argument[];
  Position?: Position;
  Location: string;
}

export interface Field {
  kind: 'field';
  Alias: string;
  Name: string;
  Arguments?: Argument[];
  Directives?: Directive[];
  SelectionSet?: Selection[];
  Position?: Position;
}

export interface FragmentSpread {
  kind: 'spread';
  Name: string;
  Directives?: Directive[];
  Position?: Position;
}

export interface InlineFragment {
  kind: 'inline';
  TypeCondition: string;
  Directives?: Directive[];
  SelectionSet?: Selection[];
  Position?: Position;
}

export type Selection = Field | FragmentSpread | InlineFragment;

export interface VariableDefinition {
  Variable: string;
  Type?: GqlType;
  DefaultValue?: GqlValue;
  Directives?: Directive[];
  Position?: Position;
  Used: boolean;
}

export interface OperationDefinition {
  Operation: string;
  Name: string;
  VariableDefinitions?: VariableDefinition[];
  Directives?: Directive[];
  SelectionSet?: Selection[];
  Position?: Position;
}

export interface FragmentDefinition {
  Name: string;
  VariableDefinition?: VariableDefinition[];
  TypeCondition: string;
  Directives?: Directive[];
  SelectionSet?: Selection[];
  Position?: Position;
}

export interface QueryDocument {
  Operations?: OperationDefinition[];
  Fragments?: FragmentDefinition[];
  Position?: Position;
}

export interface ArgumentDefinition {
  Description: string;
  Name: string;
  DefaultValue?: GqlValue;
  Type?: GqlType;
  Directives?: Directive[];
  Position?: Position;
}

export interface FieldDefinition {
  Description: string;
  Name: string;
  Arguments?: ArgumentDefinition[];
  DefaultValue?: GqlValue;
  Type?: GqlType;
  Directives?: Directive[];
  Position?: Position;
}

export interface EnumValueDefinition {
  Description: string;
  Name: string;
  Directives?: Directive[];
  Position?: Position;
}

export type DefinitionKind = 'SCALAR' | 'OBJECT' | 'INTERFACE' | 'UNION' | 'ENUM' | 'INPUT_OBJECT' | '';

export interface Definition {
  Kind: DefinitionKind;
  Description: string;
  Name: string;
  Directives?: Directive[];
  Interfaces?: string[];
  Fields?: FieldDefinition[];
  Types?: string[];
  EnumValues?: EnumValueDefinition[];
  Position?: Position;
  BuiltIn: boolean;
}

export interface DirectiveDefinition {
  Description: string;
  Name: string;
  Arguments?: ArgumentDefinition[];
  Locations?: string[];
  IsRepeatable: boolean;
  Position?: Position;
}

export interface OperationTypeDefinition {
  Operation: string;
  Type: string;
  Position?: Position;
}

export interface SchemaDefinition {
  Description: string;
  Directives?: Directive[];
  OperationTypes?: OperationTypeDefinition[];
  Position?: Position;
}

export interface SchemaDocument {
  Schema?: SchemaDefinition[];
  SchemaExtension?: SchemaDefinition[];
  Directives?: DirectiveDefinition[];
  Definitions?: Definition[];
  Extensions?: Definition[];
  Position?: Position;
}

/** `[Int!]!`-style rendering of a type reference (gqlparser's `Type.String`). */
export function typeString(t: GqlType): string {
  const bang = t.NonNull ? '!' : '';
  if (t.Elem) return `[${typeString(t.Elem)}]${bang}`;
  return `${t.NamedType}${bang}`;
}

/** The innermost named type of a reference. */
export function typeName(t: GqlType): string {
  return t.Elem ? typeName(t.Elem) : t.NamedType;
}
