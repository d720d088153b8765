/**
 * `portcullis inspect <bundle>`: what a bundle holds, as `opa inspect`
 * reports it (manifest, namespaces, wasm modules and their entrypoints,
 * signatures, and with `-a` the `# METADATA` annotations), in OPA's JSON
 * shape or as tables.
 */
import { readBundle, regoVersionForFile, type Bundle } from '../bundle/index.js';
import { PortcullisError } from '../common/errors.js';
import type { Annotations, Module, Term } from '../compiler/rego/ast.js';
import { parseModule } from '../compiler/rego/parser.js';
import { packagePath } from '../compiler/compile/resolve.js';

export interface InspectCommandOptions {
  format: string;
  annotations?: boolean;
}

/** OPA's `AnnotationsRef`: the annotated path as ref terms, the block, where it was written. */
export interface AnnotationsRef {
  path: { type: string; value: string }[];
  annotations: Omit<Annotations, 'location'>;
  location?: { file: string; row: number; col: number };
}

/** One JWT of `.signatures.json`, decoded (not verified: `inspect` only reports). */
export interface SignatureSummary {
  algorithm?: string;
  keyid?: string;
  scope?: string;
  issuer?: string;
  files: number;
}

/** OPA's `inspect.Info`, plus the entrypoints `# METADATA` declares and the decoded signatures. */
export interface BundleInfo {
  manifest: Bundle['manifest'];
  signatures_config?: { signatures: string[] };
  wasm_modules?: { path: string; url: string; entrypoints: string[] }[];
  namespaces: Record<string, string[]>;
  annotations?: AnnotationsRef[];
  /** Rules annotated `entrypoint: true` (what `opa build` would expose without `-e`). */
  annotated_entrypoints?: string[];
  signatures?: SignatureSummary[];
}

function decodeSegment(segment: string | undefined): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function summariseSignature(jwt: string): SignatureSummary {
  const [header, payload] = jwt.split('.');
  const h = decodeSegment(header);
  const p = decodeSegment(payload);
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    algorithm: str(h.alg),
    keyid: str(p.keyid) ?? str(h.kid),
    scope: str(p.scope),
    issuer: str(p.iss),
    files: Array.isArray(p.files) ? p.files.length : 0,
  };
}

function refPath(parts: string[]): AnnotationsRef['path'] {
  return [{ type: 'var', value: 'data' }, ...parts.map((value) => ({ type: 'string', value }))];
}

function rulePath(module: Module, head: Term[]): string[] {
  const path = [...packagePath(module)];
  for (const [i, part] of head.entries()) {
    if (i === 0 && part.type === 'var') path.push(part.value);
    else if (part.type === 'string') path.push(part.value);
    else break;
  }
  return path;
}

/** Every `# METADATA` block once, with the path it annotates, sorted by path then location (OPA's Flatten). */
function annotationRefs(modules: Module[]): AnnotationsRef[] {
  const seen = new Set<Annotations>();
  const refs: { path: string[]; a: Annotations }[] = [];
  for (const module of modules) {
    for (const a of module.package.annotations ?? []) {
      if (!seen.has(a)) refs.push({ path: packagePath(module), a });
      seen.add(a);
    }
    for (const rule of module.rules) {
      for (const a of rule.annotations ?? []) {
        if (!seen.has(a)) refs.push({ path: rulePath(module, rule.head.ref.value), a });
        seen.add(a);
      }
    }
  }
  const text = (r: { path: string[] }) => r.path.join('\u0000');
  refs.sort((x, y) => {
    const byPath = text(x) < text(y) ? -1 : text(x) > text(y) ? 1 : 0;
    if (byPath !== 0) return byPath;
    const lx = x.a.location;
    const ly = y.a.location;
    return (lx?.file ?? '').localeCompare(ly?.file ?? '') || (lx?.row ?? 0) - (ly?.row ?? 0);
  });
  return refs.map(({ path, a }) => {
    const { location, ...annotations } = a;
    return {
      path: refPath(path),
      annotations,
      ...(location ? { location: { file: location.file, row: location.row, col: location.col } } : {}),
    };
  });
}

/** Reads a bundle (archive or directory) without verifying it and describes it. */
export async function inspectBundle(path: string, withAnnotations: boolean): Promise<BundleInfo> {
  const bundle = await readBundle(path, { skipVerification: true });
  const modules = bundle.rego.map((r) =>
    parseModule(r.text, r.path, {
      regoVersion: regoVersionForFile(bundle.manifest, r.path) === 0 ? 'v0' : 'v1',
    }),
  );
  const namespaces: Record<string, string[]> = {};
  const add = (namespace: string, file: string) => (namespaces[namespace] ??= []).push(file);
  for (const module of modules) add(['data', ...packagePath(module)].join('.'), module.file);
  for (const file of bundle.files) {
    if (!/(^|\/)data\.(json|ya?ml)$/.test(file.path)) continue;
    const dir = file.path.split('/').filter(Boolean).slice(0, -1);
    add(['data', ...dir].join('.'), file.path);
  }
  for (const resolver of bundle.manifest.wasm) {
    add(['data', ...resolver.entrypoint.split('/').filter(Boolean)].join('.'), resolver.module);
  }
  // Sorted, as Go marshals a map.
  const sorted = Object.fromEntries(
    Object.keys(namespaces)
      .sort()
      .map((k) => [k, namespaces[k]]),
  );
  const info: BundleInfo = { manifest: bundle.manifest, namespaces: sorted };
  if (bundle.signatures) {
    info.signatures_config = { signatures: bundle.signatures.signatures };
    info.signatures = bundle.signatures.signatures.map(summariseSignature);
  }
  if (bundle.wasm.length > 0) {
    info.wasm_modules = bundle.wasm.map((w) => ({
      path: w.path,
      url: w.path,
      entrypoints: bundle.manifest.wasm
        .filter((r) => r.module === w.path)
        .map((r) => ['data', ...r.entrypoint.split('/').filter(Boolean)].join('.')),
    }));
  }
  const annotations = annotationRefs(modules);
  const declared = annotations
    .filter((a) => a.annotations.entrypoint)
    .map((a) => a.path.map((p) => p.value).join('.'));
  if (declared.length) info.annotated_entrypoints = declared;
  if (withAnnotations && annotations.length) info.annotations = annotations;
  return info;
}

/** A table as OPA's tablewriter draws it: `+---+` borders, a title-cased header row. */
export function renderTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const border = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const line = (cells: string[], center = false) =>
    `|${cells
      .map((c, i) => {
        if (!center) return ` ${c.padEnd(widths[i])} `;
        const left = Math.floor((widths[i] - c.length) / 2);
        return ` ${' '.repeat(left)}${c}${' '.repeat(widths[i] - c.length - left)} `;
      })
      .join('|')}|`;
  return [
    border,
    line(
      headers.map((h) => h.toUpperCase()),
      true,
    ),
    border,
    ...rows.map((r) => line(r)),
    border,
  ]
    .map((l) => `${l}\n`)
    .join('');
}

function prettyAnnotations(refs: AnnotationsRef[]): string {
  const out: string[] = ['ANNOTATIONS:'];
  for (const ref of refs) {
    const path = ref.path
      .slice(1)
      .map((p) => p.value)
      .join('.');
    const title = ref.annotations.title?.trim() || path;
    out.push(title, '='.repeat(Math.min(title.length, 80)), '');
    if (ref.annotations.description) out.push(ref.annotations.description, '');
    out.push(
      `${ref.annotations.scope === 'package' || ref.annotations.scope === 'subpackages' ? 'Package: ' : 'Rule:    '} ${path}`,
    );
    if (ref.location) out.push(`Location: ${ref.location.file}:${ref.location.row}`);
    out.push(`Scope: ${ref.annotations.scope}`);
    if (ref.annotations.entrypoint) out.push('Entrypoint: true');
    out.push('');
    const list = (label: string, entries: string[]) => {
      if (entries.length) out.push(`${label}:`, ...entries.map((e) => ` ${e}`), '');
    };
    list('Organizations', ref.annotations.organizations ?? []);
    list(
      'Authors',
      (ref.annotations.authors ?? []).map((a) =>
        [a.name, a.email && `<${a.email}>`].filter(Boolean).join(' '),
      ),
    );
    list(
      'Schemas',
      (ref.annotations.schemas ?? []).map(
        (s) => `${s.path.join('.')}: ${s.schema ? s.schema.join('.') : JSON.stringify(s.definition)}`,
      ),
    );
    list(
      'Related Resources',
      (ref.annotations.related_resources ?? []).map(
        (r) => `${r.ref}${r.description ? ` ${r.description}` : ''}`,
      ),
    );
    list(
      'Custom',
      Object.entries(ref.annotations.custom ?? {}).map(([k, v]) => `${k}: ${JSON.stringify(v)}`),
    );
  }
  return `${out.join('\n')}\n`;
}

/** The pretty report: MANIFEST, NAMESPACES, ENTRYPOINTS, SIGNATURES and (with -a) ANNOTATIONS. */
export function prettyInfo(info: BundleInfo): string {
  const parts: string[] = [];
  const m = info.manifest;
  const manifest: string[][] = [];
  if (m.rego_version !== undefined) manifest.push(['Rego Version', String(m.rego_version)]);
  if (m.revision) manifest.push(['Revision', m.revision]);
  const roots = [...m.roots].sort();
  if (!(roots.length === 1 && roots[0] === '')) for (const root of roots) manifest.push(['Roots', root]);
  if (m.metadata && Object.keys(m.metadata).length) manifest.push(['Metadata', JSON.stringify(m.metadata)]);
  if (manifest.length) parts.push(`MANIFEST:\n${renderTable(['Field', 'Value'], manifest)}`);
  const namespaces = Object.keys(info.namespaces)
    .sort()
    .flatMap((ns) => info.namespaces[ns].map((file, i) => [i === 0 ? ns : '', file]));
  if (namespaces.length) parts.push(`NAMESPACES:\n${renderTable(['Namespace', 'File'], namespaces)}`);
  const entrypoints = [
    ...(info.wasm_modules ?? []).flatMap((w) => w.entrypoints.map((e) => [e, w.path])),
    ...(info.annotated_entrypoints ?? []).map((e) => [e, '# METADATA entrypoint: true']),
  ];
  if (entrypoints.length) parts.push(`ENTRYPOINTS:\n${renderTable(['Entrypoint', 'Where'], entrypoints)}`);
  if (info.signatures?.length) {
    const rows = info.signatures.map((s) => [
      s.algorithm ?? '',
      s.keyid ?? '',
      s.scope ?? '',
      s.issuer ?? '',
      String(s.files),
    ]);
    parts.push(
      `SIGNATURES (not verified):\n${renderTable(['Algorithm', 'Key id', 'Scope', 'Issuer', 'Files'], rows)}`,
    );
  }
  if (info.annotations?.length) parts.push(prettyAnnotations(info.annotations));
  return parts.join('\n');
}

export async function runInspectCommand(path: string, options: InspectCommandOptions): Promise<void> {
  if (!['pretty', 'json'].includes(options.format)) {
    throw new PortcullisError('invalid_argument', `--format ${options.format}: expected pretty or json`);
  }
  const info = await inspectBundle(path, !!options.annotations);
  process.stdout.write(options.format === 'json' ? `${JSON.stringify(info, null, 2)}\n` : prettyInfo(info));
}
