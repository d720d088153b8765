import type { SinkConfig } from '../config.js';
import type { SinkDriver } from './driver.js';
import { FileSink } from './file.js';
import { PostgresSink } from './postgres.js';

/** The driver for a configured sink. */
export function createSinkDriver(sink: SinkConfig): SinkDriver {
  switch (sink.type) {
    case 'file':
      return new FileSink(sink);
    case 'postgres':
      return new PostgresSink(sink);
    default:
      throw new Error(`audit sink type ${sink.type} is not available yet`);
  }
}

export { FileSink, PostgresSink };
export { SinkFailure, type ExportBatch, type SinkDriver } from './driver.js';
