import fc from 'fast-check';
import { ProxyError } from '../../../services/proxy/errors.js';
import { EventFramer, isEventStream, parseEvent, serializeEvent } from '../../../services/proxy/sse/frame.js';
import { fuzzOptions } from '../../support/fuzz.js';

/** Every event the framer gives for `text` cut into `chunks`, as text. */
function frames(text: string, cuts: number[], max = 1 << 20): string[] {
  const bytes = Buffer.from(text);
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const framer = new EventFramer(max);
  const out: string[] = [];
  let at = 0;
  for (const point of [...points, bytes.length]) {
    out.push(...framer.push(bytes.subarray(at, point)).map((b) => b.toString()));
    at = point;
  }
  const rest = framer.end();
  if (rest.length > 0) out[out.length - 1] += rest.toString();
  return out;
}

describe('server-sent event framing', () => {
  it('ends an event at a blank line, whatever the line endings', () => {
    expect(frames('data: a\n\ndata: b\r\n\r\ndata: c\r\rdata: d\n', [])).toEqual([
      'data: a\n\n',
      'data: b\r\n\r\n',
      'data: c\r\r',
    ]);
  });

  it('gives the same events however the bytes are cut (a CRLF cut in two included)', () => {
    const line = fc.constantFrom('\n', '\r\n', '\r');
    const field = fc.tuple(
      fc.constantFrom('data', 'event', 'id', ': comment', 'retry'),
      fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, '')),
    );
    const event = fc.array(fc.tuple(field, line), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(
        fc.array(event, { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (events, cuts) => {
          const text = events
            // The blank line repeats the last line's ending: a CR then an LF would be one CRLF.
            .map(
              (fields) =>
                fields.map(([[name, value], eol]) => `${name}: ${value}${eol}`).join('') +
                fields[fields.length - 1][1],
            )
            .join('');
          const whole = frames(text, []);
          const cut = frames(text, cuts);
          const fields = (list: string[]) =>
            list.map((e) => ({ ...parseEvent(Buffer.from(e)), raw: undefined }));
          expect(fields(cut)).toEqual(fields(whole));
          // Byte for byte what came in, up to the last event's end.
          expect(cut.join('')).toBe(whole.join(''));
          expect(whole.length).toBe(events.length);
        },
      ),
      fuzzOptions(300),
    );
  });

  it('refuses an event larger than the bound, even arriving in small pieces', () => {
    const framer = new EventFramer(64);
    expect(framer.push(Buffer.from('data: small\n\n'))).toHaveLength(1);
    let thrown: unknown;
    try {
      for (let i = 0; i < 20; i++) framer.push(Buffer.from('data: xxxxxxxx'));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ProxyError);
    expect((thrown as ProxyError).code).toBe('stream_event_too_large');
  });

  it('refuses an event larger than the bound that arrives whole in one chunk, and passes one at the bound', () => {
    const event = (size: number) => `data: ${'x'.repeat(size - 8)}\n\n`;
    expect(Buffer.byteLength(event(64))).toBe(64);
    expect(new EventFramer(64).push(Buffer.from(event(64)))).toEqual([Buffer.from(event(64))]);
    for (const chunk of [event(65), `data: a\n\n${event(65)}`, `data: a\n\n${event(65)}data: b\n\n`]) {
      const framer = new EventFramer(64);
      expect(() => framer.push(Buffer.from(chunk))).toThrow(
        expect.objectContaining({ code: 'stream_event_too_large' }),
      );
    }
  });

  it('keeps only the event being read: nothing of the events already given', () => {
    const framer = new EventFramer(1024);
    for (let i = 0; i < 1000; i++) framer.push(Buffer.from(`data: ${i}\n\ndata: part`));
    expect(framer.leftover).toBeLessThan(1024);
  });

  it('reads fields as the WHATWG parser does, and writes them back', () => {
    const event = parseEvent(
      Buffer.from('event: update\nid: 7\nretry: 100\n: ping\ndata: a\ndata:b\nother: x\n\n'),
    );
    expect(event).toMatchObject({
      event: 'update',
      id: '7',
      retry: '100',
      comments: [' ping'],
      data: 'a\nb',
    });
    const back = parseEvent(serializeEvent({ ...event, raw: undefined }));
    expect(back).toMatchObject({ event: 'update', id: '7', retry: '100', data: 'a\nb' });
    // A field value cannot start a new line of its own.
    expect(serializeEvent({ data: 'x', event: 'a\ndata: injected' }).toString()).toBe(
      'event: a data: injected\ndata: x\n\n',
    );
  });

  it('knows an event stream by its media type', () => {
    expect(isEventStream('text/event-stream')).toBe(true);
    expect(isEventStream('Text/Event-Stream; charset=utf-8')).toBe(true);
    expect(isEventStream('text/event-streaming')).toBe(false);
    expect(isEventStream(undefined)).toBe(false);
  });
});
