import type { Bundle } from '../../bundle/index.js';

/** What a bundle source reports to the registry. */
export interface BundleSink {
  /** A new bundle was downloaded and verified; resolves once active, rejects when activation fails. */
  activate(name: string, bundle: Bundle): Promise<void>;
  /** A download, parse or verification attempt failed; the last good bundle stays. */
  failed(name: string, error: unknown): void;
  /** A request to the source completed (HTTP 200 or 304, or a file read). */
  requested(name: string, outcome: { modified: boolean }): void;
}

/** A place bundles come from: a file, a directory or an HTTP bundle server. */
export interface BundleSource {
  readonly name: string;
  /** Starts loading; resolves after the first attempt finished, whatever its outcome. */
  start(sink: BundleSink): Promise<void>;
  stop(): Promise<void>;
}
