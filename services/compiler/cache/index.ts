/**
 * The compile cache of `portcullis test` and `eval`: compiled modules by
 * the hash of their sources, options and compiler (see store.ts).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CompileCache } from './store.js';

export { CompileCache, cacheKey, type CacheEntry, type CompileCacheOptions } from './store.js';
export { compilerId } from './compiler-id.js';

/**
 * Where the cache lives: `PORTCULLIS_CACHE_DIR` (`off` turns the cache off),
 * else `$XDG_CACHE_HOME/portcullis`, else `~/.cache/portcullis`; undefined
 * when off.
 */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const given = env.PORTCULLIS_CACHE_DIR;
  if (given === 'off') return undefined;
  if (given) return given;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'portcullis');
  return join(homedir(), '.cache', 'portcullis');
}

/** The cache the command line uses, if it is on. */
export function commandLineCache(env: NodeJS.ProcessEnv = process.env): CompileCache | undefined {
  const dir = compileCacheDir(env);
  return dir ? new CompileCache({ dir }) : undefined;
}
