import { SinkFailure } from './driver.js';

/** What a receiver answered. */
export interface PostAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** `Retry-After` in milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * How a status is handled, for every HTTP sink alike: 2xx delivered; 408,
 * 429 and 5xx retried (honouring `Retry-After`); 401, 403 and 404 mean the
 * sink is misconfigured (stopped, alerted); any other 4xx refuses this
 * batch for good (dead-lettered).
 */
export function failureFor(answer: PostAnswer, what: string): SinkFailure | undefined {
  const { status } = answer;
  if (status >= 200 && status < 300) return undefined;
  const detail = `${what} answered ${status}${answer.text ? `: ${answer.text.slice(0, 200)}` : ''}`;
  if (status === 408 || status === 429 || status >= 500)
    return new SinkFailure('retry', detail, retryAfterMs(answer.headers.get('retry-after')));
  if (status === 401 || status === 403 || status === 404) return new SinkFailure('stop', detail);
  return new SinkFailure('dead_letter', detail);
}

/** POSTs a body; network failures and aborts are `retry` failures. */
export async function post(
  url: string,
  headers: Record<string, string>,
  body: Buffer | string,
  signal: AbortSignal,
): Promise<PostAnswer> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers, body, signal, redirect: 'error' });
  } catch (err) {
    const reason = signal.aborted ? signal.reason : err;
    throw reason instanceof SinkFailure
      ? reason
      : new SinkFailure('retry', `${url}: ${(err as Error).message}`, undefined, { cause: err });
  }
  let text: string;
  try {
    text = await response.text();
  } catch (err) {
    throw new SinkFailure('retry', `${url}: the answer was cut off`, undefined, { cause: err });
  }
  return { status: response.status, headers: response.headers, text };
}
