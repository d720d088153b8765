/**
 * OPA's own compile of its RBAC example, the side-by-side baseline for
 * evaluation speed: ../shared/opa-reference/rbac beside the project (see
 * its README). Read at run time, never copied into the project.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../services/compiler/wasm/runtime-artifact.js';

export const REFERENCE_ENTRYPOINT = 'app/rbac/allow';

export interface OpaReference {
  /** Where the files were read from. */
  dir: string;
  /** rbac.rego, the source OPA compiled. */
  rego: string;
  /** rbac.wasm, built by `opa build -t wasm` (OPA 1.10). */
  opaWasm: Uint8Array;
  /** data.json, given to both modules with setData. */
  data: object;
  /** inputs.json: the inputs to evaluate. */
  inputs: object[];
}

/** The reference directory: OPA_REFERENCE_DIR, else ../shared/opa-reference/rbac beside the project. */
export function opaReferenceDir(): string {
  return process.env.OPA_REFERENCE_DIR ?? join(projectRoot(), '..', 'shared', 'opa-reference', 'rbac');
}

export function readOpaReference(dir = opaReferenceDir()): OpaReference {
  const read = (name: string): Buffer => {
    try {
      return readFileSync(join(dir, name));
    } catch (err) {
      throw new Error(`OPA reference policy: cannot read ${join(dir, name)} (${(err as Error).message})`, {
        cause: err,
      });
    }
  };
  const inputs = JSON.parse(read('inputs.json').toString('utf8')) as unknown;
  if (!Array.isArray(inputs) || inputs.length === 0)
    throw new Error(`OPA reference policy: ${join(dir, 'inputs.json')} is not a non-empty array`);
  return {
    dir,
    rego: read('rbac.rego').toString('utf8'),
    opaWasm: new Uint8Array(read('rbac.wasm')),
    data: JSON.parse(read('data.json').toString('utf8')) as object,
    inputs: inputs as object[],
  };
}

/** A short name for a reference input: `bob update finance`. */
export function inputLabel(input: unknown): string {
  if (input === null || typeof input !== 'object') return JSON.stringify(input);
  return Object.values(input)
    .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
    .join(' ');
}
