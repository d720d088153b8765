import type { SinkConfig } from '../config.js';
import type { SinkDriver } from './driver.js';
import { FileSink } from './file.js';
import { HttpSink } from './http.js';
import { OpaSink } from './opa.js';
import { SplunkSink } from './splunk.js';
import { PostgresSink } from './postgres.js';

/** The driver for a configured sink. */
export function createSinkDriver(sink: SinkConfig): SinkDriver {
  switch (sink.type) {
    case 'file':
      return new FileSink(sink);
    case 'postgres':
      return new PostgresSink(sink);
    case 'http':
      return new HttpSink(sink);
    case 'splunk':
      return new SplunkSink(sink);
    case 'opa':
      return new OpaSink(sink);
  }
}

export { FileSink, HttpSink, OpaSink, PostgresSink, SplunkSink };
export { SinkFailure, type ExportBatch, type SinkDriver } from './driver.js';
