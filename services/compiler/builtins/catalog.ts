/**
 * Every builtin function Rego knows, declared once: name, arity and OPA's
 * type signature (the JSON shape of OPA's capabilities `decl`). The planner
 * and type checker read this; host implementations register by the same name.
 * Signatures follow OPA 1.6 (`v1/ast/builtins.go`).
 */
import {
  ANY,
  ANY_ARRAY,
  ANY_OBJECT,
  ANY_SET,
  ARRAY_OR_SET,
  BOOL,
  COLLECTION,
  NULL,
  NUM,
  STR,
  STRING_OBJECT,
  TIME_ARG,
  arrayOf,
  objectOf,
  oneOf,
  record,
  setOf,
  tuple,
} from './types.js';
import type { FunctionType, OpaType } from './types.js';

export type { FunctionType, OpaType } from './types.js';

export interface BuiltinDecl {
  name: string;
  /** Number of declared arguments (the call may pass one more: the output operand). */
  arity: number;
  /** Takes any number of arguments (only `print`). */
  variadic?: boolean;
  /** Operator spelling, for builtins written infix (`plus` is `+`). */
  infix?: string;
  /** Yields several results (a relation, like `walk`) instead of one. */
  relation?: boolean;
  decl: FunctionType;
  /** Result may differ between calls with the same arguments. */
  nondeterministic?: boolean;
  /** Not allowed in Rego v1 modules (OPA's deprecated builtins). */
  deprecated?: boolean;
  /** Only OPA's own test harness registers it; kept so conformance cases resolve. */
  testOnly?: boolean;
}

type Flags = Omit<BuiltinDecl, 'name' | 'arity' | 'decl'>;

const declared: BuiltinDecl[] = [];

function fn(name: string, args: OpaType[], result: OpaType, flags: Flags = {}): void {
  declared.push({ name, arity: args.length, decl: { type: 'function', args, result }, ...flags });
}

const S = STR;
const N = NUM;
const B = BOOL;
const A = ANY;
const STRINGS = oneOf(arrayOf(S), setOf(S));
const NUMBERS = oneOf(arrayOf(N), setOf(N));
const STRING_OR_OBJECT = oneOf(S, ANY_OBJECT);
const PATHS = oneOf(arrayOf(oneOf(S, ANY_ARRAY)), setOf(oneOf(S, ANY_ARRAY)));
const CIDRS = oneOf(
  S,
  arrayOf(oneOf(S, ANY_ARRAY)),
  objectOf(S, oneOf(S, ANY_ARRAY)),
  setOf(oneOf(S, ANY_ARRAY)),
);
const GRAPH = objectOf(A, ARRAY_OR_SET);
const CERTS = arrayOf(STRING_OBJECT);
const STRING_OR_STRINGS = oneOf(S, arrayOf(S), setOf(S));

// Operators
fn('eq', [A, A], B, { infix: '=' });
fn('assign', [A, A], B, { infix: ':=' });
fn('equal', [A, A], B, { infix: '==' });
fn('neq', [A, A], B, { infix: '!=' });
fn('lt', [A, A], B, { infix: '<' });
fn('lte', [A, A], B, { infix: '<=' });
fn('gt', [A, A], B, { infix: '>' });
fn('gte', [A, A], B, { infix: '>=' });
fn('plus', [N, N], N, { infix: '+' });
fn('minus', [oneOf(N, ANY_SET), oneOf(N, ANY_SET)], oneOf(N, ANY_SET), { infix: '-' });
fn('mul', [N, N], N, { infix: '*' });
fn('div', [N, N], N, { infix: '/' });
fn('rem', [N, N], N, { infix: '%' });
fn('and', [ANY_SET, ANY_SET], ANY_SET, { infix: '&' });
fn('or', [ANY_SET, ANY_SET], ANY_SET, { infix: '|' });
fn('internal.member_2', [A, A], B, { infix: 'in' });
fn('internal.member_3', [A, A, A], B, { infix: 'in' });
declared.push({
  name: 'print',
  arity: 0,
  variadic: true,
  decl: { type: 'function', args: [], result: B, variadic: A },
});
fn('internal.print', [arrayOf(ANY_SET)], B);
fn('internal.test_case', [ANY_ARRAY], B);

// Numbers and aggregates
fn('abs', [N], N);
fn('ceil', [N], N);
fn('floor', [N], N);
fn('round', [N], N);
fn('numbers.range', [N, N], arrayOf(N));
fn('numbers.range_step', [N, N, N], arrayOf(N));
fn('rand.intn', [S, N], N, { nondeterministic: true });
fn('count', [oneOf(S, ANY_ARRAY, ANY_OBJECT, ANY_SET)], N);
fn('sum', [NUMBERS], N);
fn('product', [NUMBERS], N);
fn('max', [ARRAY_OR_SET], A);
fn('min', [ARRAY_OR_SET], A);
fn('sort', [ARRAY_OR_SET], ANY_ARRAY);
fn('all', [ARRAY_OR_SET], B, { deprecated: true });
fn('any', [ARRAY_OR_SET], B, { deprecated: true });

// Bits
fn('bits.and', [N, N], N);
fn('bits.or', [N, N], N);
fn('bits.xor', [N, N], N);
fn('bits.negate', [N], N);
fn('bits.lsh', [N, N], N);
fn('bits.rsh', [N, N], N);

// Arrays, sets, objects
fn('array.concat', [ANY_ARRAY, ANY_ARRAY], ANY_ARRAY);
fn('array.reverse', [ANY_ARRAY], ANY_ARRAY);
fn('array.slice', [ANY_ARRAY, N, N], ANY_ARRAY);
fn('intersection', [setOf(ANY_SET)], ANY_SET);
fn('union', [setOf(ANY_SET)], ANY_SET);
fn('set_diff', [ANY_SET, ANY_SET], ANY_SET, { deprecated: true });
fn('object.get', [ANY_OBJECT, A, A], A);
fn('object.keys', [ANY_OBJECT], ANY_SET);
fn('object.remove', [ANY_OBJECT, COLLECTION], A);
fn('object.filter', [ANY_OBJECT, COLLECTION], A);
fn('object.union', [ANY_OBJECT, ANY_OBJECT], A);
fn('object.union_n', [arrayOf(ANY_OBJECT)], A);
fn('object.subset', [COLLECTION, COLLECTION], A);
fn('json.filter', [ANY_OBJECT, PATHS], A);
fn('json.remove', [ANY_OBJECT, PATHS], A);
fn('json.patch', [A, arrayOf(record({ op: S, path: A }, { key: A, value: A }))], A);
fn('walk', [A], tuple(ANY_ARRAY, A), { relation: true });

// Strings
fn('concat', [S, STRINGS], S);
fn('contains', [S, S], B);
fn('endswith', [S, S], B);
fn('startswith', [S, S], B);
fn('format_int', [N, N], S);
fn('indexof', [S, S], N);
fn('indexof_n', [S, S], arrayOf(N));
fn('lower', [S], S);
fn('upper', [S], S);
fn('replace', [S, S, S], S);
fn('split', [S, S], arrayOf(S));
fn('sprintf', [S, ANY_ARRAY], S);
fn('substring', [S, N, N], S);
fn('trim', [S, S], S);
fn('trim_left', [S, S], S);
fn('trim_prefix', [S, S], S);
fn('trim_right', [S, S], S);
fn('trim_suffix', [S, S], S);
fn('trim_space', [S], S);
fn('strings.any_prefix_match', [STRING_OR_STRINGS, STRING_OR_STRINGS], B);
fn('strings.any_suffix_match', [STRING_OR_STRINGS, STRING_OR_STRINGS], B);
fn('strings.count', [S, S], N);
fn('strings.render_template', [S, STRING_OBJECT], S);
fn('strings.replace_n', [objectOf(S, S), S], S);
fn('strings.reverse', [S], S);

// Regular expressions and globs
fn('re_match', [S, S], B, { deprecated: true });
fn('regex.match', [S, S], B);
fn('regex.is_valid', [S], B);
fn('regex.find_n', [S, S, N], arrayOf(S));
fn('regex.find_all_string_submatch_n', [S, S, N], arrayOf(arrayOf(S)));
fn('regex.replace', [S, S, S], S);
fn('regex.split', [S, S], arrayOf(S));
fn('regex.template_match', [S, S, S, S], B);
fn('regex.globs_match', [S, S], B);
fn('glob.match', [S, oneOf(NULL, arrayOf(S)), S], B);
fn('glob.quote_meta', [S], S);

// Types and casts
for (const kind of ['array', 'boolean', 'null', 'number', 'object', 'set', 'string'])
  fn(`is_${kind}`, [A], B);
fn('type_name', [A], S);
fn('to_number', [oneOf(NULL, B, N, S)], N);
fn('cast_array', [A], ANY_ARRAY, { deprecated: true });
fn('cast_boolean', [A], B, { deprecated: true });
fn('cast_null', [A], NULL, { deprecated: true });
fn('cast_object', [A], ANY_OBJECT, { deprecated: true });
fn('cast_set', [A], ANY_SET, { deprecated: true });
fn('cast_string', [A], S, { deprecated: true });

// Encodings
fn('base64.encode', [S], S);
fn('base64.decode', [S], S);
fn('base64.is_valid', [S], B);
fn('base64url.encode', [S], S);
fn('base64url.encode_no_pad', [S], S);
fn('base64url.decode', [S], S);
fn('hex.encode', [S], S);
fn('hex.decode', [S], S);
fn('urlquery.encode', [S], S);
fn('urlquery.decode', [S], S);
fn('urlquery.encode_object', [objectOf(S, STRING_OR_STRINGS)], S);
fn('urlquery.decode_object', [S], objectOf(S, arrayOf(S)));
fn('json.marshal', [A], S);
fn('json.marshal_with_options', [A, record({ indent: S, prefix: S, pretty: B }, { key: S, value: A })], S);
fn('json.unmarshal', [S], A);
fn('json.is_valid', [S], B);
fn('yaml.marshal', [A], S);
fn('yaml.unmarshal', [S], A);
fn('yaml.is_valid', [S], B);
fn('json.verify_schema', [STRING_OR_OBJECT], tuple(B, oneOf(NULL, S)));
fn(
  'json.match_schema',
  [STRING_OR_OBJECT, STRING_OR_OBJECT],
  tuple(B, arrayOf(record({ desc: S, error: S, field: S, type: S }))),
);

// Crypto
fn('crypto.md5', [S], S);
fn('crypto.sha1', [S], S);
fn('crypto.sha256', [S], S);
fn('crypto.hmac.md5', [S, S], S);
fn('crypto.hmac.sha1', [S, S], S);
fn('crypto.hmac.sha256', [S, S], S);
fn('crypto.hmac.sha512', [S, S], S);
fn('crypto.hmac.equal', [S, S], B);
fn('crypto.x509.parse_certificates', [S], CERTS);
fn('crypto.x509.parse_and_verify_certificates', [S], tuple(B, CERTS));
fn('crypto.x509.parse_and_verify_certificates_with_options', [S, STRING_OBJECT], tuple(B, CERTS));
fn('crypto.x509.parse_certificate_request', [S], STRING_OBJECT);
fn('crypto.x509.parse_keypair', [S, S], STRING_OBJECT);
fn('crypto.x509.parse_rsa_private_key', [S], STRING_OBJECT);
fn('crypto.parse_private_keys', [S], CERTS);

// JWT
const JWT_PARTS = tuple(ANY_OBJECT, ANY_OBJECT, S);
fn('io.jwt.decode', [S], JWT_PARTS);
fn('io.jwt.decode_verify', [S, STRING_OBJECT], tuple(B, ANY_OBJECT, ANY_OBJECT), { nondeterministic: true });
fn('io.jwt.encode_sign', [STRING_OBJECT, STRING_OBJECT, STRING_OBJECT], S, { nondeterministic: true });
fn('io.jwt.encode_sign_raw', [S, S, S], S, { nondeterministic: true });
for (const alg of [
  'es256',
  'es384',
  'es512',
  'hs256',
  'hs384',
  'hs512',
  'ps256',
  'ps384',
  'ps512',
  'rs256',
  'rs384',
  'rs512',
  'eddsa',
]) {
  fn(`io.jwt.verify_${alg}`, [S, S], B);
}

// Time
fn('time.now_ns', [], N, { nondeterministic: true });
fn('time.parse_ns', [S, S], N);
fn('time.parse_rfc3339_ns', [S], N);
fn('time.parse_duration_ns', [S], N);
fn('time.format', [oneOf(N, tuple(N, S), tuple(N, S, S))], S);
fn('time.date', [TIME_ARG], tuple(N, N, N));
fn('time.clock', [TIME_ARG], tuple(N, N, N));
fn('time.weekday', [TIME_ARG], S);
fn('time.add_date', [N, N, N, N], N);
fn('time.diff', [TIME_ARG, TIME_ARG], tuple(N, N, N, N, N, N));

// Networks and URLs
fn('net.cidr_contains', [S, S], B);
fn('net.cidr_intersects', [S, S], B);
fn('net.cidr_overlap', [S, S], B, { deprecated: true });
fn('net.cidr_expand', [S], setOf(S));
fn('net.cidr_is_valid', [S], B);
fn('net.cidr_merge', [oneOf(arrayOf(oneOf(S)), setOf(S))], setOf(S));
fn('net.cidr_contains_matches', [CIDRS, CIDRS], setOf(tuple(A, A)));
fn('net.lookup_ip_addr', [S], setOf(S), { nondeterministic: true });
fn('http.send', [STRING_OBJECT], ANY_OBJECT, { nondeterministic: true });
fn('providers.aws.sign_req', [STRING_OBJECT, STRING_OBJECT, N], ANY_OBJECT);

// Graphs
fn('graph.reachable', [GRAPH, ARRAY_OR_SET], ANY_SET);
fn('graph.reachable_paths', [GRAPH, ARRAY_OR_SET], setOf(ANY_ARRAY));

// GraphQL
fn('graphql.is_valid', [STRING_OR_OBJECT, STRING_OR_OBJECT], B);
fn('graphql.parse', [STRING_OR_OBJECT, STRING_OR_OBJECT], tuple(ANY_OBJECT, ANY_OBJECT));
fn('graphql.parse_and_verify', [STRING_OR_OBJECT, STRING_OR_OBJECT], tuple(B, ANY_OBJECT, ANY_OBJECT));
fn('graphql.parse_query', [S], ANY_OBJECT);
fn('graphql.parse_schema', [S], ANY_OBJECT);
fn('graphql.schema_is_valid', [STRING_OR_OBJECT], B);

// Versions, units, identifiers
fn('semver.compare', [S, S], N);
fn('semver.is_valid', [A], B);
fn('units.parse', [S], N);
fn('units.parse_bytes', [S], N);
fn('uuid.rfc4122', [S], S, { nondeterministic: true });
fn('uuid.parse', [S], STRING_OBJECT);

// Rego and runtime introspection
fn('rego.parse_module', [S, S], STRING_OBJECT);
fn('rego.metadata.chain', [], ANY_ARRAY);
fn('rego.metadata.rule', [], A);
fn('opa.runtime', [], STRING_OBJECT, { nondeterministic: true });
fn('trace', [S], B);
fn('test.sleep', [S], NULL, { testOnly: true, nondeterministic: true });

const byName = new Map<string, BuiltinDecl>(declared.map((d) => [d.name, d]));

export function lookupBuiltin(name: string): BuiltinDecl | undefined {
  return byName.get(name);
}

export function allBuiltins(): BuiltinDecl[] {
  return [...declared];
}

/**
 * Indexes of the arguments declared as objects with string keys. Hosts see
 * arguments as JSON, where any key becomes a string, so a module checks
 * these before calling the host (another key is a type error in OPA).
 */
export function stringKeyedObjectArgs(name: string): number[] {
  const args = byName.get(name)?.decl.args ?? [];
  const indexes: number[] = [];
  args.forEach((t, i) => {
    if (t.type === 'object' && t.dynamic?.key.type === 'string' && !t.static?.length) indexes.push(i);
  });
  return indexes;
}

/** Whether the builtin's declared result is a set (hosts hand sets back as arrays; see index.ts). */
export function returnsSet(name: string): boolean {
  return byName.get(name)?.decl.result.type === 'set';
}
