/**
 * The `yaml` package, loaded on first use. Importing it costs about 45 ms
 * of CPU; commands that read no YAML (most `portcullis test` and `eval`
 * runs) need not pay it. Its CommonJS build loads synchronously, so
 * callers stay synchronous.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

export function yaml(): typeof Yaml {
  loaded ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return loaded;
}
