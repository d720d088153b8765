import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Redis } from 'ioredis';
import { sinkConfigSchema, type FileSinkConfig } from '../../services/audit/config.js';
import type { AuditEvent } from '../../services/audit/event.js';
import { AuditExporter } from '../../services/audit/export/exporter.js';
import { FileSink } from '../../services/audit/sinks/file.js';
import { auditStreamKeys } from '../../services/audit/stream.js';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { auditConfig, putOnStream, quietLogger, sampleEvents, waitForHealth } from './support/export.js';

let dir: string;
const prefixes: string[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-file-sink-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
  await Promise.all(prefixes.splice(0).map((p) => deleteKeys(p)));
});

function fileSink(extra: Record<string, unknown> = {}): FileSinkConfig {
  return sinkConfigSchema.parse({ type: 'file', name: 'trail', dir, ...extra }) as FileSinkConfig;
}

/** Every event line of every file in the directory, gzipped or not. */
async function allLines(): Promise<AuditEvent[]> {
  const out: AuditEvent[] = [];
  for (const name of (await readdir(dir)).sort()) {
    if (!/\.jsonl(\.gz)?$/.test(name)) continue;
    const raw = await readFile(join(dir, name));
    const text = name.endsWith('.gz') ? gunzipSync(raw).toString() : raw.toString();
    for (const line of text.split('\n')) if (line) out.push(JSON.parse(line) as AuditEvent);
  }
  return out;
}

describe('file sink', () => {
  it('rotates by size, gzips rotated files and keeps the newest by count', async () => {
    let now = Date.UTC(2026, 0, 1);
    const sink = new FileSink(fileSink({ rotate: { maxBytes: 2000 }, keep: { count: 3 } }), {
      now: () => now++,
    });
    await sink.start();
    const events = sampleEvents(100);
    for (let i = 0; i < 100; i += 10) {
      const batch = events.slice(i, i + 10);
      await sink.deliver({ events: batch, lines: batch.map((e) => JSON.stringify(e)) });
    }
    await sink.settled();
    const rotated = await sink.rotatedFiles();
    expect(rotated).toHaveLength(3);
    expect(rotated.every((f) => f.path.endsWith('.jsonl.gz'))).toBe(true);
    expect(rotated.every((f) => f.meta?.kinds.includes('bundle'))).toBe(true);
    // What is left is the newest events, in order, each once.
    const kept = (await allLines()).map((e) => e.event_id);
    expect(kept).toEqual(events.slice(100 - kept.length).map((e) => e.event_id));
    await sink.close();
  });

  it('rotates by age even without new events, and removes rotated files older than keep.days', async () => {
    let now = Date.UTC(2026, 0, 1);
    const sink = new FileSink(
      fileSink({ rotate: { intervalSeconds: 3600, compress: false }, keep: { days: 2 } }),
      {
        now: () => now,
      },
    );
    await sink.start();
    const [a, b] = sampleEvents(2);
    await sink.deliver({ events: [a], lines: [JSON.stringify(a)] });
    expect(await sink.rotateIfDue()).toBe(false);
    now += 3600_000;
    expect(await sink.rotateIfDue()).toBe(true);
    await sink.deliver({ events: [b], lines: [JSON.stringify(b)] });
    await sink.settled();
    expect((await sink.rotatedFiles()).map((f) => f.meta?.events)).toEqual([1]);
    now += 3 * 86_400_000;
    expect(await sink.enforceKeep()).toBe(1);
    expect((await allLines()).map((e) => e.event_id)).toEqual([b.event_id]);
    await sink.close();
  });

  it('writes OCSF when asked', async () => {
    const sink = new FileSink(fileSink({ encoding: { format: 'ocsf' } }));
    await sink.start();
    const [event] = sampleEvents(1);
    await sink.deliver({ events: [event], lines: [JSON.stringify(event)] });
    await sink.close();
    const [line] = (await readFile(join(dir, 'trail.jsonl'), 'utf8')).trim().split('\n');
    expect(JSON.parse(line)).toMatchObject({ class_uid: 6003, metadata: { uid: event.event_id } });
  });

  it('cuts a line torn by a killed writer instead of gluing the next batch to it', async () => {
    const [a, b] = sampleEvents(2);
    await writeFile(join(dir, 'trail.jsonl'), `${JSON.stringify(a)}\n{"event_id":"torn`);
    const sink = new FileSink(fileSink());
    await sink.start();
    await sink.deliver({ events: [b], lines: [JSON.stringify(b)] });
    await sink.close();
    expect((await allLines()).map((e) => e.event_id)).toEqual([a.event_id, b.event_id]);
  });

  it('one process per sink directory', async () => {
    const first = new FileSink(fileSink());
    await first.start();
    await expect(new FileSink(fileSink()).start()).rejects.toMatchObject({ code: 'audit_sink_failed' });
    await first.close();
  });
});

describe('export through the stream to a file sink', () => {
  it('delivers every event exactly once in order, then trims the stream', async () => {
    const prefix = uniquePrefix('export-file');
    prefixes.push(prefix);
    const config = auditConfig({ sinks: [{ type: 'file', name: 'trail', dir, batch: { maxEvents: 100 } }] });
    const events = sampleEvents(2500);
    await putOnStream(testRedisUrl(), prefix, events.slice(0, 1000));
    const exporter = new AuditExporter({
      redisUrl: testRedisUrl(),
      prefix,
      config,
      logger: quietLogger,
      driverFor: (sink) => new FileSink(sink as FileSinkConfig),
    });
    await exporter.start();
    try {
      await putOnStream(testRedisUrl(), prefix, events.slice(1000));
      const health = await waitForHealth(
        exporter,
        // the stream's figures come from passes over Redis, so wait until one saw the last acknowledgement too
        (h) => h.sinks.trail.delivered === 2500 && h.stream.length === 0 && h.sinks.trail.lag === 0,
      );
      expect(health.sinks.trail).toMatchObject({ state: 'running', dropped: 0, dead_lettered: 0, lag: 0 });
      expect((await allLines()).map((e) => e.event_id)).toEqual(events.map((e) => e.event_id));
      expect(exporter.metrics()).toMatch(/portcullis_audit_sink_delivered_total\{sink="trail"\} 2500/);
    } finally {
      await exporter.close();
    }
  });

  it('past transport.maxLength the oldest events are trimmed and counted as dropped for the sink that had not read them', async () => {
    const prefix = uniquePrefix('export-cap');
    prefixes.push(prefix);
    const config = auditConfig({
      transport: { maxLength: 100, trimIntervalMs: 50 },
      sinks: [{ type: 'file', name: 'slow', dir, kinds: ['request'] }],
    });
    const keys = auditStreamKeys(prefix);
    const client = new Redis(testRedisUrl());
    // The sink is stopped (as after a permanent refusal) so it reads nothing.
    const exporter = new AuditExporter({
      redisUrl: testRedisUrl(),
      prefix,
      config,
      logger: quietLogger,
      driverFor: (sink) => new FileSink(sink as FileSinkConfig),
    });
    try {
      await exporter.start();
      await client.hset(keys.sinkState('slow'), { stopped_reason: 'test' });
      await waitForHealth(exporter, (h) => h.sinks.slow.state === 'stopped');
      await putOnStream(testRedisUrl(), prefix, sampleEvents(350));
      const health = await waitForHealth(
        exporter,
        (h) => h.stream.length === 100 && h.sinks.slow.dropped === 250,
      );
      expect(health.stream.overflowed).toBe(250);
    } finally {
      await exporter.close();
      client.disconnect();
    }
  });
});
