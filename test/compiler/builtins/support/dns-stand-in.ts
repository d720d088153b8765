/**
 * A real DNS server on loopback (UDP) answering A and AAAA queries from a
 * fixed table, NXDOMAIN for any other name. `startDnsStandIn` runs it in a
 * worker thread, so it answers while the test's thread is blocked in
 * `Atomics.wait` (as a blocking host call blocks it); `serveDnsHere` runs it
 * in the calling thread, where it cannot answer until that thread is free:
 * a server that stalls by construction, whatever the machine's load.
 */
import { createSocket } from 'node:dgram';
import type * as Dgram from 'node:dgram';
import { Worker } from 'node:worker_threads';
import type * as WorkerThreads from 'node:worker_threads';

/** Addresses per name (lower case, no trailing dot). */
export type DnsTable = Record<string, { a?: string[]; aaaa?: string[] }>;

export interface DnsStandIn {
  /** `127.0.0.1:<port>`, for a resolver's server list. */
  server: string;
  /** Queries received so far (this thread's stand-in only). */
  queries: string[];
  close(): Promise<void>;
}

/** Builds the answer to one query packet; self-contained, as its source also runs in a worker. */
function answerQuery(query: Buffer, table: DnsTable): Buffer | undefined {
  if (query.length < 12) return undefined;
  let at = 12;
  const labels: string[] = [];
  while (at < query.length && query[at] !== 0) {
    const length = query[at];
    labels.push(query.subarray(at + 1, at + 1 + length).toString('latin1'));
    at += 1 + length;
  }
  const questionEnd = at + 5;
  if (questionEnd > query.length) return undefined;
  const type = query.readUInt16BE(at + 1);
  const ipv6Bytes = (address: string): Buffer => {
    const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
    const front = head ? head.split(':') : [];
    const back = tail ? tail.split(':') : [];
    const zeros = tail === undefined ? [] : Array<string>(8 - front.length - back.length).fill('0');
    return Buffer.from([...front, ...zeros, ...back].map((group) => group.padStart(4, '0')).join(''), 'hex');
  };
  const entry = table[labels.join('.').toLowerCase()];
  const addresses = !entry ? [] : type === 1 ? (entry.a ?? []) : type === 28 ? (entry.aaaa ?? []) : [];
  const answers = addresses.map((address) => {
    const rdata = type === 1 ? Buffer.from(address.split('.').map(Number)) : ipv6Bytes(address);
    const record = Buffer.alloc(12);
    record.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
    record.writeUInt16BE(type, 2);
    record.writeUInt16BE(1, 4); // class IN
    record.writeUInt32BE(60, 6); // TTL
    record.writeUInt16BE(rdata.length, 10);
    return Buffer.concat([record, rdata]);
  });
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // the query's id
  header.writeUInt16BE(entry ? 0x8180 : 0x8183, 2); // a response; rcode 3 is NXDOMAIN
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  return Buffer.concat([header, query.subarray(12, questionEnd), ...answers]);
}

function listen(socket: Dgram.Socket): Promise<number> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve(socket.address().port));
  });
}

/** The stand-in in this thread: it answers only when this thread is free. */
export async function serveDnsHere(table: DnsTable): Promise<DnsStandIn> {
  const socket = createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (query, from) => {
    queries.push(query.toString('latin1'));
    const answer = answerQuery(query, table);
    if (answer) socket.send(answer, from.port, from.address);
  });
  const port = await listen(socket);
  return {
    server: `127.0.0.1:${port}`,
    queries,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

function workerMain(load: (id: string) => unknown, answer: typeof answerQuery): void {
  const { workerData, parentPort } = load('node:worker_threads') as typeof WorkerThreads;
  const dgram = load('node:dgram') as typeof Dgram;
  const socket = dgram.createSocket('udp4');
  socket.on('message', (query, from) => {
    const reply = answer(query, workerData.table as DnsTable);
    if (reply) socket.send(reply, from.port, from.address);
  });
  socket.bind(0, '127.0.0.1', () => parentPort?.postMessage(socket.address().port));
  parentPort?.on('message', () => socket.close(() => process.exit(0)));
}

/** The stand-in in a worker thread: it answers even while this thread is blocked. */
export async function startDnsStandIn(table: DnsTable): Promise<DnsStandIn> {
  const worker = new Worker(`(${workerMain.toString()})(require, ${answerQuery.toString()})`, {
    eval: true,
    workerData: { table },
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    server: `127.0.0.1:${port}`,
    queries: [],
    close: async () => {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage('close');
      await exited;
    },
  };
}
