// Aborts and runtime errors: every failure leaves through the host's `opa_abort`.
import { opa_abort as host_abort } from './env';
import { opa_malloc } from './malloc';

/** A NUL-terminated UTF-8 copy of a static AssemblyScript string (ASCII only). */
export function cstring(s: string): usize {
  const n = s.length;
  const p = opa_malloc(<usize>n + 1);
  for (let i = 0; i < n; i++) store<u8>(p + <usize>i, <u8>s.charCodeAt(i));
  store<u8>(p + <usize>n, 0);
  return p;
}

export function abortWith(message: string): void {
  host_abort(cstring(message));
  unreachable();
}

/** Routed here by `--use abort=...`: the AS standard library's own assertion failures. */
export function asAbort(message: string | null, fileName: string | null, line: u32, column: u32): void {
  host_abort(cstring(message !== null ? message : 'runtime assertion failed'));
  unreachable();
}

function strlen(p: usize): usize {
  let n: usize = 0;
  while (load<u8>(p + n) != 0) n++;
  return n;
}

function writeDecimal(p: usize, v: i32): usize {
  if (v < 0) {
    store<u8>(p, 0x2d);
    return writeDecimal(p + 1, -v);
  }
  let digits = 1;
  for (let t = v; t >= 10; t /= 10) digits++;
  for (let i = digits - 1, t = v; i >= 0; i--, t /= 10) store<u8>(p + <usize>i, <u8>(0x30 + (t % 10)));
  return p + <usize>digits;
}

/** Aborts with `file:row:col: message` (both strings NUL-terminated), the format OPA's runtime errors use. */
export function opa_runtime_error(file: usize, row: i32, col: i32, message: usize): void {
  const fileLen = strlen(file);
  const msgLen = strlen(message);
  const out = opa_malloc(fileLen + msgLen + 32);
  memory.copy(out, file, fileLen);
  let p = out + fileLen;
  store<u8>(p++, 0x3a);
  p = writeDecimal(p, row);
  store<u8>(p++, 0x3a);
  p = writeDecimal(p, col);
  store<u8>(p++, 0x3a);
  store<u8>(p++, 0x20);
  memory.copy(p, message, msgLen);
  store<u8>(p + msgLen, 0);
  host_abort(out);
  unreachable();
}
