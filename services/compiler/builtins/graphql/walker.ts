/**
 * gqlparser's query walker: visits operations, then fragments, resolving
 * each node against the schema (field and argument definitions, expected
 * value types, variable definitions) and calling the rules' observers after
 * a node's children, in rule registration order. Resolutions live in side
 * tables rather than on the nodes, so the AST stays plain data.
 */
import { typeName } from './ast.js';
import type {
  Definition,
  Directive,
  DirectiveDefinition,
  Field,
  FieldDefinition,
  FragmentDefinition,
  FragmentSpread,
  GqlType,
  GqlValue,
  InlineFragment,
  OperationDefinition,
  QueryDocument,
  Selection,
  VariableDefinition,
} from './ast.js';
import { ValueKind } from './ast.js';
import { GraphQLError } from './errors.js';
import type { Schema } from './schema.js';

export interface FieldInfo {
  definition?: FieldDefinition;
  objectDefinition?: Definition;
}

export interface ValueInfo {
  expectedType?: GqlType;
  definition?: Definition;
  variableDefinition?: VariableDefinition;
}

export interface DirectiveInfo {
  definition?: DirectiveDefinition;
  location: string;
}

type Observer<T> = (walker: Walker, node: T) => void;

/** Callbacks rules register; each list runs in registration order. */
export class Events {
  readonly operation: Observer<OperationDefinition>[] = [];
  readonly field: Observer<Field>[] = [];
  readonly fragment: Observer<FragmentDefinition>[] = [];
  readonly inlineFragment: Observer<InlineFragment>[] = [];
  readonly fragmentSpread: Observer<FragmentSpread>[] = [];
  readonly directive: Observer<Directive>[] = [];
  readonly directiveList: Observer<Directive[]>[] = [];
  readonly value: Observer<GqlValue>[] = [];
  readonly variable: Observer<VariableDefinition>[] = [];
}

function requireType(t: GqlType | undefined): GqlType {
  if (!t) throw new GraphQLError('invalid memory address or nil pointer dereference');
  return t;
}

const TYPENAME_FIELD: FieldDefinition = {
  Description: '',
  Name: '__typename',
  Type: { NamedType: 'String', NonNull: true },
};

export class Walker {
  currentOperation: OperationDefinition | undefined;
  readonly fields = new Map<Field, FieldInfo>();
  readonly values = new Map<GqlValue, ValueInfo>();
  readonly directives = new Map<Directive, DirectiveInfo>();
  readonly spreadDefinitions = new Map<FragmentSpread, FragmentDefinition | undefined>();
  readonly parents = new Map<FragmentSpread | InlineFragment, Definition | undefined>();
  readonly fragmentDefinitions = new Map<FragmentDefinition, Definition | undefined>();
  readonly variableDefinitions = new Map<VariableDefinition, Definition | undefined>();
  readonly usedVariables = new Set<VariableDefinition>();
  private walkedSpreads = new Set<string>();

  constructor(
    readonly schema: Schema,
    readonly document: QueryDocument,
    private readonly events: Events,
  ) {}

  walk(): void {
    for (const op of this.document.Operations ?? []) {
      this.walkedSpreads = new Set();
      this.walkOperation(op);
    }
    for (const frag of this.document.Fragments ?? []) {
      this.walkedSpreads = new Set();
      this.walkFragment(frag);
    }
  }

  fragmentNamed(name: string): FragmentDefinition | undefined {
    return this.document.Fragments?.find((f) => f.Name === name);
  }

  /** Object types a fragment on `def` can match (gqlparser's `GetPossibleTypes`). */
  possibleTypes(def: Definition): Definition[] {
    if (def.Kind === 'UNION') {
      return (def.Types ?? []).map((t) => this.schema.types.get(t)).filter((d): d is Definition => !!d);
    }
    return this.schema.possibleTypes.get(def.Name) ?? [];
  }

  private walkOperation(op: OperationDefinition): void {
    this.currentOperation = op;
    for (const varDef of op.VariableDefinitions ?? []) {
      const typ = requireType(varDef.Type);
      this.variableDefinitions.set(varDef, this.schema.types.get(typeName(typ)));
      for (const observe of this.events.variable) observe(this, varDef);
      if (varDef.DefaultValue) {
        this.values.set(varDef.DefaultValue, {
          expectedType: typ,
          definition: this.schema.types.get(typeName(typ)),
        });
      }
    }
    let def: Definition | undefined;
    let location = 'QUERY';
    if (op.Operation === 'mutation') {
      def = this.schema.mutation;
      location = 'MUTATION';
    } else if (op.Operation === 'subscription') {
      def = this.schema.subscription;
      location = 'SUBSCRIPTION';
    } else if (op.Operation === 'query' || op.Operation === '') {
      def = this.schema.query;
    }
    for (const varDef of op.VariableDefinitions ?? []) {
      if (varDef.DefaultValue) this.walkValue(varDef.DefaultValue);
      this.walkDirectives(varDef.Directives, 'VARIABLE_DEFINITION');
    }
    this.walkDirectives(op.Directives, location);
    this.walkSelectionSet(def, op.SelectionSet);
    for (const observe of this.events.operation) observe(this, op);
    this.currentOperation = undefined;
  }

  private walkFragment(frag: FragmentDefinition): void {
    const def = this.schema.types.get(frag.TypeCondition);
    this.fragmentDefinitions.set(frag, def);
    this.walkDirectives(frag.Directives, 'FRAGMENT_DEFINITION');
    this.walkSelectionSet(def, frag.SelectionSet);
    for (const observe of this.events.fragment) observe(this, frag);
  }

  private walkDirectives(dirs: Directive[] | undefined, location: string): void {
    for (const dir of dirs ?? []) {
      const def = this.schema.directives.get(dir.Name);
      this.directives.set(dir, { definition: def, location });
      for (const arg of dir.Arguments ?? []) {
        const argDef = def?.Arguments?.find((a) => a.Name === arg.Name);
        this.walkArgument(argDef?.Type, arg.Value);
      }
      for (const observe of this.events.directive) observe(this, dir);
    }
    for (const observe of this.events.directiveList) observe(this, dirs ?? []);
  }

  private walkArgument(expected: GqlType | undefined, value: GqlValue | undefined): void {
    if (!value) throw new GraphQLError('invalid memory address or nil pointer dereference');
    if (expected) {
      const info = this.values.get(value) ?? {};
      this.values.set(value, {
        ...info,
        expectedType: expected,
        definition: this.schema.types.get(typeName(expected)),
      });
    }
    this.walkValue(value);
  }

  private walkValue(value: GqlValue): void {
    const info = this.values.get(value) ?? {};
    this.values.set(value, info);
    if (value.Kind === ValueKind.Variable && this.currentOperation) {
      info.variableDefinition = this.currentOperation.VariableDefinitions?.find(
        (v) => v.Variable === value.Raw,
      );
      if (info.variableDefinition) this.usedVariables.add(info.variableDefinition);
    }
    if (value.Kind === ValueKind.ObjectValue) {
      for (const child of value.Children ?? []) {
        if (!child.Value) throw new GraphQLError('invalid memory address or nil pointer dereference');
        const fieldDef = info.definition?.Fields?.find((f) => f.Name === child.Name);
        if (fieldDef) {
          const t = requireType(fieldDef.Type);
          this.values.set(child.Value, {
            ...this.values.get(child.Value),
            expectedType: t,
            definition: this.schema.types.get(typeName(t)),
          });
        }
        this.walkValue(child.Value);
      }
    }
    if (value.Kind === ValueKind.ListValue) {
      for (const child of value.Children ?? []) {
        if (!child.Value) throw new GraphQLError('invalid memory address or nil pointer dereference');
        if (info.expectedType?.Elem) {
          this.values.set(child.Value, {
            ...this.values.get(child.Value),
            expectedType: info.expectedType.Elem,
            definition: info.definition,
          });
        }
        this.walkValue(child.Value);
      }
    }
    for (const observe of this.events.value) observe(this, value);
  }

  private walkSelectionSet(parent: Definition | undefined, set: Selection[] | undefined): void {
    for (const sel of set ?? []) this.walkSelection(parent, sel);
  }

  private walkSelection(parent: Definition | undefined, sel: Selection): void {
    if (sel.kind === 'field') {
      let fieldDef: FieldDefinition | undefined;
      if (sel.Name === '__typename') fieldDef = TYPENAME_FIELD;
      else fieldDef = parent?.Fields?.find((f) => f.Name === sel.Name);
      this.fields.set(sel, { definition: fieldDef, objectDefinition: parent });
      const next = fieldDef ? this.schema.types.get(typeName(requireType(fieldDef.Type))) : undefined;
      for (const arg of sel.Arguments ?? []) {
        const argDef = fieldDef?.Arguments?.find((a) => a.Name === arg.Name);
        this.walkArgument(argDef?.Type, arg.Value);
      }
      this.walkDirectives(sel.Directives, 'FIELD');
      this.walkSelectionSet(next, sel.SelectionSet);
      for (const observe of this.events.field) observe(this, sel);
    } else if (sel.kind === 'inline') {
      this.parents.set(sel, parent);
      const next = sel.TypeCondition !== '' ? this.schema.types.get(sel.TypeCondition) : parent;
      this.walkDirectives(sel.Directives, 'INLINE_FRAGMENT');
      this.walkSelectionSet(next, sel.SelectionSet);
      for (const observe of this.events.inlineFragment) observe(this, sel);
    } else {
      const def = this.fragmentNamed(sel.Name);
      this.spreadDefinitions.set(sel, def);
      this.parents.set(sel, parent);
      const next = def ? this.schema.types.get(def.TypeCondition) : undefined;
      this.walkDirectives(sel.Directives, 'FRAGMENT_SPREAD');
      if (def && !this.walkedSpreads.has(def.Name)) {
        this.walkedSpreads.add(def.Name);
        this.walkSelectionSet(next, def.SelectionSet);
      }
      for (const observe of this.events.fragmentSpread) observe(this, sel);
    }
  }
}
