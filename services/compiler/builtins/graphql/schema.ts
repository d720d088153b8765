/**
 * Schema document → validated schema, with gqlparser's checks and messages
 * (its `ValidateSchemaDocument`): the prelude is merged in first, extensions
 * are folded into their types (creating the type when it has no base
 * definition), then every type and directive definition is checked in name
 * order and the first problem is reported.
 */
import { goQuote } from '../goformat.js';
import { typeName, typeString } from './ast.js';
import type {
  ArgumentDefinition,
  Definition,
  DefinitionKind,
  Directive,
  DirectiveDefinition,
  FieldDefinition,
  GqlType,
  Position,
  SchemaDocument,
} from './ast.js';
import { GraphQLError } from './errors.js';
import { PRELUDE } from './prelude.js';
import { parseSchema } from './schema-parser.js';

export interface Schema {
  query?: Definition;
  mutation?: Definition;
  subscription?: Definition;
  types: Map<string, Definition>;
  directives: Map<string, DirectiveDefinition>;
  /** Object types (and interfaces) that can stand in for an abstract type. */
  possibleTypes: Map<string, Definition[]>;
}

let prelude: SchemaDocument | undefined;

function preludeDocument(): SchemaDocument {
  if (!prelude) {
    prelude = parseSchema(PRELUDE);
    for (const def of prelude.Definitions ?? []) def.BuiltIn = true;
  }
  return prelude;
}

function fail(pos: Position | undefined, message: string): never {
  throw new GraphQLError(message, pos);
}

function requireType(t: GqlType | undefined): GqlType {
  if (!t) throw new GraphQLError('invalid memory address or nil pointer dereference');
  return t;
}

export function isInputKind(kind: DefinitionKind): boolean {
  return kind === 'SCALAR' || kind === 'ENUM' || kind === 'INPUT_OBJECT';
}

export function isCompositeKind(kind: DefinitionKind): boolean {
  return kind === 'OBJECT' || kind === 'INTERFACE' || kind === 'UNION';
}

function addPossible(schema: Schema, name: string, def: Definition | undefined): void {
  const list = schema.possibleTypes.get(name) ?? [];
  if (def) list.push(def);
  schema.possibleTypes.set(name, list);
}

/** Builds and validates the schema for `doc` merged over the prelude. */
export function buildSchema(input: SchemaDocument): Schema {
  const own = structuredClone(input);
  const base = structuredClone(preludeDocument());
  const doc: SchemaDocument = {
    Schema: [...(base.Schema ?? []), ...(own.Schema ?? [])],
    SchemaExtension: [...(base.SchemaExtension ?? []), ...(own.SchemaExtension ?? [])],
    Directives: [...(base.Directives ?? []), ...(own.Directives ?? [])],
    Definitions: [...(base.Definitions ?? []), ...(own.Definitions ?? [])],
    Extensions: [...(base.Extensions ?? []), ...(own.Extensions ?? [])],
  };
  const schema: Schema = { types: new Map(), directives: new Map(), possibleTypes: new Map() };

  for (const def of doc.Definitions ?? []) {
    if (schema.types.has(def.Name)) fail(def.Position, `Cannot redeclare type ${def.Name}.`);
    schema.types.set(def.Name, def);
  }
  const defs = [...(doc.Definitions ?? [])];
  for (const ext of doc.Extensions ?? []) {
    let def = schema.types.get(ext.Name);
    if (!def) {
      def = { Kind: ext.Kind, Description: '', Name: ext.Name, Position: ext.Position, BuiltIn: false };
      schema.types.set(ext.Name, def);
      defs.push(def);
    }
    if (def.Kind !== ext.Kind) {
      fail(
        ext.Position,
        `Cannot extend type ${ext.Name} because the base type is a ${def.Kind}, not ${ext.Kind}.`,
      );
    }
    def.Directives = [...(def.Directives ?? []), ...(ext.Directives ?? [])];
    def.Interfaces = [...(def.Interfaces ?? []), ...(ext.Interfaces ?? [])];
    def.Fields = [...(def.Fields ?? []), ...(ext.Fields ?? [])];
    def.Types = [...(def.Types ?? []), ...(ext.Types ?? [])];
    def.EnumValues = [...(def.EnumValues ?? []), ...(ext.EnumValues ?? [])];
  }

  for (const def of defs) {
    if (def.Kind === 'UNION') {
      for (const t of def.Types ?? []) addPossible(schema, def.Name, schema.types.get(t));
    } else if (def.Kind === 'OBJECT' || def.Kind === 'INPUT_OBJECT' || def.Kind === 'INTERFACE') {
      for (const intf of def.Interfaces ?? []) addPossible(schema, intf, def);
      if (def.Kind !== 'INTERFACE') addPossible(schema, def.Name, def);
    }
  }

  for (const dir of doc.Directives ?? []) {
    if (schema.directives.has(dir.Name)) {
      if (!['include', 'skip', 'deprecated', 'specifiedBy'].includes(dir.Name)) {
        fail(dir.Position, `Cannot redeclare directive ${dir.Name}.`);
      }
    }
    schema.directives.set(dir.Name, dir);
  }

  const schemaDefs = doc.Schema ?? [];
  if (schemaDefs.length > 1) {
    fail(
      schemaDefs[1].Position,
      'Cannot have multiple schema entry points, consider schema extensions instead.',
    );
  }
  for (const entry of [...schemaDefs, ...(doc.SchemaExtension ?? [])]) {
    for (const op of entry.OperationTypes ?? []) {
      const def = schema.types.get(op.Type);
      if (!def)
        fail(op.Position, `Schema root ${op.Operation} refers to a type ${op.Type} that does not exist.`);
      if (op.Operation === 'query') schema.query = def;
      if (op.Operation === 'mutation') schema.mutation = def;
      if (op.Operation === 'subscription') schema.subscription = def;
    }
  }

  for (const name of [...schema.types.keys()].sort())
    validateDefinition(schema, schema.types.get(name) as Definition);
  for (const name of [...schema.directives.keys()].sort()) {
    const dir = schema.directives.get(name) as DirectiveDefinition;
    validateName(dir.Position, dir.Name);
    validateArgs(schema, dir.Arguments ?? [], dir);
  }

  if (schemaDefs.length === 0) {
    schema.query ??= schema.types.get('Query');
    schema.mutation ??= schema.types.get('Mutation');
    schema.subscription ??= schema.types.get('Subscription');
  }
  if (schema.query) {
    schema.query.Fields = [
      ...(schema.query.Fields ?? []),
      { Description: '', Name: '__schema', Type: { NamedType: '__Schema', NonNull: true } },
      {
        Description: '',
        Name: '__type',
        Type: { NamedType: '__Type', NonNull: false },
        Arguments: [{ Description: '', Name: 'name', Type: { NamedType: 'String', NonNull: true } }],
      },
    ];
  }
  return schema;
}

function validateName(pos: Position | undefined, name: string): void {
  if (name.startsWith('__')) {
    fail(pos, `Name "${name}" must not begin with "__", which is reserved by GraphQL introspection.`);
  }
}

function validateTypeRef(schema: Schema, t: GqlType | undefined): void {
  const typ = requireType(t);
  if (!schema.types.has(typeName(typ))) fail(typ.Position, `Undefined type ${typeName(typ)}.`);
}

function validateArgs(schema: Schema, args: ArgumentDefinition[], current?: DirectiveDefinition): void {
  for (const arg of args) {
    validateName(arg.Position, arg.Name);
    validateTypeRef(schema, arg.Type);
    const typ = requireType(arg.Type);
    const def = schema.types.get(typeName(typ)) as Definition;
    if (!isInputKind(def.Kind)) {
      fail(
        arg.Position,
        `cannot use ${typeString(typ)} as argument ${arg.Name} because ${def.Kind} is not a valid input type`,
      );
    }
    validateDirectives(schema, arg.Directives ?? [], 'ARGUMENT_DEFINITION', current);
  }
}

function validateDirectives(
  schema: Schema,
  dirs: Directive[],
  location: string,
  current?: DirectiveDefinition,
): void {
  for (const dir of dirs) {
    validateName(dir.Position, dir.Name);
    if (current && dir.Name === current.Name)
      fail(dir.Position, `Directive ${current.Name} cannot refer to itself.`);
    const def = schema.directives.get(dir.Name);
    if (!def) fail(dir.Position, `Undefined directive ${dir.Name}.`);
    if (!(def.Locations ?? []).includes(location)) {
      fail(dir.Position, `Directive ${dir.Name} is not applicable on ${location}.`);
    }
  }
}

function fieldsNamed(fields: FieldDefinition[] | undefined, name: string): FieldDefinition | undefined {
  return fields?.find((f) => f.Name === name);
}

function validateDefinition(schema: Schema, def: Definition): void {
  for (const field of def.Fields ?? []) {
    validateName(field.Position, field.Name);
    validateTypeRef(schema, field.Type);
    validateArgs(schema, field.Arguments ?? []);
    const location = def.Kind === 'INPUT_OBJECT' ? 'INPUT_FIELD_DEFINITION' : 'FIELD_DEFINITION';
    validateDirectives(schema, field.Directives ?? [], location);
  }
  for (const t of def.Types ?? []) {
    const member = schema.types.get(t);
    if (!member) fail(def.Position, `Undefined type ${goQuote(t)}.`);
    if (member.Kind !== 'OBJECT') fail(def.Position, `${def.Kind} type ${goQuote(t)} must be OBJECT.`);
  }
  for (const intf of def.Interfaces ?? []) validateImplements(schema, def, intf);

  switch (def.Kind) {
    case 'OBJECT':
    case 'INTERFACE': {
      if (!def.Fields?.length) fail(def.Position, `${def.Kind} ${def.Name}: must define one or more fields.`);
      for (const field of def.Fields) {
        const typ = schema.types.get(typeName(requireType(field.Type)));
        if (typ && !['SCALAR', 'OBJECT', 'INTERFACE', 'UNION', 'ENUM'].includes(typ.Kind)) {
          fail(
            field.Position,
            `${def.Kind} ${def.Name}: field must be one of SCALAR, OBJECT, INTERFACE, UNION, ENUM.`,
          );
        }
      }
      break;
    }
    case 'ENUM':
      if (!def.EnumValues?.length) {
        fail(def.Position, `${def.Kind} ${def.Name}: must define one or more unique enum values.`);
      }
      for (const value of def.EnumValues) {
        if (['true', 'false', 'null'].includes(value.Name)) {
          fail(def.Position, `${def.Kind} ${def.Name}: non-enum value ${value.Name}.`);
        }
      }
      break;
    case 'INPUT_OBJECT':
      if (!def.Fields?.length)
        fail(def.Position, `${def.Kind} ${def.Name}: must define one or more input fields.`);
      for (const field of def.Fields) {
        const typ = schema.types.get(typeName(requireType(field.Type)));
        if (typ && !isInputKind(typ.Kind)) {
          fail(field.Position, `${typ.Kind} ${field.Name}: field must be one of SCALAR, ENUM, INPUT_OBJECT.`);
        }
      }
      break;
    default:
      break;
  }

  const fields = def.Fields ?? [];
  for (let i = 0; i < fields.length; i++) {
    for (const other of fields.slice(i + 1)) {
      if (fields[i].Name === other.Name)
        fail(other.Position, `Field ${def.Name}.${other.Name} can only be defined once.`);
    }
  }
  if (!def.BuiltIn) validateName(def.Position, def.Name);
  validateDirectives(schema, def.Directives ?? [], def.Kind);
}

/** Whether a field of type `actual` may implement one declared as `required` (gqlparser's `Type.IsCompatible`). */
function argCompatible(required: GqlType, actual: GqlType): boolean {
  if (required.NamedType !== actual.NamedType) return false;
  if (required.Elem && !actual.Elem) return false;
  if (required.Elem && actual.Elem && !argCompatible(required.Elem, actual.Elem)) return false;
  if (actual.NonNull) return required.NonNull;
  return true;
}

function isCovariant(schema: Schema, required: GqlType, actual: GqlType): boolean {
  if (required.NonNull && !actual.NonNull) return false;
  if (required.NamedType !== '') {
    if (required.NamedType === actual.NamedType) return true;
    return (schema.possibleTypes.get(required.NamedType) ?? []).some((pt) => pt.Name === actual.NamedType);
  }
  if (required.Elem && !actual.Elem) return false;
  return isCovariant(schema, requireType(required.Elem), requireType(actual.Elem));
}

function validateImplements(schema: Schema, def: Definition, intfName: string): void {
  const intf = schema.types.get(intfName);
  if (!intf) fail(def.Position, `Undefined type ${goQuote(intfName)}.`);
  if (intf.Kind !== 'INTERFACE')
    fail(def.Position, `${goQuote(intfName)} is a non interface type ${intf.Kind}.`);
  for (const required of intf.Fields ?? []) {
    const found = fieldsNamed(def.Fields, required.Name);
    if (!found) {
      fail(
        def.Position,
        `For ${def.Name} to implement ${intf.Name} it must have a field called ${required.Name}.`,
      );
    }
    if (!isCovariant(schema, requireType(required.Type), requireType(found.Type))) {
      fail(
        found.Position,
        `For ${def.Name} to implement ${intf.Name} the field ${required.Name} must have type ${typeString(requireType(required.Type))}.`,
      );
    }
    for (const reqArg of required.Arguments ?? []) {
      const foundArg = found.Arguments?.find((a) => a.Name === reqArg.Name);
      if (!foundArg) {
        fail(
          found.Position,
          `For ${def.Name} to implement ${intf.Name} the field ${required.Name} must have the same arguments but it is missing ${reqArg.Name}.`,
        );
      }
      if (!argCompatible(requireType(reqArg.Type), requireType(foundArg.Type))) {
        fail(
          foundArg.Position,
          `For ${def.Name} to implement ${intf.Name} the field ${required.Name} must have the same arguments but ${reqArg.Name} has the wrong type.`,
        );
      }
    }
    for (const arg of found.Arguments ?? []) {
      const declared = required.Arguments?.some((a) => a.Name === arg.Name);
      if (!declared && requireType(arg.Type).NonNull && !arg.DefaultValue) {
        fail(
          arg.Position,
          `For ${def.Name} to implement ${intf.Name} any additional arguments on ${found.Name} must be optional or have a default value but ${arg.Name} is required.`,
        );
      }
    }
  }
  for (const transitive of intf.Interfaces ?? []) {
    if (!(def.Interfaces ?? []).includes(transitive)) {
      if (transitive === def.Name) {
        fail(
          def.Position,
          `Type ${def.Name} cannot implement ${intfName} because it would create a circular reference.`,
        );
      }
      fail(
        def.Position,
        `Type ${def.Name} must implement ${transitive} because it is implemented by ${intfName}.`,
      );
    }
  }
}
