/**
 * Which topic file implements each host builtin. A host loads a topic only
 * when a module it runs calls one of its builtins (`loadImplementations` in
 * registry.ts), so a command evaluating a small policy does not pay for
 * importing GraphQL, X.509 or RE2. Kept honest both ways: a topic file
 * registers under its own topic only the names listed here (`register`
 * throws otherwise), and loading a topic fails when one of its names was
 * not registered.
 */

export interface Topic {
  /** Imports the topic file, which registers its implementations. */
  load: () => Promise<unknown>;
  /** The builtins it implements. */
  names: readonly string[];
}

export const TOPICS = {
  strings: {
    load: () => import('./strings.js'),
    names: [
      'concat',
      'contains',
      'endswith',
      'format_int',
      'indexof',
      'indexof_n',
      'lower',
      'replace',
      'split',
      'startswith',
      'strings.any_prefix_match',
      'strings.any_suffix_match',
      'strings.count',
      'strings.replace_n',
      'strings.reverse',
      'substring',
      'trim',
      'trim_left',
      'trim_prefix',
      'trim_right',
      'trim_space',
      'trim_suffix',
      'upper',
    ],
  },
  numbers: {
    load: () => import('./numbers.js'),
    names: [
      'abs',
      'all',
      'any',
      'ceil',
      'count',
      'div',
      'floor',
      'max',
      'min',
      'minus',
      'mul',
      'numbers.range',
      'numbers.range_step',
      'plus',
      'product',
      'rand.intn',
      'rem',
      'round',
      'sort',
      'sum',
    ],
  },
  bits: {
    load: () => import('./bits.js'),
    names: ['bits.and', 'bits.lsh', 'bits.negate', 'bits.or', 'bits.rsh', 'bits.xor'],
  },
  typechecks: {
    load: () => import('./typechecks.js'),
    names: [
      'cast_array',
      'cast_boolean',
      'cast_null',
      'cast_object',
      'cast_set',
      'cast_string',
      'is_array',
      'is_boolean',
      'is_null',
      'is_number',
      'is_object',
      'is_set',
      'is_string',
      'to_number',
      'type_name',
    ],
  },
  collections: {
    load: () => import('./collections.js'),
    names: [
      'and',
      'array.concat',
      'array.reverse',
      'array.slice',
      'intersection',
      'json.filter',
      'json.remove',
      'object.filter',
      'object.get',
      'object.keys',
      'object.remove',
      'object.subset',
      'object.union',
      'object.union_n',
      'or',
      'set_diff',
      'union',
      'walk',
    ],
  },
  sprintf: {
    load: () => import('./sprintf.js'),
    names: ['sprintf'],
  },
  encoding: {
    load: () => import('./encoding.js'),
    names: [
      'base64.decode',
      'base64.encode',
      'base64.is_valid',
      'base64url.decode',
      'base64url.encode',
      'base64url.encode_no_pad',
      'hex.decode',
      'hex.encode',
      'urlquery.decode',
      'urlquery.decode_object',
      'urlquery.encode',
      'urlquery.encode_object',
    ],
  },
  json: {
    load: () => import('./json.js'),
    names: [
      'json.is_valid',
      'json.marshal',
      'json.marshal_with_options',
      'json.patch',
      'json.unmarshal',
      'yaml.is_valid',
      'yaml.marshal',
      'yaml.unmarshal',
    ],
  },
  regex: {
    load: () => import('./regex.js'),
    names: [
      're_match',
      'regex.find_all_string_submatch_n',
      'regex.find_n',
      'regex.is_valid',
      'regex.match',
      'regex.replace',
      'regex.split',
      'regex.template_match',
    ],
  },
  globs: {
    load: () => import('./globs.js'),
    names: ['regex.globs_match'],
  },
  glob: {
    load: () => import('./glob.js'),
    names: ['glob.match', 'glob.quote_meta'],
  },
  crypto: {
    load: () => import('./crypto.js'),
    names: [
      'crypto.hmac.equal',
      'crypto.hmac.md5',
      'crypto.hmac.sha1',
      'crypto.hmac.sha256',
      'crypto.hmac.sha512',
      'crypto.md5',
      'crypto.sha1',
      'crypto.sha256',
    ],
  },
  jwt: {
    load: () => import('./jwt.js'),
    names: [
      'io.jwt.decode',
      'io.jwt.decode_verify',
      'io.jwt.encode_sign',
      'io.jwt.encode_sign_raw',
      'io.jwt.verify_eddsa',
      'io.jwt.verify_es256',
      'io.jwt.verify_es384',
      'io.jwt.verify_es512',
      'io.jwt.verify_hs256',
      'io.jwt.verify_hs384',
      'io.jwt.verify_hs512',
      'io.jwt.verify_ps256',
      'io.jwt.verify_ps384',
      'io.jwt.verify_ps512',
      'io.jwt.verify_rs256',
      'io.jwt.verify_rs384',
      'io.jwt.verify_rs512',
    ],
  },
  time: {
    load: () => import('./time.js'),
    names: [
      'time.add_date',
      'time.clock',
      'time.date',
      'time.diff',
      'time.format',
      'time.now_ns',
      'time.parse_duration_ns',
      'time.parse_ns',
      'time.parse_rfc3339_ns',
      'time.weekday',
    ],
  },
  net: {
    load: () => import('./net.js'),
    names: [
      'net.cidr_contains',
      'net.cidr_contains_matches',
      'net.cidr_expand',
      'net.cidr_intersects',
      'net.cidr_is_valid',
      'net.cidr_merge',
      'net.cidr_overlap',
      'net.lookup_ip_addr',
    ],
  },
  http: {
    load: () => import('./http.js'),
    names: ['http.send'],
  },
  units: {
    load: () => import('./units.js'),
    names: ['units.parse', 'units.parse_bytes'],
  },
  semver: {
    load: () => import('./semver.js'),
    names: ['semver.compare', 'semver.is_valid'],
  },
  uuid: {
    load: () => import('./uuid.js'),
    names: ['uuid.parse', 'uuid.rfc4122'],
  },
  graph: {
    load: () => import('./graph.js'),
    names: ['graph.reachable', 'graph.reachable_paths'],
  },
  runtime: {
    load: () => import('./runtime.js'),
    names: ['opa.runtime', 'test.sleep', 'trace'],
  },
  x509: {
    load: () => import('./x509.js'),
    names: [
      'crypto.parse_private_keys',
      'crypto.x509.parse_and_verify_certificates',
      'crypto.x509.parse_and_verify_certificates_with_options',
      'crypto.x509.parse_certificate_request',
      'crypto.x509.parse_certificates',
      'crypto.x509.parse_keypair',
      'crypto.x509.parse_rsa_private_key',
    ],
  },
  aws: {
    load: () => import('./aws.js'),
    names: ['providers.aws.sign_req'],
  },
  template: {
    load: () => import('./template.js'),
    names: ['strings.render_template'],
  },
  jsonschema: {
    load: () => import('./jsonschema.js'),
    names: ['json.match_schema', 'json.verify_schema'],
  },
  rego: {
    load: () => import('./rego.js'),
    names: ['rego.parse_module'],
  },
  graphql: {
    load: () => import('./graphql/index.js'),
    names: [
      'graphql.is_valid',
      'graphql.parse',
      'graphql.parse_and_verify',
      'graphql.parse_query',
      'graphql.parse_schema',
      'graphql.schema_is_valid',
    ],
  },
} satisfies Record<string, Topic>;

export type TopicName = keyof typeof TOPICS;

const topicOf = new Map<string, TopicName>();
for (const [topic, { names }] of Object.entries(TOPICS) as [TopicName, Topic][]) {
  for (const name of names) {
    if (topicOf.has(name))
      throw new Error(`builtin ${name} is listed under ${topicOf.get(name)} and ${topic}`);
    topicOf.set(name, topic);
  }
}

/** The topic implementing a builtin, if the host implements it. */
export function topicOfBuiltin(name: string): TopicName | undefined {
  return topicOf.get(name);
}
