import type { Request, Response } from 'express';

/** The session cookie: HttpOnly, SameSite=Lax (it must come back on the issuer's redirect), Path=/console. */
export const SESSION_COOKIE = 'portcullis_console';
/** Before sign-in: binds a sign-in form or an OIDC round trip to the browser that started it. */
export const PRESESSION_COOKIE = 'portcullis_console_pre';

/** Cookies of a request, by name (the first of a repeated name wins, as browsers send the most specific first). */
export function readCookies(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  const header = req.headers.cookie;
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (Object.hasOwn(out, name)) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      // a malformed value is no value
    }
  }
  return out;
}

export interface CookieOptions {
  /** Seconds; 0 removes the cookie. Absent: a browser-session cookie. */
  maxAge?: number;
  secure: boolean;
}

/** Sets a console cookie: always HttpOnly, SameSite=Lax, Path=/console. */
export function setCookie(res: Response, name: string, value: string, options: CookieOptions): void {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/console', 'HttpOnly', 'SameSite=Lax'];
  if (options.secure) parts.push('Secure');
  if (options.maxAge !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAge))}`);
  res.append('Set-Cookie', parts.join('; '));
}

export function clearCookie(res: Response, name: string, secure: boolean): void {
  setCookie(res, name, '', { maxAge: 0, secure });
}
