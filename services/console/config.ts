import { z } from 'zod';
import { secretSourceSchema } from '../common/secret-source.js';

/**
 * `console:` in portcullis.yaml: the web console the workers serve at
 * `/console` (docs/CONSOLE.md). Every field has a default; without `oidc`
 * nor `devSignIn.enabled` nobody can sign in, and the sign-in page says so.
 */

const oidcSchema = z
  .object({
    /** The deployment's OIDC issuer (discovery at `{issuer}/.well-known/openid-configuration`). */
    issuer: z.string().url(),
    /** The console's client id at the issuer. */
    clientId: z.string().min(1),
    /** Its secret (confidential client); absent: a public client, PKCE alone. */
    clientSecret: secretSourceSchema.optional(),
    /** @defaultValue ['openid', 'email', 'profile'] */
    scopes: z.array(z.string().min(1)).default(['openid', 'email', 'profile']),
    /**
     * The token the console presents to the workers' API for the person:
     * the ID token (its audience is `clientId`, which the issuer's entry in
     * `proxy.identity.issuers` must accept), or the access token when the
     * issuer makes it a JWT for the API's audience. @defaultValue id_token
     */
    apiToken: z.enum(['id_token', 'access_token']).default('id_token'),
    /** The sign-in button's text. @defaultValue Sign in with single sign-on */
    label: z.string().min(1).default('Sign in with single sign-on'),
  })
  .strict();

const devUserSchema = z
  .object({
    /** Shown on the button: who this is (e.g. `bob — crm-owners reviewer`). */
    label: z.string().min(1),
    /** The person's API key, as the workers' API accepts it (proxy.identity.apiKeys). */
    apiKey: secretSourceSchema,
  })
  .strict();

export const consoleConfigSchema = z
  .object({
    /** Serve the console at `/console` on the workers. @defaultValue true */
    enabled: z.boolean().default(true),
    /**
     * The console's address as browsers reach it (scheme, host, port), for
     * the OIDC redirect URI `{publicUrl}/console/signin/callback`.
     * @defaultValue approvals.publicUrl, else the address each request came to
     */
    publicUrl: z.string().url().optional(),
    oidc: oidcSchema.optional(),
    /**
     * Local development sign-in (`npm start` turns it on): a button per
     * configured person and a field for any API key the API accepts. Never
     * for a shared deployment: whoever reaches the page picks who they are
     * among the configured people.
     */
    devSignIn: z
      .object({
        enabled: z.boolean().default(false),
        users: z.array(devUserSchema).default([]),
        /** Offer the API key field. @defaultValue true */
        pasteApiKey: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    session: z
      .object({
        /** Longest a sign-in lasts. @defaultValue 28800 (8 hours) */
        ttlSeconds: z
          .number()
          .int()
          .positive()
          .default(8 * 3600),
        /** A session unused this long ends. @defaultValue 3600 */
        idleSeconds: z.number().int().positive().default(3600),
        /**
         * The cookie's `Secure` attribute. Browsers keep secure cookies of
         * `http://localhost` and `http://127.0.0.1` too, so `npm start` needs no
         * TLS. @defaultValue true
         */
        secureCookie: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    /**
     * Link to a trace in the tracing UI: `{trace_id}` is replaced, e.g.
     * `http://localhost:16686/trace/{trace_id}` (Jaeger). No link when absent.
     */
    traceUrl: z
      .string()
      .refine((t) => t.includes('{trace_id}'), 'must contain {trace_id}')
      .refine((t) => /^https?:\/\//.test(t), 'must be an http(s) URL')
      .optional(),
    /**
     * Decision services whose live bundles the Bundles page shows (their
     * `/v1/status`). @defaultValue the configured decision service
     */
    decisionServices: z.array(z.string().url()).default([]),
    /** How often an open page asks whether approvals changed. @defaultValue 2 */
    pollSeconds: z.number().positive().max(60).default(2),
    /** Base URL the console calls the workers' API on. @defaultValue this server's own address */
    apiUrl: z.string().url().optional(),
  })
  .strict();

export type ConsoleConfigInput = z.input<typeof consoleConfigSchema>;
export type ConsoleConfig = z.output<typeof consoleConfigSchema>;
