/** One `wasm` entry of a manifest: which module implements an entrypoint. */
export interface WasmResolver {
  entrypoint: string;
  module: string;
}

/** The `.manifest` file, with OPA's defaults applied. */
export interface Manifest {
  revision: string;
  /** Path prefixes (slash separated, no leading slash) this bundle owns. `[""]` owns everything. */
  roots: string[];
  wasm: WasmResolver[];
  /** Syntax of the bundle's `.rego` files: 0 (Rego v0) or 1 (v1); absent: the reader's default. */
  rego_version?: number;
  /** Per-file syntax, glob pattern → 0 or 1, overriding `rego_version` (see rego-versions.ts). */
  file_rego_versions?: Record<string, number>;
  metadata?: Record<string, unknown>;
}

/** A file exactly as stored in the bundle. Paths are absolute inside the bundle (`/a/b/data.json`). */
export interface BundleFile {
  path: string;
  bytes: Uint8Array;
}

export interface RegoSource {
  path: string;
  text: string;
}

export interface WasmModule {
  path: string;
  bytes: Uint8Array;
}

/** `.signatures.json`. */
export interface BundleSignatures {
  signatures: string[];
}

/** A bundle read into memory: plain data, no behaviour. */
export interface Bundle {
  manifest: Manifest;
  /** Every data file merged into one document, at its directory path. */
  data: Record<string, unknown>;
  rego: RegoSource[];
  wasm: WasmModule[];
  signatures?: BundleSignatures;
  /** Every file except `.signatures.json`, in archive order (what signatures cover). */
  files: BundleFile[];
}

export type SigningAlgorithm = 'RS256' | 'ES256' | 'HS256';

/** Key material and claims used to sign a bundle. */
export interface SigningOptions {
  /** PEM private key (RS256, ES256) or shared secret (HS256). */
  key: string;
  /** @defaultValue 'RS256' */
  algorithm?: SigningAlgorithm;
  /** Written as the JWT `kid` header when set. */
  keyId?: string;
  /** Written as the `scope` claim when set. */
  scope?: string;
  /** Written as the `iss` claim when set. */
  issuer?: string;
}

/** What a bundle must be signed with to be accepted. */
export interface VerificationOptions {
  /** PEM public key (RS256, ES256) or shared secret (HS256). */
  key: string;
  /** @defaultValue 'RS256' */
  algorithm?: SigningAlgorithm;
  /** When set, the JWT `kid` header must match it (if the token has one). */
  keyId?: string;
  /** When set, the `scope` claim must equal it. */
  scope?: string;
}
