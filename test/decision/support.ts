import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A fresh temporary directory; remove it with `cleanup`. */
export async function tempDir(name: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `pc-${name}-`));
}

export async function cleanup(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Writes files (path → text or JSON value) under `dir`. */
export async function writeFiles(dir: string, files: Record<string, unknown>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, typeof content === 'string' ? content : JSON.stringify(content));
  }
}

/**
 * Polls `check` until it returns a truthy value. `timeoutMs` only bounds a
 * broken test (it then throws naming `what`): it is generous, as the machine
 * may be loaded, and below Jest's 30 s so the message names what was awaited.
 */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 25_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

// Tests read arbitrary JSON answers field by field, hence `any`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyJson = any;

export async function getJson(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; body: AnyJson; headers: Headers }> {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return getJson(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
