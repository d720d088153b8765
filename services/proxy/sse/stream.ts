import type { ServerResponse } from 'node:http';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { ProxyError } from '../errors.js';
import { callerResponseHeaders } from '../forward/headers.js';
import { discardBody, upstreamFailure, type UpstreamResponse } from '../forward/upstream.js';
import { checkScrubbableCharset } from '../mask/charset.js';
import { scrubBuffer, scrubHeaderValues } from '../mask/scrub-stream.js';
import { CallerGone, streamDecoder, writeHead } from '../respond.js';
import { EventContinuity } from './continuity.js';
import { EventFramer, parseEvent, serializeEvent, type SseEvent } from './frame.js';

/**
 * An upstream's `text/event-stream` answer passed to the caller event by
 * event, never buffered whole: each event is cut out (bounded), scrubbed of
 * the connection's credential, handed to `onEvent` (masking, a decision,
 * MCP's per-message plans), checked against the credential across event
 * boundaries, and written at once. Long streams live as long as events
 * come; a stream idle for the connection's `timeouts.bodyMs` is cut by the
 * upstream pool. A failure once events have gone out ends the stream with
 * error events (`onFailure`), since the status line is long gone.
 */

/** What becomes of one event. */
export type EventVerdict =
  /** Sent as it came (scrubbed). */
  | { pass: true }
  /** Sent with this data instead. */
  | { data: string }
  /** Not sent. */
  | { drop: true }
  /** The stream ends here, with `onFailure`'s events. */
  | { fail: ProxyError };

export interface EventStreamOptions {
  /** The connection's credential in the forms it is sent (scrubbed everywhere). */
  literals: readonly string[];
  replacement: string;
  /** Largest event held while it is read. */
  maxEventBytes: number;
  /** Decides each event that carries data; may answer later (a decision per event). */
  onEvent?: (event: SseEvent) => EventVerdict | Promise<EventVerdict>;
  /** Events the proxy writes before the upstream's (its own answers). */
  prelude?: SseEvent[];
  /** The events that end a failed stream. @defaultValue one `event: error` with `{error, message}` */
  onFailure?: (err: ProxyError) => SseEvent[];
  /** Sees the bytes the caller gets (the audit trail's capture). */
  tap?: (output: Readable) => void;
}

/** The default last event of a failed stream. */
export function errorEvent(err: ProxyError): SseEvent {
  return { event: 'error', data: JSON.stringify({ error: err.code, message: err.message }) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}

/**
 * Event by event: frame → scrub the raw bytes → `onEvent` → continuity
 * across events → out. Events are handled one after another, in order.
 */
class EventStreamTransform extends Transform {
  private readonly framer: EventFramer;
  private readonly continuity: EventContinuity | null;

  constructor(private readonly options: EventStreamOptions) {
    super();
    this.framer = new EventFramer(options.maxEventBytes);
    this.continuity = EventContinuity.for(options.literals, options.replacement);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let frames: Buffer[];
    try {
      frames = this.framer.push(chunk);
    } catch (err) {
      callback(err as Error);
      return;
    }
    this.handleAll(frames, 0, callback);
  }

  /** Handles frames in order; stays synchronous while every verdict is. */
  private handleAll(frames: Buffer[], from: number, callback: TransformCallback): void {
    for (let i = from; i < frames.length; i++) {
      let outcome: Buffer | ProxyError | null | Promise<Buffer | ProxyError | null>;
      try {
        outcome = this.handle(frames[i]);
      } catch (err) {
        callback(err as Error);
        return;
      }
      if (outcome instanceof Promise) {
        outcome.then(
          (done) => {
            if (done instanceof ProxyError) return callback(done);
            if (done) this.push(done);
            this.handleAll(frames, i + 1, callback);
          },
          (err: unknown) => callback(err as Error),
        );
        return;
      }
      if (outcome instanceof ProxyError) {
        callback(outcome);
        return;
      }
      if (outcome) this.push(outcome);
    }
    callback();
  }

  private handle(frame: Buffer): Buffer | ProxyError | null | Promise<Buffer | ProxyError | null> {
    const { literals, replacement, onEvent } = this.options;
    // Across events first, on the text as the upstream wrote it: the scrubber
    // below would leave only pieces of a secret cut short, which no join shows.
    const across = this.continuity ? this.acrossEvents(frame) : frame;
    const read = Buffer.isBuffer(across) ? undefined : across;
    const joined = read ? frame : (across as Buffer);
    const raw = literals.length > 0 ? scrubBuffer(joined, literals, replacement) : joined;
    if (!onEvent) return raw;
    // An event no step above has changed is not read a second time.
    const event = read && raw === frame ? read : parseEvent(raw);
    if (event.data === undefined) return raw;
    const verdict = onEvent(event);
    if (verdict instanceof Promise) return verdict.then((v) => this.finish(event, raw, v));
    return this.finish(event, raw, verdict);
  }

  private finish(event: SseEvent, raw: Buffer, verdict: EventVerdict): Buffer | ProxyError | null {
    if ('fail' in verdict) return verdict.fail;
    if ('drop' in verdict) return null;
    if (!('data' in verdict) || verdict.data === event.data) return raw;
    return serializeEvent({ ...event, data: verdict.data });
  }

  /**
   * The event with the credential masked where it continues (or starts)
   * across events: its new bytes, or, when nothing needed masking, the
   * event as read (with its data's JSON, so it is not parsed again).
   */
  private acrossEvents(frame: Buffer): Buffer | SseEvent {
    const event = parseEvent(frame);
    if (event.data === undefined) return event;
    const data = this.dataAcrossEvents(event);
    return data === event.data ? event : serializeEvent({ ...event, data });
  }

  /** The event's data as it may pass; sets `event.json` when it read the data as JSON and left it as it was. */
  private dataAcrossEvents(event: SseEvent): string {
    const data = event.data!;
    const continuity = this.continuity!;
    const first = data.charCodeAt(0);
    // JSON data: each string at its path (an LLM's deltas continue at the same path).
    if (first === 0x7b || first === 0x5b) {
      let value: unknown;
      try {
        value = JSON.parse(data);
      } catch {
        value = undefined;
      }
      if (isObject(value)) {
        let changed = false;
        // In place: the value is this event's own parse. Paths are only keys of the carry.
        const walk = (node: unknown, path: string): unknown => {
          if (typeof node === 'string') {
            const out = continuity.scrub(path, node);
            if (out !== node) changed = true;
            return out;
          }
          if (Array.isArray(node)) {
            for (let i = 0; i < node.length; i++) node[i] = walk(node[i], `${path}/${i}`);
          } else if (isObject(node)) {
            for (const key of Object.keys(node)) {
              const out = walk(node[key], `${path}/${key}`);
              if (out === node[key]) continue;
              // A "__proto__" key of JSON.parse stays an own key.
              Object.defineProperty(node, key, {
                value: out,
                enumerable: true,
                writable: true,
                configurable: true,
              });
            }
          }
          return node;
        };
        walk(value, '');
        if (changed) return JSON.stringify(value);
        event.json = value;
        return data;
      }
    }
    return continuity.scrub('#data', data);
  }

  override _flush(callback: TransformCallback): void {
    const rest = this.framer.end();
    if (rest.length > 0) this.push(rest);
    callback();
  }
}

/** The event-by-event stage alone (bytes in, bytes out), as respondEventStream runs it. */
export function eventStreamTransform(options: EventStreamOptions): Transform {
  return new EventStreamTransform(options);
}

/**
 * Answers the caller with the upstream's event stream, inspected event by
 * event. Settles once the caller's answer has ended; rejects (after the
 * failure events are written) when the stream failed.
 */
export async function respondEventStream(
  res: ServerResponse,
  upstream: UpstreamResponse,
  options: EventStreamOptions,
): Promise<void> {
  const headers = callerResponseHeaders(upstream.headers);
  const stages: Transform[] = [];
  try {
    scrubHeaderValues(headers, options.literals, options.replacement);
    if (options.literals.length > 0) checkScrubbableCharset(upstream.headers['content-type']);
    const decoder = streamDecoder(upstream.headers['content-encoding']);
    if (decoder) stages.push(decoder);
    if (res.destroyed) throw new CallerGone();
  } catch (err) {
    discardBody(upstream.body);
    throw err;
  }
  const transform = eventStreamTransform(options);
  stages.push(transform);
  delete headers['content-length'];
  delete headers['content-encoding'];
  // Proxies and servers in front must not sit on the events either.
  headers['x-accel-buffering'] = 'no';
  return new Promise<void>((resolve, reject) => {
    const source = upstream.body;
    let settled = false;
    const stopStages = () => {
      discardBody(source);
      for (const stage of stages) {
        stage.unpipe();
        stage.destroy();
      }
    };
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      stopStages();
      if (err instanceof CallerGone || res.destroyed) return reject(err);
      const error =
        err instanceof ProxyError
          ? err
          : new ProxyError('response_not_maskable', 'the event stream cannot be decoded', { cause: err });
      const events = (options.onFailure ?? ((e: ProxyError) => [errorEvent(e)]))(error);
      for (const event of events) res.write(serializeEvent(event));
      res.end(() => reject(error));
    };
    source.on('error', (err: Error) => fail(upstreamFailure(err, upstream.connection)));
    for (const stage of stages) stage.on('error', (err: Error) => fail(err));
    res.on('error', () => fail(new CallerGone()));
    res.once('close', () => {
      if (!res.writableFinished) fail(new CallerGone());
    });
    res.once('finish', () => {
      if (settled) return;
      settled = true;
      resolve();
    });
    writeHead(res, upstream.status, headers);
    // What one turn of the event loop has for the caller goes out in one
    // write: the status line with the first events, the events of one
    // upstream read with the end of the stream when it came in the same
    // read (an MCP answer: status line, answer and end in one write
    // instead of two). A client waits for the status line before it
    // reads events: it goes alone at the end of the first turn otherwise.
    const socket = res.socket;
    let holding = false;
    const holdTurn = () => {
      if (holding || !socket) return;
      holding = true;
      socket.cork();
      setImmediate(() => {
        holding = false;
        if (!res.headersSent && !res.destroyed) res.flushHeaders();
        socket.uncork();
      });
    };
    holdTurn();
    source.on('data', holdTurn);
    for (const event of options.prelude ?? []) res.write(serializeEvent(event));
    options.tap?.(transform);
    let tail: Readable = source;
    for (const stage of stages) tail = tail.pipe(stage);
    tail.pipe(res);
  });
}
