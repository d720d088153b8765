/**
 * Builtins the host deliberately does not implement, each with the reason.
 * Calls to them fail loudly (`BuiltinNotSupportedError`) rather than
 * pretending to work.
 */
import { registerUnsupported } from './registry.js';

const NATIVE = 'handled by the compiler or WASM runtime, never called on the host';
const ASYNC = 'needs I/O, but opa-wasm host builtins are synchronous';

registerUnsupported({
  eq: NATIVE,
  assign: NATIVE,
  equal: NATIVE,
  neq: NATIVE,
  lt: NATIVE,
  lte: NATIVE,
  gt: NATIVE,
  gte: NATIVE,
  'internal.member_2': NATIVE,
  'internal.member_3': NATIVE,
  'internal.print': 'the compiler lowers print() to the host `print` builtin',
  'internal.test_case': 'only used by `opa test`',
  walk: 'a relation: the planner expands walk into a scan, there is no single result to return',
  'http.send': ASYNC,
  'net.lookup_ip_addr': ASYNC,
  'rego.metadata.chain': 'needs the policy annotations, which the compiler resolves statically',
  'rego.metadata.rule': 'needs the policy annotations, which the compiler resolves statically',
  'rego.parse_module': 'needs the Rego parser from the host at evaluation time (not wired yet)',
  'test.sleep': "OPA's test harness only",
  print: 'the compiler lowers print() to internal.print, which the WASM runtime writes with opa_println',
  'strings.render_template': "needs Go's text/template language; no faithful JS implementation here yet",
  'regex.globs_match': 'needs regular-expression intersection (glob-intersection); not implemented yet',
  'json.verify_schema': 'needs a JSON Schema validator matching gojsonschema; no such dependency installed',
  'json.match_schema': 'needs a JSON Schema validator matching gojsonschema; no such dependency installed',
  'crypto.x509.parse_certificate_request':
    'node:crypto has no CSR parser and no ASN.1 dependency is installed',
  'graphql.is_valid': 'needs a GraphQL parser and validator (gqlparser); no such dependency installed',
  'graphql.parse': 'needs a GraphQL parser and validator (gqlparser); no such dependency installed',
  'graphql.parse_and_verify':
    'needs a GraphQL parser and validator (gqlparser); no such dependency installed',
  'graphql.parse_query': 'needs a GraphQL parser (gqlparser); no such dependency installed',
  'graphql.parse_schema': 'needs a GraphQL parser (gqlparser); no such dependency installed',
  'graphql.schema_is_valid': 'needs a GraphQL parser and validator (gqlparser); no such dependency installed',
  'providers.aws.sign_req': 'AWS SigV4 request signing is not implemented yet',
});
