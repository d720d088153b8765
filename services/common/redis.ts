import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import { PortcullisError } from './errors.js';

/**
 * Every Redis connection Portcullis opens goes through `createRedis`, so
 * one URL (`redis.url`, `REDIS_URL`) picks the deployment's topology:
 *
 * - `redis://[user:password@]host:port[/db]` (`rediss://` for TLS): one server;
 * - `redis-cluster://[user:password@]host:port,host:port,...` (`rediss-cluster://`):
 *   a Redis Cluster, found from any of the nodes listed;
 * - `redis-sentinel://[user:password@]host:port,host:port,.../<master>[?db=n&sentinelPassword=...]`
 *   (`rediss-sentinel://`): the master Sentinel names, followed across failovers.
 *
 * In a Cluster, a command (a Lua script, a pipeline, a BullMQ operation)
 * may only touch keys of one hash slot, so every domain's keys share a hash
 * tag: `{approvals}`, `{audit}`, and each BullMQ queue its own
 * (`queuePrefix`). The layout is the same whatever the topology.
 */
export type RedisClient = Redis | Cluster;

export type RedisTopology =
  | { kind: 'standalone'; url: string }
  | { kind: 'cluster'; nodes: { host: string; port: number }[]; options: RedisOptions }
  | {
      kind: 'sentinel';
      sentinels: { host: string; port: number }[];
      name: string;
      options: RedisOptions & { sentinelPassword?: string; sentinelUsername?: string };
    };

const CLUSTER_SCHEMES = new Set(['redis-cluster:', 'rediss-cluster:']);
const SENTINEL_SCHEMES = new Set(['redis-sentinel:', 'rediss-sentinel:']);

function invalid(url: string, why: string): PortcullisError {
  // The URL may hold a password: never echo it.
  const shown = url.replace(/\/\/[^@/]*@/, '//***@');
  return new PortcullisError('config_invalid', `redis URL ${shown}: ${why}`);
}

function hostsOf(url: string, list: string, defaultPort: number): { host: string; port: number }[] {
  const hosts = list.split(',').map((entry) => {
    const match = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(entry.trim());
    if (!match) throw invalid(url, `"${entry}" is not host or host:port`);
    const port = match[2] ? Number(match[2]) : defaultPort;
    if (port < 1 || port > 65535) throw invalid(url, `port ${port} is out of range`);
    return { host: match[1].replace(/^\[|\]$/g, ''), port };
  });
  if (hosts.length === 0 || hosts.some((h) => h.host === '')) throw invalid(url, 'names no host');
  return hosts;
}

/** Reads a Redis URL of any supported topology; throws `config_invalid` naming what is wrong. */
export function parseRedisUrl(url: string): RedisTopology {
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0].toLowerCase();
  if (!scheme || !(CLUSTER_SCHEMES.has(scheme) || SENTINEL_SCHEMES.has(scheme)))
    return { kind: 'standalone', url };
  // host lists are not URL authorities: read the parts by hand.
  const match = /^[^:]+:\/\/(?:([^@/]*)@)?([^/?#]+)(\/[^?#]*)?(?:\?([^#]*))?$/.exec(url);
  if (!match) throw invalid(url, 'expected <scheme>://[user:password@]host:port,host:port[/...]');
  const [, auth, hostList, path = '', query = ''] = match;
  const options: RedisOptions = {};
  if (auth) {
    const at = auth.indexOf(':');
    const username = decodeURIComponent(at < 0 ? '' : auth.slice(0, at));
    const password = decodeURIComponent(at < 0 ? auth : auth.slice(at + 1));
    if (username) options.username = username;
    if (password) options.password = password;
  }
  if (scheme.startsWith('rediss')) options.tls = {};
  const params = new URLSearchParams(query);
  if (CLUSTER_SCHEMES.has(scheme)) {
    if (path !== '' && path !== '/')
      throw invalid(url, 'a cluster URL has no path (clusters have no databases)');
    return { kind: 'cluster', nodes: hostsOf(url, hostList, 6379), options };
  }
  const name = decodeURIComponent(path.replace(/^\/+|\/+$/g, '')) || params.get('name') || '';
  if (!name) throw invalid(url, 'names no master: redis-sentinel://host:26379,host:26379/<master name>');
  const db = params.get('db');
  if (db !== null) {
    if (!/^\d+$/.test(db)) throw invalid(url, `db "${db}" is not a number`);
    options.db = Number(db);
  }
  const sentinel: RedisTopology & { kind: 'sentinel' } = {
    kind: 'sentinel',
    sentinels: hostsOf(url, hostList, 26379),
    name,
    options,
  };
  const sentinelPassword = params.get('sentinelPassword');
  if (sentinelPassword) sentinel.options.sentinelPassword = sentinelPassword;
  const sentinelUsername = params.get('sentinelUsername');
  if (sentinelUsername) sentinel.options.sentinelUsername = sentinelUsername;
  return sentinel;
}

/** Options of a Cluster client: per-node settings go to every node's connection. */
function clusterOptions(node: RedisOptions, options: RedisOptions): ClusterOptions {
  const { lazyConnect, enableOfflineQueue, maxRetriesPerRequest, retryStrategy, ...rest } = options;
  return {
    lazyConnect,
    enableOfflineQueue,
    // The same back-off (or giving up) for the cluster as a whole as for one server.
    ...(retryStrategy ? { clusterRetryStrategy: retryStrategy } : {}),
    // Keys move between nodes during resharding: follow MOVED/ASK a few times before failing.
    maxRedirections: 16,
    redisOptions: { ...node, ...rest, maxRetriesPerRequest, ...(retryStrategy ? { retryStrategy } : {}) },
    // Cluster nodes announce their own addresses; TLS needs the name the certificate has.
    ...(node.tls ? { dnsLookup: (address, callback) => callback(null, address) } : {}),
  };
}

/**
 * A client for `url` (any topology above) with ioredis `options` (the same
 * for all three: retries, timeouts, lazy connect, offline queue).
 */
export function createRedis(url: string, options: RedisOptions = {}): RedisClient {
  const topology = parseRedisUrl(url);
  switch (topology.kind) {
    case 'standalone':
      return new Redis(url, options);
    case 'cluster':
      return new Cluster(topology.nodes, clusterOptions(topology.options, options));
    case 'sentinel':
      return new Redis({
        ...topology.options,
        ...options,
        sentinels: topology.sentinels,
        name: topology.name,
      });
  }
}

/** Another connection to the same Redis (blocking reads, subscriptions) with some options changed. */
export function duplicateRedis(client: RedisClient, overrides: RedisOptions = {}): RedisClient {
  if (client instanceof Cluster) {
    const { lazyConnect, enableOfflineQueue, maxRetriesPerRequest, ...node } = overrides;
    return client.duplicate(undefined, {
      ...(lazyConnect !== undefined ? { lazyConnect } : {}),
      ...(enableOfflineQueue !== undefined ? { enableOfflineQueue } : {}),
      redisOptions: {
        ...client.options.redisOptions,
        ...node,
        ...(maxRetriesPerRequest !== undefined ? { maxRetriesPerRequest } : {}),
      },
    });
  }
  return client.duplicate(overrides);
}

/** Whether `url` names one server (the only kind `npm start` may start itself). */
export function isStandaloneUrl(url: string): boolean {
  return parseRedisUrl(url).kind === 'standalone';
}

/**
 * A key namespace of one domain under the deployment's prefix, in a hash
 * tag: `<prefix>:{<domain>}`. Every key of the domain then lives in one
 * Cluster slot, so its scripts and pipelines may touch several at once.
 */
export function taggedRoot(prefix: string, domain: string): string {
  return `${prefix}:{${domain}}`;
}

/**
 * The BullMQ prefix of one queue: `<prefix>:{<queue>}`, so all of a queue's
 * keys (BullMQ's scripts touch several) share a Cluster slot, and queues
 * spread over the nodes.
 */
export function queuePrefix(prefix: string, queue: string): string {
  return taggedRoot(prefix, queue);
}
