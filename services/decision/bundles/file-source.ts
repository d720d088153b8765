import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { readBundle, type BundleSizeLimits, type VerificationOptions } from '../../bundle/index.js';
import type { BundleSink, BundleSource } from './source.js';

export interface FileSourceOptions extends BundleSizeLimits {
  verification?: VerificationOptions;
  /** Quiet time after the last change before reloading. @defaultValue 100 */
  debounceMs?: number;
}

/**
 * A bundle in a `.tar.gz` file or a directory, reloaded when it changes.
 * A file is watched through its directory so that replacing it by rename
 * (how build tools write atomically) is seen too.
 */
export class FileBundleSource implements BundleSource {
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;
  private loading: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    readonly name: string,
    private readonly path: string,
    private readonly options: FileSourceOptions = {},
  ) {}

  async start(sink: BundleSink): Promise<void> {
    await this.load(sink);
    const isDir = await stat(this.path).then(
      (s) => s.isDirectory(),
      () => false,
    );
    const target = isDir ? this.path : dirname(this.path);
    const file = basename(this.path);
    try {
      this.watcher = watch(target, { recursive: isDir }, (_event, changed) => {
        if (!isDir && changed !== null && changed !== file) return;
        this.schedule(sink);
      });
      this.watcher.on('error', (err) => sink.failed(this.name, err));
    } catch (err) {
      sink.failed(this.name, err);
    }
  }

  private schedule(sink: BundleSink): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.loading = this.loading.then(() => this.load(sink));
    }, this.options.debounceMs ?? 100);
  }

  private async load(sink: BundleSink): Promise<void> {
    if (this.stopped) return;
    let bundle;
    try {
      bundle = await readBundle(this.path, {
        verification: this.options.verification,
        name: this.name,
        maxBundleBytes: this.options.maxBundleBytes,
        maxDownloadBytes: this.options.maxDownloadBytes,
      });
    } catch (err) {
      sink.failed(this.name, err);
      return;
    }
    sink.requested(this.name, { modified: true });
    await sink.activate(this.name, bundle).catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.watcher?.close();
    await this.loading;
  }
}
