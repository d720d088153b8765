import { compileRego } from '../../../services/compiler/index.js';
import { writeBundle, type SigningOptions } from '../../../services/bundle/index.js';

/** Rego for the end-to-end tests: decisions, a slow rule, errors, the default decision and log rules. */
export const APP_REGO = `package app

allow if input.user == "alice"

reasons contains "not alice" if input.user != "alice"

rev := data.app.meta.rev

# n*n iterations, then the revision: slow on purpose.
slow_rev := r if {
  count([1 | some i in numbers.range(1, input.n); some j in numbers.range(1, input.n); i * j < 0]) == 0
  r := data.app.meta.rev
}

# Waits for the test's holding server (input.url) to answer, then the revision:
# in evaluation exactly as long as the test holds the request.
held_rev := r if {
  http.send({"method": "get", "url": input.url, "timeout": "60s"}).status_code == 200
  r := data.app.meta.rev
}

num := to_number(input.s)

conflict := 1 if input.a
conflict := 2 if input.b
`;

export const SYSTEM_REGO = `package system

default app_allow := false

app_allow if data.app.allow

main := {"allowed": app_allow}
`;

export const LOG_REGO = `package system.log

mask contains "/input/password"

mask contains {"op": "upsert", "path": "/input/token", "value": "***"} if input.input.token

drop if input.input.drop == true
`;

export const ENTRYPOINTS = [
  'app/allow',
  'app/reasons',
  'app/rev',
  'app/slow_rev',
  'app/held_rev',
  'app/num',
  'app/conflict',
  'system/main',
  'system/log/mask',
  'system/log/drop',
];

let compiled: Uint8Array | undefined;

/** The policy.wasm for the sources above, compiled once per test file. */
export function policyWasm(): Uint8Array {
  compiled ??= compileRego(
    [
      { file: 'app/policy.rego', source: APP_REGO },
      { file: 'system/main.rego', source: SYSTEM_REGO },
      { file: 'system/log.rego', source: LOG_REGO },
    ],
    { entrypoints: ENTRYPOINTS },
  ).wasm;
  return compiled;
}

/** A bundle whose data carries `rev` (read back by `app/rev` and `app/slow_rev`). */
export function appBundle(rev: string, options: { signing?: SigningOptions; wasm?: Uint8Array } = {}) {
  return writeBundle(
    {
      manifest: {
        revision: rev,
        roots: ['app', 'system'],
        wasm: ENTRYPOINTS.map((entrypoint) => ({ entrypoint, module: '/policy.wasm' })),
        rego_version: 1,
      },
      data: { app: { meta: { rev } } },
      rego: [
        { path: '/app/policy.rego', text: APP_REGO },
        { path: '/system/main.rego', text: SYSTEM_REGO },
        { path: '/system/log.rego', text: LOG_REGO },
      ],
      wasm: [{ path: '/policy.wasm', bytes: options.wasm ?? policyWasm() }],
    },
    { signing: options.signing },
  );
}
