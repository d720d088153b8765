/**
 * Rego object → AST, as OPA does it with `json.Unmarshal` into gqlparser's
 * structs: unknown keys are ignored, missing fields take Go's zero values,
 * a value of the wrong JSON type is an error. Selection sets go through
 * gqlparser's custom decoder, which tries `Field` first and so turns every
 * selection into a field; operations, fragments and fields match their keys
 * exactly, every other struct matches them case-insensitively (Go's default).
 */
import type {
  Argument,
  ArgumentDefinition,
  ChildValue,
  Definition,
  DefinitionKind,
  Directive,
  DirectiveDefinition,
  EnumValueDefinition,
  Field,
  FieldDefinition,
  FragmentDefinition,
  GqlType,
  GqlValue,
  OperationDefinition,
  OperationTypeDefinition,
  Position,
  QueryDocument,
  SchemaDefinition,
  SchemaDocument,
  Selection,
  VariableDefinition,
} from './ast.js';
import { GraphQLError } from './errors.js';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'object' : typeof v;
}

function mismatch(v: unknown, goType: string, field: string): GraphQLError {
  return new GraphQLError(
    `json: cannot unmarshal ${jsonType(v)} into Go struct field .${field} of type ${goType}`,
  );
}

class Reader {
  constructor(
    private readonly o: Obj,
    private readonly exact: boolean,
  ) {}

  get(name: string): unknown {
    if (Object.hasOwn(this.o, name)) return this.o[name];
    if (this.exact) return undefined;
    const lower = name.toLowerCase();
    const key = Object.keys(this.o).find((k) => k.toLowerCase() === lower);
    return key === undefined ? undefined : this.o[key];
  }

  str(name: string): string {
    const v = this.get(name);
    if (v === undefined || v === null) return '';
    if (typeof v !== 'string') throw mismatch(v, 'string', name);
    return v;
  }

  bool(name: string): boolean {
    const v = this.get(name);
    if (v === undefined || v === null) return false;
    if (typeof v !== 'boolean') throw mismatch(v, 'bool', name);
    return v;
  }

  int(name: string): number {
    const v = this.get(name);
    if (v === undefined || v === null) return 0;
    if (typeof v !== 'number' || !Number.isInteger(v)) throw mismatch(v, 'int', name);
    return v;
  }

  list<T>(name: string, item: (v: unknown) => T | undefined): T[] | undefined {
    const v = this.get(name);
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) throw mismatch(v, 'slice', name);
    return v.map(item).filter((x): x is T => x !== undefined);
  }

  strings(name: string): string[] | undefined {
    return this.list(name, (v) => {
      if (v === null) return '';
      if (typeof v !== 'string') throw mismatch(v, 'string', name);
      return v;
    });
  }

  node<T>(name: string, decode: (o: Obj) => T): T | undefined {
    const v = this.get(name);
    if (v === undefined || v === null) return undefined;
    if (!isObj(v)) throw mismatch(v, 'struct', name);
    return decode(v);
  }

  position(): Position | undefined {
    return this.node('Position', (o) => {
      const r = new Reader(o, false);
      return { Line: r.int('Line'), Column: r.int('Column') };
    });
  }
}

/** Decodes a list element that Go holds by pointer: null stays absent. */
function element<T>(decode: (o: Obj) => T, field: string): (v: unknown) => T | undefined {
  return (v) => {
    if (v === null) return undefined;
    if (!isObj(v)) throw mismatch(v, 'struct', field);
    return decode(v);
  };
}

function decodeType(o: Obj): GqlType {
  const r = new Reader(o, false);
  return {
    NamedType: r.str('NamedType'),
    Elem: r.node('Elem', decodeType),
    NonNull: r.bool('NonNull'),
    Position: r.position(),
  };
}

function decodeValue(o: Obj): GqlValue {
  const r = new Reader(o, false);
  return {
    Raw: r.str('Raw'),
    Children: r.list('Children', element(decodeChild, 'Children')),
    Kind: r.int('Kind'),
    Position: r.position(),
  };
}

function decodeChild(o: Obj): ChildValue {
  const r = new Reader(o, false);
  return { Name: r.str('Name'), Value: r.node('Value', decodeValue), Position: r.position() };
}

function decodeArgument(o: Obj): Argument {
  const r = new Reader(o, false);
  return { Name: r.str('Name'), Value: r.node('Value', decodeValue), Position: r.position() };
}

function decodeDirective(o: Obj): Directive {
  const r = new Reader(o, false);
  return {
    Name: r.str('Name'),
    Arguments: r.list('Arguments', element(decodeArgument, 'Arguments')),
    Position: r.position(),
    Location: r.str('Location'),
  };
}

function directives(r: Reader): Directive[] | undefined {
  return r.list('Directives', element(decodeDirective, 'Directives'));
}

function decodeVariableDefinition(o: Obj): VariableDefinition {
  const r = new Reader(o, false);
  return {
    Variable: r.str('Variable'),
    Type: r.node('Type', decodeType),
    DefaultValue: r.node('DefaultValue', decodeValue),
    Directives: directives(r),
    Position: r.position(),
    Used: r.bool('Used'),
  };
}

function selectionSet(r: Reader): Selection[] | undefined {
  return r.list('SelectionSet', element(decodeField, 'SelectionSet'));
}

function decodeField(o: Obj): Field {
  const r = new Reader(o, true);
  return {
    kind: 'field',
    Alias: r.str('Alias'),
    Name: r.str('Name'),
    Arguments: r.list('Arguments', element(decodeArgument, 'Arguments')),
    Directives: directives(r),
    SelectionSet: selectionSet(r),
    Position: r.position(),
  };
}

function decodeOperation(o: Obj): OperationDefinition {
  const r = new Reader(o, true);
  return {
    Operation: r.str('Operation'),
    Name: r.str('Name'),
    VariableDefinitions: r.list(
      'VariableDefinitions',
      element(decodeVariableDefinition, 'VariableDefinitions'),
    ),
    Directives: directives(r),
    SelectionSet: selectionSet(r),
    Position: r.position(),
  };
}

function decodeFragment(o: Obj): FragmentDefinition {
  const r = new Reader(o, true);
  return {
    Name: r.str('Name'),
    VariableDefinition: r.list('VariableDefinition', element(decodeVariableDefinition, 'VariableDefinition')),
    TypeCondition: r.str('TypeCondition'),
    Directives: directives(r),
    SelectionSet: selectionSet(r),
    Position: r.position(),
  };
}

export function decodeQueryDocument(o: Obj): QueryDocument {
  const r = new Reader(o, false);
  return {
    Operations: r.list('Operations', element(decodeOperation, 'Operations')),
    Fragments: r.list('Fragments', element(decodeFragment, 'Fragments')),
    Position: r.position(),
  };
}

function decodeArgumentDefinition(o: Obj): ArgumentDefinition {
  const r = new Reader(o, false);
  return {
    Description: r.str('Description'),
    Name: r.str('Name'),
    DefaultValue: r.node('DefaultValue', decodeValue),
    Type: r.node('Type', decodeType),
    Directives: directives(r),
    Position: r.position(),
  };
}

function decodeFieldDefinition(o: Obj): FieldDefinition {
  const r = new Reader(o, false);
  return {
    Description: r.str('Description'),
    Name: r.str('Name'),
    Arguments: r.list('Arguments', element(decodeArgumentDefinition, 'Arguments')),
    DefaultValue: r.node('DefaultValue', decodeValue),
    Type: r.node('Type', decodeType),
    Directives: directives(r),
    Position: r.position(),
  };
}

function decodeEnumValue(o: Obj): EnumValueDefinition {
  const r = new Reader(o, false);
  return {
    Description: r.str('Description'),
    Name: r.str('Name'),
    Directives: directives(r),
    Position: r.position(),
  };
}

function decodeDefinition(o: Obj): Definition {
  const r = new Reader(o, false);
  return {
    Kind: r.str('Kind') as DefinitionKind,
    Description: r.str('Description'),
    Name: r.str('Name'),
    Directives: directives(r),
    Interfaces: r.strings('Interfaces'),
    Fields: r.list('Fields', element(decodeFieldDefinition, 'Fields')),
    Types: r.strings('Types'),
    EnumValues: r.list('EnumValues', element(decodeEnumValue, 'EnumValues')),
    Position: r.position(),
    BuiltIn: r.bool('BuiltIn'),
  };
}

function decodeDirectiveDefinition(o: Obj): DirectiveDefinition {
  const r = new Reader(o, false);
  return {
    Description: r.str('Description'),
    Name: r.str('Name'),
    Arguments: r.list('Arguments', element(decodeArgumentDefinition, 'Arguments')),
    Locations: r.strings('Locations'),
    IsRepeatable: r.bool('IsRepeatable'),
    Position: r.position(),
  };
}

function decodeOperationType(o: Obj): OperationTypeDefinition {
  const r = new Reader(o, false);
  return { Operation: r.str('Operation'), Type: r.str('Type'), Position: r.position() };
}

function decodeSchemaDefinition(o: Obj): SchemaDefinition {
  const r = new Reader(o, false);
  return {
    Description: r.str('Description'),
    Directives: directives(r),
    OperationTypes: r.list('OperationTypes', element(decodeOperationType, 'OperationTypes')),
    Position: r.position(),
  };
}

export function decodeSchemaDocument(o: Obj): SchemaDocument {
  const r = new Reader(o, false);
  return {
    Schema: r.list('Schema', element(decodeSchemaDefinition, 'Schema')),
    SchemaExtension: r.list('SchemaExtension', element(decodeSchemaDefinition, 'SchemaExtension')),
    Directives: r.list('Directives', element(decodeDirectiveDefinition, 'Directives')),
    Definitions: r.list('Definitions', element(decodeDefinition, 'Definitions')),
    Extensions: r.list('Extensions', element(decodeDefinition, 'Extensions')),
    Position: r.position(),
  };
}

export { isObj as isDocumentObject };
