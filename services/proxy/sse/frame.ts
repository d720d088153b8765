import { ProxyError } from '../errors.js';

/**
 * Server-sent events (the WHATWG `text/event-stream` format) cut from a
 * byte stream: lines end with CRLF, LF or CR; a blank line ends an event.
 * Only the event being read is held, up to a bound: past it the stream is
 * refused (`stream_event_too_large`), never passed uninspected.
 */

/** One event as read: its fields and its bytes as they came (to pass it unchanged). */
export interface SseEvent {
  /** The `data` lines joined with `\n`; undefined when the event has none. */
  data: string | undefined;
  event?: string;
  id?: string;
  retry?: string;
  /** Comment lines (`: keep-alive`), without the colon. */
  comments?: string[];
  /** The event's bytes, blank line included; absent for an event the proxy made. */
  raw?: Buffer;
  /**
   * `data` parsed as JSON (an object or an array), when the event stage has
   * already read it so and changed nothing (the handler's to keep or change).
   */
  json?: unknown;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Cuts events out of chunks as they arrive. Memory: the event being read
 * (at most `maxEventBytes`), nothing of the events already returned.
 */
export class EventFramer {
  private pending: Buffer = Buffer.alloc(0);
  /** Where the scan for the end of the pending event resumes. */
  private scanned = 0;
  /** The pending event so far ends with an empty line start (just after a line end). */
  private atLineStart = true;
  /** A CR ended the last chunk: an LF opening the next one belongs to it. */
  private pendingCr = false;

  constructor(private readonly maxEventBytes: number) {}

  /** The complete events the chunk finishes, as raw bytes (each ending with its blank line). */
  push(chunk: Buffer): Buffer[] {
    const out: Buffer[] = [];
    let buf = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    let i = this.scanned;
    let eventStart = 0;
    while (i < buf.length) {
      const c = buf[i];
      if (this.pendingCr) {
        this.pendingCr = false;
        if (c === LF) {
          // The LF of a CRLF cut between chunks: it ends no line (it opens the next event's bytes).
          i++;
          continue;
        }
      }
      if (c !== LF && c !== CR) {
        this.atLineStart = false;
        i++;
        continue;
      }
      if (c === CR) {
        if (i + 1 < buf.length) {
          if (buf[i + 1] === LF) i++;
        } else this.pendingCr = true;
      }
      i++;
      if (this.atLineStart) {
        // An empty line: the event ends here (its trailing LF of a CRLF may come with the next chunk).
        // An event that came whole in one chunk is held too: bounded like one still being read.
        if (i - eventStart > this.maxEventBytes) throw this.tooLarge();
        out.push(buf.subarray(eventStart, i));
        eventStart = i;
      }
      this.atLineStart = true;
    }
    buf = buf.subarray(eventStart);
    if (buf.length > this.maxEventBytes) throw this.tooLarge();
    // Copied: a view would keep the whole chunk it came from alive.
    this.pending = eventStart === 0 ? buf : Buffer.from(buf);
    this.scanned = this.pending.length;
    return out;
  }

  private tooLarge(): ProxyError {
    return new ProxyError(
      'stream_event_too_large',
      `an event of the upstream's stream is larger than ${this.maxEventBytes} bytes`,
    );
  }

  /**
   * At the end of the stream: the LF of a CRLF that ended the last event
   * (sent on, so the bytes out are the bytes in); an event cut short is
   * dropped, as a client would drop it.
   */
  end(): Buffer {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return rest.length === 1 && rest[0] === LF ? rest : Buffer.alloc(0);
  }

  /** Bytes of an event the stream ended in the middle of (a client would not dispatch it). */
  get leftover(): number {
    return this.pending.length;
  }
}

/** Reads an event's fields (WHATWG "interpret an event stream"). */
export function parseEvent(raw: Buffer): SseEvent {
  const text = raw.toString('utf8');
  const event: SseEvent = { data: undefined, raw };
  let data: string[] | undefined;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') continue;
    if (line.charCodeAt(0) === 0x3a) {
      (event.comments ??= []).push(line.slice(1));
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 0x20) value = value.slice(1);
    switch (name) {
      case 'data':
        (data ??= []).push(value);
        break;
      case 'event':
        event.event = value;
        break;
      case 'id':
        // The spec ignores an id holding NUL; so does the proxy, by not passing it on.
        if (!value.includes('\u0000')) event.id = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) event.retry = value;
        break;
      default:
        // Unknown fields mean nothing to a client: dropped when the event is rewritten.
        break;
    }
  }
  if (data) event.data = data.join('\n');
  return event;
}

/** An event's bytes, as the proxy writes an event it made or changed. */
export function serializeEvent(event: SseEvent): Buffer {
  let text = '';
  for (const comment of event.comments ?? []) text += `:${oneLine(comment)}\n`;
  if (event.event !== undefined) text += `event: ${oneLine(event.event)}\n`;
  if (event.id !== undefined) text += `id: ${oneLine(event.id)}\n`;
  if (event.retry !== undefined) text += `retry: ${event.retry}\n`;
  const data = event.data;
  // One line (any JSON.stringify output): no split of what may be a whole tool result.
  if (data !== undefined && !/[\r\n]/.test(data)) text += `data: ${data}\n`;
  else if (data !== undefined) for (const line of data.split(/\r\n|\r|\n/)) text += `data: ${line}\n`;
  return Buffer.from(`${text}\n`, 'utf8');
}

/** A field value that cannot break out of its line. */
function oneLine(value: string): string {
  return value.replace(/[\r\n]/g, ' ');
}

/** True for `text/event-stream` (any parameters). */
export function isEventStream(contentType: string | string[] | undefined): boolean {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  return value !== undefined && /^\s*text\/event-stream\s*(;|$)/i.test(value);
}
