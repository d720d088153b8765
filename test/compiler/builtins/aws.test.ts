/**
 * providers.aws.sign_req against OPA's conformance cases: each case's module
 * defines `req`, `aws_config` and `expected` as Rego literals and compares
 * `providers.aws.sign_req(req, aws_config, <time>)` with `expected`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { toJSONText } from '../../../services/compiler/builtins/values.js';
import type { Value } from '../../../services/compiler/builtins/index.js';
import { outcome } from './support/table.js';
import { CONFORMANCE_DIR } from './support/conformance-calls.js';
import { LiteralReader } from './support/rego-literals.js';

interface Case {
  note: string;
  modules: string[];
  want_result?: unknown[];
  want_error_code?: string;
  want_error?: string;
}

const dir = join(CONFORMANCE_DIR, 'providers-aws');
const cases: Case[] = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => (parse(readFileSync(join(dir, f), 'utf8')) as { cases: Case[] }).cases);

function constant(module: string, name: string): Value | undefined {
  const at = module.search(new RegExp(`^${name} := `, 'm'));
  if (at < 0) return undefined;
  return new LiteralReader(module.slice(at + name.length + 4)).value();
}

describe('providers.aws.sign_req', () => {
  it('finds OPA cases', () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  it.each(cases.map((c) => [c.note, c] as const))('%s', (_note, c) => {
    const module = c.modules[0];
    const time = /sign_req\(req, aws_config, ([^)]+)\)/.exec(module)?.[1] ?? '';
    const args = [constant(module, 'req'), constant(module, 'aws_config'), Number(time)];
    const got = outcome('providers.aws.sign_req', args);
    if (c.want_error_code) {
      expect(got).toEqual({ code: c.want_error_code, error: c.want_error });
      return;
    }
    expect('value' in got && toJSONText(got.value as Value, true)).toBe(
      toJSONText(constant(module, 'expected') as Value, true),
    );
  });
});
