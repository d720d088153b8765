/**
 * Validates a query document against a schema with gqlparser's rule set,
 * returning every error in the order gqlparser reports them (rules run in
 * the alphabetical order of its rule files).
 */
import type { Position, QueryDocument } from './ast.js';
import { overlappingFieldsCanBeMerged } from './overlapping-fields.js';
import { GraphQLError } from './errors.js';
import {
  fieldsOnCorrectType,
  fragmentsOnCompositeTypes,
  knownArgumentNames,
  knownDirectives,
  knownFragmentNames,
  knownRootType,
  knownTypeNames,
  loneAnonymousOperation,
  noFragmentCycles,
  noUndefinedVariables,
  noUnusedFragments,
  noUnusedVariables,
  possibleFragmentSpreads,
  providedRequiredArguments,
  scalarLeafs,
  singleFieldSubscriptions,
  uniqueArgumentNames,
  uniqueDirectivesPerLocation,
  uniqueFragmentNames,
  uniqueInputFieldNames,
  uniqueOperationNames,
  uniqueVariableNames,
} from './rules.js';
import type { Rule } from './rules.js';
import type { Schema } from './schema.js';
import { valuesOfCorrectType, variablesAreInputTypes, variablesInAllowedPosition } from './value-rules.js';
import { Events, Walker } from './walker.js';

const RULES: Rule[] = [
  fieldsOnCorrectType,
  fragmentsOnCompositeTypes,
  knownArgumentNames,
  knownDirectives,
  knownFragmentNames,
  knownRootType,
  knownTypeNames,
  loneAnonymousOperation,
  noFragmentCycles,
  noUndefinedVariables,
  noUnusedFragments,
  noUnusedVariables,
  overlappingFieldsCanBeMerged,
  possibleFragmentSpreads,
  providedRequiredArguments,
  scalarLeafs,
  singleFieldSubscriptions,
  uniqueArgumentNames,
  uniqueDirectivesPerLocation,
  uniqueFragmentNames,
  uniqueInputFieldNames,
  uniqueOperationNames,
  uniqueVariableNames,
  valuesOfCorrectType,
  variablesAreInputTypes,
  variablesInAllowedPosition,
];

export function validateQuery(schema: Schema, doc: QueryDocument): GraphQLError[] {
  const errors: GraphQLError[] = [];
  const events = new Events();
  for (const rule of RULES) {
    rule(events, (message: string, position?: Position) => errors.push(new GraphQLError(message, position)));
  }
  new Walker(schema, structuredClone(doc), events).walk();
  return errors;
}
