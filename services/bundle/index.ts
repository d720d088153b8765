export type {
  Bundle,
  BundleFile,
  BundleSignatures,
  Manifest,
  RegoSource,
  SigningAlgorithm,
  SigningOptions,
  VerificationOptions,
  WasmModule,
  WasmResolver,
} from './types.js';
export { BundleError, type BundleErrorCode } from './errors.js';
export {
  readBundle,
  parseBundleFiles,
  filesFromDirectory,
  type BundleSource,
  type ReadBundleOptions,
} from './read.js';
export { writeBundle, bundleFiles, type BundleContents, type WriteBundleOptions } from './write.js';
export { signBundleFiles, describeFiles, type SignedFile } from './sign.js';
export { verifyBundle } from './verify.js';
export { canonicalJson, hashBundleFile } from './canonical.js';
export { checkRootsDisjoint, parseManifest, rootsOverlap, pathUnderRoot } from './manifest.js';
export {
  compileFileRegoVersions,
  fileRegoVersionsFor,
  regoVersionForFile,
  type BundleRegoVersion,
} from './rego-versions.js';
export { readTarGz, writeTarGz, type TarGzLimits } from './tarball.js';
export { FORBIDDEN_DATA_KEYS, findForbiddenKey, getOwn, setOwn } from './safe-keys.js';
export {
  DEFAULT_MAX_BUNDLE_BYTES,
  DEFAULT_MAX_DOWNLOAD_BYTES,
  readCappedBody,
  type BundleSizeLimits,
} from './limits.js';
export { SIGNING_ALGORITHMS, isSigningAlgorithm, keyMaterial } from './keys.js';
