import { html, type Html } from './html.js';

/** "4m 05s", "2h 10m", "3d 4h": a duration for people. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** A time as UTC text, in a `<time>` element (the page's script shows local time when it can). */
export function when(iso: string | null | undefined): Html {
  if (!iso) return html`<span class="muted">—</span>`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return html`${iso}`;
  const text = date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  return html`<time datetime="${date.toISOString()}">${text}</time>`;
}

/**
 * Time left until `iso`, kept current by the page's script
 * (`data-countdown`); "expired" once past.
 */
export function timeLeft(iso: string | null | undefined, now: number): Html {
  if (!iso) return html`<span class="muted">no limit</span>`;
  const left = Date.parse(iso) - now;
  return html`<time class="countdown" data-countdown="${iso}" datetime="${iso}"
    >${left > 0 ? `${duration(left)} left` : 'expired'}</time
  >`;
}

/** `GET /crm/customers?x=1` from a method, a connection, a path and a query. */
export function requestLine(
  method: string | undefined,
  connection: string | null | undefined,
  path: string | undefined,
  query: Record<string, string[]> | undefined,
): string {
  const q = Object.entries(query ?? {})
    .flatMap(([k, vs]) => vs.map((v) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`))
    .join('&');
  const prefix = connection ? `/${connection}` : '';
  return `${method ?? '?'} ${prefix}${path ?? ''}${q ? `?${q}` : ''}`;
}
