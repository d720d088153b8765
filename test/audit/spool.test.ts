import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditSpool } from '../../services/audit/spool.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-spool-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const line = (i: number) => JSON.stringify({ event_id: `e${i}`, text: 'x'.repeat(i % 7) });

async function drain(spool: AuditSpool, batch = 7): Promise<string[]> {
  const out: string[] = [];
  for (;;) {
    const { lines, commit } = await spool.read(batch);
    if (lines.length === 0) return out;
    out.push(...lines);
    await commit();
  }
}

describe('audit spool', () => {
  it('gives records back in order across segments, and removes replayed segments', async () => {
    const spool = new AuditSpool({ dir, segmentBytes: 200 });
    await spool.open();
    const written = Array.from({ length: 50 }, (_, i) => line(i));
    for (let i = 0; i < 50; i += 10) expect(await spool.append(written.slice(i, i + 10))).toBe(10);
    expect((await readdir(dir)).filter((n) => n.endsWith('.spool')).length).toBeGreaterThan(1);
    expect(await drain(spool)).toEqual(written);
    expect(spool.empty).toBe(true);
    expect((await readdir(dir)).filter((n) => n.endsWith('.spool'))).toEqual([]);
    // Written again after being emptied: a new segment, still in order.
    await spool.append([line(99)]);
    expect(await drain(spool)).toEqual([line(99)]);
    await spool.close();
  });

  it('a reopened spool resumes after the last committed batch, and an uncommitted read is read again', async () => {
    const first = new AuditSpool({ dir });
    await first.open();
    const written = Array.from({ length: 20 }, (_, i) => line(i));
    await first.append(written);
    const a = await first.read(5);
    await a.commit();
    const b = await first.read(5);
    expect(b.lines).toEqual(written.slice(5, 10));
    await first.close(); // b never committed
    const second = new AuditSpool({ dir });
    await second.open();
    expect(await drain(second)).toEqual(written.slice(5));
    await second.close();
  });

  it('refuses records past its bound and counts them', async () => {
    const spool = new AuditSpool({ dir, maxBytes: 300 });
    await spool.open();
    const written = await spool.append(Array.from({ length: 20 }, (_, i) => line(i)));
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(20);
    expect(spool.stats()).toMatchObject({ appended: written, dropped: 20 - written });
    expect(spool.bytes).toBeLessThanOrEqual(300);
    expect(spool.hasRoom(300)).toBe(false);
    await spool.close();
  });

  it('skips corrupt and torn lines, counting them', async () => {
    const spool = new AuditSpool({ dir, segmentBytes: 10 });
    await spool.open();
    await spool.append([line(1)]);
    await spool.append([line(2)]); // second segment (the first is over 10 bytes)
    await spool.close();
    const names = (await readdir(dir)).filter((n) => n.endsWith('.spool')).sort();
    // A flipped record in the first segment, a torn line at the end of it.
    await appendFile(join(dir, names[0]), `00000000 {"event_id":"forged"}\n{"torn":`);
    const reopened = new AuditSpool({ dir });
    await reopened.open();
    expect(await drain(reopened)).toEqual([line(1), line(2)]);
    expect(reopened.stats().corrupt).toBe(2);
    await reopened.close();
  });

  it('one process per directory: a second open while the first holds it fails with audit_spool_locked', async () => {
    const spool = new AuditSpool({ dir });
    await spool.open();
    await expect(new AuditSpool({ dir }).open()).rejects.toMatchObject({ code: 'audit_spool_locked' });
    await spool.close();
    const again = new AuditSpool({ dir });
    await again.open();
    await again.close();
  });
});
