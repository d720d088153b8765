/**
 * Which Rego syntax each `.rego` file of a bundle is written in, as OPA's
 * bundle reader decides (`v1/bundle/bundle.go`, `RegoVersionForFile`): the
 * first `file_rego_versions` pattern matching the file's path, else the
 * manifest's `rego_version`, else the reader's default (`1`, or `0` with
 * `--v0-compatible`).
 *
 * Patterns are gobwas globs without separators, as OPA compiles them: `*`
 * matches any run of characters (slashes too), `?` one character, `[a-z]` /
 * `[!a-z]` a class, `{a,b}` alternatives, `\` escapes. They are translated
 * to RE2 (linear time: a manifest from a bundle server cannot make matching
 * slow) and tried in sorted order, so the answer does not depend on key order.
 */
import { createRequire } from 'node:module';
import type { RE2JS as RE2JSClass } from 're2js';

let re2js: typeof RE2JSClass | undefined;

/** re2js, loaded on first use (its CommonJS build, synchronously): most manifests name no patterns. */
function RE2JS(): typeof RE2JSClass {
  re2js ??= (createRequire(import.meta.url)('re2js') as { RE2JS: typeof RE2JSClass }).RE2JS;
  return re2js;
}

/** `0` (Rego v0) or `1` (Rego v1), as manifests write them. */
export type BundleRegoVersion = 0 | 1;

function escapeRegex(c: string): string {
  return /[\\.+*?()|[\]{}^$]/.test(c) ? `\\${c}` : c;
}

function escapeClass(c: string): string {
  return /[\\\]^[-]/.test(c) ? `\\${c}` : c;
}

/** A glob as an anchored RE2 pattern; throws on a malformed glob. */
export function globToRe2(pattern: string): string {
  const chars = Array.from(pattern);
  let i = 0;
  const sequence = (inAlternatives: boolean): string => {
    let out = '';
    while (i < chars.length) {
      const c = chars[i];
      if (inAlternatives && (c === ',' || c === '}')) return out;
      i++;
      switch (c) {
        case '\\':
          if (i >= chars.length) throw new Error('unexpected end of pattern after \\');
          out += escapeRegex(chars[i++]);
          break;
        case '*':
          while (chars[i] === '*') i++;
          out += '(?s:.*)';
          break;
        case '?':
          out += '(?s:.)';
          break;
        case '[': {
          let negate = false;
          if (chars[i] === '!') {
            negate = true;
            i++;
          }
          let cls = '';
          let closed = false;
          while (i < chars.length) {
            const x = chars[i++];
            if (x === ']') {
              closed = true;
              break;
            }
            if (chars[i] === '-' && i + 1 < chars.length && chars[i + 1] !== ']') {
              cls += `${escapeClass(x)}-${escapeClass(chars[i + 1])}`;
              i += 2;
            } else {
              cls += escapeClass(x);
            }
          }
          if (!closed || cls === '') throw new Error('unclosed or empty character class');
          out += `[${negate ? '^' : ''}${cls}]`;
          break;
        }
        case '{': {
          const options: string[] = [];
          for (;;) {
            options.push(sequence(true));
            if (i >= chars.length) throw new Error('unclosed {');
            if (chars[i++] === '}') break;
          }
          out += `(?:${options.join('|')})`;
          break;
        }
        default:
          out += escapeRegex(c);
      }
    }
    if (inAlternatives) throw new Error('unclosed {');
    return out;
  };
  return `^${sequence(false)}$`;
}

export interface FileRegoVersionMatcher {
  /** The version the first matching pattern gives, or undefined. */
  match(path: string): BundleRegoVersion | undefined;
}

/** Compiles `file_rego_versions` once; throws naming the first malformed pattern. */
export function compileFileRegoVersions(
  fileRegoVersions: Record<string, number> | undefined,
): FileRegoVersionMatcher {
  const patterns = Object.keys(fileRegoVersions ?? {})
    .sort()
    .map((pattern) => {
      let source: string;
      try {
        source = globToRe2(pattern);
      } catch (err) {
        throw new Error(`pattern "${pattern}": ${(err as Error).message}`, { cause: err });
      }
      return { regex: RE2JS().compile(source), version: fileRegoVersions![pattern] as BundleRegoVersion };
    });
  return {
    match(path) {
      // Bundles name files with a leading slash; authors often write the pattern without one.
      const forms = path.startsWith('/') ? [path, path.slice(1)] : [path, `/${path}`];
      for (const { regex, version } of patterns) {
        if (forms.some((form) => regex.matches(form))) return version;
      }
      return undefined;
    },
  };
}

/** The version of one file of a bundle: its pattern, else the bundle's, else `fallback`. */
export function regoVersionForFile(
  manifest: { rego_version?: number; file_rego_versions?: Record<string, number> },
  path: string,
  fallback: BundleRegoVersion = 1,
): BundleRegoVersion {
  const own = compileFileRegoVersions(manifest.file_rego_versions).match(path);
  if (own !== undefined) return own;
  if (manifest.rego_version === 0 || manifest.rego_version === 1) return manifest.rego_version;
  return fallback;
}

/**
 * What `opa build` writes for files of mixed syntax: the bundle's version,
 * and a `file_rego_versions` entry (absolute bundle path) for each file that
 * differs from it. Absent when every file agrees.
 */
export function fileRegoVersionsFor(
  files: { path: string; version: BundleRegoVersion }[],
  bundleVersion: BundleRegoVersion,
): Record<string, number> | undefined {
  const out: Record<string, number> = {};
  for (const { path, version } of files) {
    if (version !== bundleVersion) out[`/${path.replace(/^\/+/, '')}`] = version;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
