// binaryen.js ships its WebAssembly binary as a 10 MB string literal inside a
// 14 MB JavaScript file; parsing that literal on every `import` costs more
// than the rest of a compile of a small policy. This writes a copy of the
// package with the binary moved to a file of its own (dist/vendor/binaryen/),
// which services/compiler/wasm/binaryen.ts loads when it matches the installed
// package, and falls back to the package itself otherwise.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(import.meta.resolve('binaryen'));
const outDir = new URL('../dist/vendor/binaryen/', import.meta.url);

function skip(reason) {
  rmSync(outDir, { recursive: true, force: true });
  process.stdout.write(`binaryen split skipped (${reason}); the compiler loads the package as shipped\n`);
}

/** Index just past the template literal starting at `start` (a backtick). */
function literalEnd(text, start) {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '`') return i + 1;
    else if (text[i] === '$' && text[i + 1] === '{') return -1;
  }
  return -1;
}

const text = readFileSync(source, 'utf8');
const start = text.indexOf('(`\\0asm');
const open = start + 1;
const end = start === -1 ? -1 : literalEnd(text, open);
// The callee decoding the literal, e.g. `x6(` (minified names change between releases).
let callee = start;
while (callee > 0 && /[\w$]/.test(text[callee - 1])) callee--;
if (start === -1 || end === -1 || callee === start || text[end] !== ')') {
  skip('the embedded binary was not found');
} else {
  const decoded = new Function(`return ${text.slice(open, end)}`)();
  const bytes = new Uint8Array(decoded.length);
  // The same mapping as binaryen's own decoder: one byte per character.
  for (let i = 0; i < decoded.length; i++) {
    const code = decoded.charCodeAt(i);
    bytes[i] = (~code >> 8) & code;
  }
  if (!globalThis.WebAssembly.validate(bytes)) {
    skip('the embedded binary does not validate');
  } else {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(new URL('binaryen.wasm', outDir), bytes);
    const loader =
      `import { readFileSync as __portcullisReadFileSync } from 'node:fs';\n` +
      text.slice(0, callee) +
      `new Uint8Array(__portcullisReadFileSync(new URL('./binaryen.wasm', import.meta.url)))` +
      text.slice(end + 1);
    writeFileSync(new URL('index.js', outDir), loader);
    // What the loader compares with the installed package before using the copy.
    const { size, mtimeMs } = statSync(source);
    const origin = { source, size, mtimeMs };
    writeFileSync(new URL('origin.json', outDir), `${JSON.stringify(origin)}\n`);
  }
}
