import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundle, readPolicySources } from '../../../services/compiler/project.js';

/**
 * Two bundles of a small gateway-style policy that differ in known ways,
 * and the decisions to ask them, so replay and shadow tests can check
 * exact counts. The candidate:
 * - freezes reads on `billing` (allow → deny, "billing reads are frozen");
 * - lets admins DELETE on `crm` (deny → allow; the live denial said "DELETE is blocked");
 * - drops the approval on `crm` POSTs ("customers need an owner": removed);
 * - asks an approval for `billing` POSTs ("invoices need finance": added);
 * - masks emails too on `crm` reads (mask changed);
 * - has no `gw/allow` entrypoint (decisions asked there cannot be replayed);
 * and answers `ops` the same.
 */

const LIVE = `package gw

import rego.v1

default allow := false

allow if input.request.method == "GET"

allow if {
  input.request.method == "POST"
  "engineers" in input.identity.groups
}

reasons contains "DELETE is blocked" if input.request.method == "DELETE"

default approval := null

approval := {"reason": "customers need an owner", "reviewers": {"groups": ["crm-owners"]}} if {
  input.request.method == "POST"
  input.connection.name == "crm"
}

default mask := null

mask := {"fields": ["**.ssn"]} if {
  input.request.method == "GET"
  input.connection.name == "crm"
}

decision := {"allow": allow, "reasons": reasons, "require_approval": approval, "mask": mask}
`;

const CANDIDATE = `package gw

import rego.v1

default allow := false

allow if {
  input.request.method == "GET"
  input.connection.name != "billing"
}

allow if {
  input.request.method == "POST"
  "engineers" in input.identity.groups
}

allow if {
  input.request.method == "DELETE"
  "admins" in input.identity.groups
}

reasons contains "billing reads are frozen" if {
  input.request.method == "GET"
  input.connection.name == "billing"
}

reasons contains "DELETE is blocked" if {
  input.request.method == "DELETE"
  not "admins" in input.identity.groups
}

default approval := null

approval := {"reason": "invoices need finance", "reviewers": {"groups": ["finance"]}} if {
  input.request.method == "POST"
  input.connection.name == "billing"
}

default mask := null

mask := {"fields": ["**.ssn", "**.email"]} if {
  input.request.method == "GET"
  input.connection.name == "crm"
}

decision := {"allow": allow, "reasons": reasons, "require_approval": approval, "mask": mask}
`;

/** Request bodies stay out of the decision logs, as the gateway policy's log.rego does. */
const LOG = `package system.log

mask contains "/input/request/body"
`;

export interface TwoBundles {
  live: { path: string; bytes: Uint8Array };
  candidate: { path: string; bytes: Uint8Array };
}

async function build(dir: string, name: string, rego: string, entrypoints: string[]) {
  const src = join(dir, `${name}-src`);
  await mkdir(src, { recursive: true });
  await writeFile(join(src, 'gw.rego'), rego);
  await writeFile(join(src, 'log.rego'), LOG);
  const { bundle } = await buildBundle(readPolicySources([src]), { entrypoints, revision: `${name}-1` });
  const path = join(dir, `${name}.tar.gz`);
  await writeFile(path, bundle);
  return { path, bytes: bundle };
}

export async function buildTwoBundles(): Promise<TwoBundles & { dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'pc-replay-'));
  return {
    dir,
    live: await build(dir, 'live', LIVE, ['gw/decision', 'gw/allow', 'system/log/mask']),
    candidate: await build(dir, 'candidate', CANDIDATE, ['gw/decision']),
  };
}

export interface AskedDecision {
  path: string;
  input: Record<string, unknown>;
}

function input(method: string, connection: string, sub: string, groups: string[], path: string) {
  return {
    phase: 'request',
    identity: { sub, groups, type: 'user' },
    connection: { name: connection, tags: [] },
    request: { method, path, body: method === 'POST' ? { name: 'Grace', ssn: '123-45-6789' } : undefined },
  };
}

/** 130 decisions: 125 of gw/decision in six groups, and 5 of gw/allow. */
export function askedDecisions(): AskedDecision[] {
  const out: AskedDecision[] = [];
  const add = (n: number, path: string, i: ReturnType<typeof input>) => {
    for (let k = 0; k < n; k++) out.push({ path, input: JSON.parse(JSON.stringify(i)) });
  };
  add(40, 'gw/decision', input('GET', 'crm', 'alice', ['engineers'], '/customers'));
  add(30, 'gw/decision', input('GET', 'billing', 'alice', ['engineers'], '/invoices'));
  add(20, 'gw/decision', input('DELETE', 'crm', 'root', ['admins'], '/customers/1'));
  add(10, 'gw/decision', input('POST', 'crm', 'alice', ['engineers'], '/customers'));
  add(10, 'gw/decision', input('POST', 'billing', 'alice', ['engineers'], '/invoices'));
  add(15, 'gw/decision', input('GET', 'ops', 'bot', ['sre'], '/health'));
  add(5, 'gw/allow', input('GET', 'crm', 'alice', ['engineers'], '/customers'));
  return out;
}

/** What the candidate changes among askedDecisions(), by kind. */
export const EXPECTED_CHANGES = {
  allow_to_deny: 30,
  deny_to_allow: 20,
  approval_added: 10,
  approval_removed: 10,
  approval_changed: 0,
  mask_changed: 40,
  other_changed: 0,
};
