import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROXY_ERRORS } from '../../services/proxy/errors.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'runtime' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Codes raised by name in the sources, and the members of the `...Code` union types. */
function raisedCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of sourceFiles('services')) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(
      /new (?:Portcullis|Api|Bundle|WasmCodegen|Proxy|Builtin)Error\(\s*'([a-z_]+)'/g,
    ))
      codes.add(m[1]);
    for (const union of text.matchAll(/type \w+Code =([^;]+);/g)) {
      for (const m of union[1].matchAll(/'([a-z_]+)'/g)) codes.add(m[1]);
    }
  }
  for (const code of Object.keys(PROXY_ERRORS)) codes.add(code);
  return codes;
}

describe('docs/ERRORS.md', () => {
  it('documents every error code the services raise', () => {
    const doc = readFileSync('docs/ERRORS.md', 'utf8');
    const codes = raisedCodes();
    expect(codes.size).toBeGreaterThan(40);
    expect([...codes].filter((code) => !doc.includes(`\`${code}\``)).sort()).toEqual([]);
  });
});
