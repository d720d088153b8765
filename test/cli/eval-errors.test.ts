import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEvalCommand, type EvalCommandOptions } from '../../services/cli/eval-run.js';
import { PortcullisError } from '../../services/common/errors.js';

/**
 * `portcullis eval` prints policy errors and, with --strict-builtin-errors,
 * builtin errors as `opa eval` does (its `{"errors": [...]}` output, or
 * `1 error occurred: ...`), never a stack trace; --schema types input.
 */
function files(entries: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pc-eval-errors-'));
  for (const [name, text] of Object.entries(entries)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function run(
  query: string,
  options: Partial<EvalCommandOptions>,
): Promise<{ code: number; out: string }> {
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += chunk.toString();
    return true;
  }) as typeof process.stdout.write;
  try {
    const code = await runEvalCommand([query], { format: 'json', ...options });
    return { code, out };
  } finally {
    process.stdout.write = write;
  }
}

describe('eval errors as opa eval prints them', () => {
  const dir = files({
    'policy/p.rego': 'package p\n\nx := json.unmarshal(input.s)\n',
    'typo/t.rego': 'package t\n\ny := count(5)\n',
    'schema/input.json': JSON.stringify({
      type: 'object',
      properties: { user: { type: 'object', properties: { name: { type: 'string' } } } },
    }),
    'uses/u.rego': 'package u\n\nadmin if input.user.nmae == "ada"\n',
    'in.json': '{"s": "{bad"}',
  });

  it('a builtin error under --strict-builtin-errors is the JSON error object, exit 1', async () => {
    const { code, out } = await run('data.p.x', {
      data: [join(dir, 'policy')],
      input: join(dir, 'in.json'),
      strictBuiltinErrors: true,
    });
    expect(code).toBe(1);
    expect(JSON.parse(out)).toEqual({
      errors: [
        {
          message: "json.unmarshal: invalid character 'b' looking for beginning of value",
          code: 'eval_builtin_error',
        },
      ],
    });
  });

  it('other formats print the error line', async () => {
    const { code, out } = await run('data.p.x', {
      data: [join(dir, 'policy')],
      input: join(dir, 'in.json'),
      strictBuiltinErrors: true,
      format: 'values',
    });
    expect(code).toBe(1);
    expect(out).toBe(
      "1 error occurred: eval_builtin_error: json.unmarshal: invalid character 'b' looking for beginning of value\n",
    );
  });

  it('without strict builtin errors the builtin is undefined', async () => {
    const { code, out } = await run('data.p.x', { data: [join(dir, 'policy')], input: join(dir, 'in.json') });
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({});
  });

  it('a type error is an error object with its location and details', async () => {
    const { code, out } = await run('data.t.y', { data: [join(dir, 'typo')] });
    expect(code).toBe(1);
    const { errors } = JSON.parse(out);
    expect(errors).toEqual([
      {
        message: 'count: invalid argument(s)',
        code: 'rego_type_error',
        location: { file: expect.stringMatching(/t\.rego$/), row: 3, col: 6 },
        details:
          'have: (number, ???)\nwant: (collection: any<string, array[any], object[any: any], set[any]>, n: number)',
      },
    ]);
  });

  it('--schema types input: a misspelt field is a type error', async () => {
    const withSchema = await run('data.u.admin', {
      data: [join(dir, 'uses')],
      schema: join(dir, 'schema', 'input.json'),
      format: 'values',
    });
    expect(withSchema.code).toBe(1);
    expect(withSchema.out).toMatch(
      /^1 error occurred: .*u\.rego:3:10: rego_type_error: undefined ref: input\.user\.nmae\n/,
    );
    expect(withSchema.out).toContain('want (one of): ["name"]');
    const without = await run('data.u.admin', { data: [join(dir, 'uses')] });
    expect(without.code).toBe(0);
  });

  it('--schema naming nothing readable is a usage error', async () => {
    await expect(
      run('data.u.admin', { data: [join(dir, 'uses')], schema: join(dir, 'nope.json') }),
    ).rejects.toThrow(PortcullisError);
  });
});
