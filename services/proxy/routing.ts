import type { ConnectionConfig } from './config.js';
import { ProxyError } from './errors.js';
import { hasSegmentPrefix, normalisePath, stripSegments, type NormalisedPath } from './forward/path.js';

export interface Route {
  connection: ConnectionConfig;
  /** The path as the policy and the upstream see it (prefix stripped when configured). */
  path: NormalisedPath;
}

interface CompiledRoute {
  connection: ConnectionConfig;
  host?: string;
  prefix: string[];
}

function hostMatches(wanted: string, actual: string): boolean {
  if (wanted.includes(':')) return wanted === actual;
  return wanted === actual.replace(/:\d+$/, '');
}

/** Picks the connection for a request: host must match when set; the longest path prefix wins. */
export class Router {
  private readonly routes: CompiledRoute[];

  constructor(connections: ConnectionConfig[]) {
    this.routes = connections
      .map((connection) => ({
        connection,
        host: connection.match.host?.toLowerCase(),
        prefix: connection.match.pathPrefix ? normalisePath(connection.match.pathPrefix).segments : [],
      }))
      .sort(
        (a, b) =>
          b.prefix.length - a.prefix.length || Number(b.host !== undefined) - Number(a.host !== undefined),
      );
  }

  resolve(hostHeader: string | undefined, path: NormalisedPath): Route {
    const host = (hostHeader ?? '').toLowerCase();
    for (const route of this.routes) {
      if (route.host !== undefined && !hostMatches(route.host, host)) continue;
      if (!hasSegmentPrefix(path.segments, route.prefix)) continue;
      const strip = route.connection.stripPrefix ? route.prefix.length : 0;
      return { connection: route.connection, path: stripSegments(path, strip) };
    }
    throw new ProxyError(
      'no_connection',
      `no connection for host ${JSON.stringify(host)} and path ${path.path}`,
    );
  }
}
