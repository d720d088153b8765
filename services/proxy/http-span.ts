import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
} from '@opentelemetry/api';
import { logPath } from '../common/request-id.js';
import { methodAttributes, serverSpanName } from '../common/server-span.js';
import { NO_SPAN, tracer, tracingActive } from './telemetry.js';

/**
 * The proxy's HTTP spans as OpenTelemetry's HTTP semantic conventions
 * describe them (services/common/server-span.ts has the shared part): a
 * server span for the caller's request, client spans for the calls it makes
 * (upstream, decision service). Query strings never reach a span: they can
 * carry secrets.
 */

export { serverSpanName, serverSpanOptions } from '../common/server-span.js';

/** The route template of a connection matched by path prefix (`/crm/*`), for `http.route`. */
export function connectionRoute(pathPrefix: string | undefined): string | undefined {
  if (pathPrefix === undefined) return undefined;
  return pathPrefix.endsWith('/') ? `${pathPrefix}*` : `${pathPrefix}/*`;
}

/**
 * Ends the server span with the answer: status code, route, and an error
 * status only for 5xx (a 4xx is the caller's request refused as designed).
 */
export function endServerSpan(
  span: Span,
  method: string | undefined,
  facts: { status: number; errorCode?: string; route?: string; connection?: string; decisionId?: string },
): void {
  if (!span.isRecording()) {
    span.end();
    return;
  }
  span.setAttribute('http.response.status_code', facts.status);
  if (facts.route) {
    span.setAttribute('http.route', facts.route);
    span.updateName(serverSpanName(method, facts.route));
  }
  if (facts.connection) span.setAttribute('portcullis.connection', facts.connection);
  if (facts.decisionId) span.setAttribute('portcullis.decision_id', facts.decisionId);
  if (facts.errorCode) span.setAttribute('portcullis.error', facts.errorCode);
  if (facts.status >= 500) {
    span.setAttribute('error.type', facts.errorCode ?? String(facts.status));
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

/** Where a client call goes, for its span. */
export interface ClientTarget {
  method: string;
  /** The origin called (`http://host:port`). */
  origin: string;
  /** The path called, query string included or not: it is cut before recording. */
  path: string;
}

/**
 * Runs one outgoing HTTP call in a client span (`{method}`), with the span's
 * trace context injected into `headers` so the receiver's spans are its
 * children. `call` returns the status it got; failures are recorded.
 */
export async function inClientSpan<T extends { status: number }>(
  target: ClientTarget,
  headers: Record<string, string | string[] | undefined>,
  attributes: Attributes,
  call: (span: Span) => Promise<T>,
): Promise<T> {
  if (!tracingActive()) return call(NO_SPAN);
  const origin = new URL(target.origin);
  const span = tracer().startSpan(target.method, {
    kind: SpanKind.CLIENT,
    attributes: {
      ...methodAttributes(target.method),
      'server.address': origin.hostname,
      'server.port': Number(origin.port) || (origin.protocol === 'https:' ? 443 : 80),
      'url.full': `${origin.origin}${logPath(target.path)}`,
      ...attributes,
    },
  });
  const ctx = trace.setSpan(context.active(), span);
  propagation.inject(ctx, headers);
  try {
    const answer = await context.with(ctx, () => call(span));
    span.setAttribute('http.response.status_code', answer.status);
    if (answer.status >= 400) {
      span.setAttribute('error.type', String(answer.status));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    return answer;
  } catch (err) {
    span.recordException(err as Error);
    span.setAttribute('error.type', (err as { code?: string }).code ?? (err as Error).name ?? 'Error');
    span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
    throw err;
  } finally {
    span.end();
  }
}
