/**
 * HTML from TypeScript template functions. Every interpolated value is
 * escaped unless it is already `Html` (the output of `html` itself), so a
 * page cannot carry a caller's text as markup by mistake: an approval's
 * path, a reason, a recorded body are all text.
 */

/** Markup that is safe to emit as is. Only `html`, `raw` and `join` make one. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Text as HTML text or a quoted attribute value (quotes are escaped too). */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => ESCAPES[c]);
}

/** What a template may interpolate: text, numbers, markup, lists of them; null and false render nothing. */
export type Interpolated = string | number | boolean | null | undefined | Html | readonly Interpolated[];

function render(value: Interpolated): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** The template tag: `html\`<p>${text}</p>\`` escapes `text`. */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}

/** Markup written by this codebase (never text that came from a request or a record). */
export function raw(markup: string): Html {
  return new Html(markup);
}

/** Joins pieces of markup with a separator (itself escaped when it is text). */
export function join(items: readonly Interpolated[], separator: Interpolated = ''): Html {
  return new Html(items.map(render).join(render(separator)));
}

/** A JSON value pretty-printed as text for a `<pre>`. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? 'undefined';
}
