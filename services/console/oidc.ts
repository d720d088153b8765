import * as client from 'openid-client';
import { readSecretSource } from '../common/secret-source.js';
import type { ConsoleConfig } from './config.js';
import { ConsoleError } from './errors.js';

/**
 * Sign-in through the deployment's OIDC issuer with openid-client:
 * authorization code flow with PKCE (S256), `state` and `nonce`, the ID
 * token checked by the library (signature, issuer, audience, nonce,
 * expiry). The issuer's metadata is discovered once and kept.
 */

export interface AuthorizationStart {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface SignedInTokens {
  /** The token the console presents to the workers' API (`oidc.apiToken`). */
  apiToken: string;
  refreshToken?: string;
  /** Unix ms when `apiToken` expires, when known. */
  expiresAt?: number;
}

function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

function tokenExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { exp?: unknown };
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export class OidcSignIn {
  private configuration?: Promise<client.Configuration>;

  constructor(private readonly oidc: NonNullable<ConsoleConfig['oidc']>) {
    const issuer = new URL(oidc.issuer);
    if (issuer.protocol !== 'https:' && !isLoopback(issuer))
      throw new ConsoleError(
        'console_signin_unavailable',
        `console.oidc.issuer must be https (plain http only on loopback): ${oidc.issuer}`,
      );
  }

  private config(): Promise<client.Configuration> {
    this.configuration ??= (async () => {
      const issuer = new URL(this.oidc.issuer);
      const secret = this.oidc.clientSecret
        ? readSecretSource(this.oidc.clientSecret, 'console.oidc.clientSecret')
        : undefined;
      return client.discovery(
        issuer,
        this.oidc.clientId,
        secret,
        secret === undefined ? client.None() : client.ClientSecretPost(secret),
        {
          timeout: 10,
          execute: issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
        },
      );
    })();
    // A failed discovery is tried again on the next sign-in.
    this.configuration.catch(() => (this.configuration = undefined));
    return this.configuration;
  }

  /**
   * Where to send the browser, with the secrets to keep until the callback.
   * `redirectUri` is `{console address}/console/signin/callback`, which the
   * issuer must have registered for the client.
   */
  async start(redirectUri: string): Promise<AuthorizationStart> {
    let config: client.Configuration;
    try {
      config = await this.config();
    } catch (err) {
      throw new ConsoleError(
        'console_signin_failed',
        `the identity provider cannot be reached: ${errorText(err)}`,
        {
          status: 502,
          cause: err,
        },
      );
    }
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: this.oidc.scopes.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, state, nonce, codeVerifier };
  }

  /**
   * Exchanges the callback's code (checking state, nonce and the PKCE
   * verifier) for the person's tokens. `callbackUrl` is the redirect URI
   * the sign-in started with, carrying the callback's query.
   */
  async finish(
    callbackUrl: URL,
    checks: { state: string; nonce: string; codeVerifier: string },
  ): Promise<SignedInTokens> {
    try {
      const config = await this.config();
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      return this.tokensOf(tokens);
    } catch (err) {
      throw new ConsoleError(
        'console_signin_failed',
        `the sign-in could not be completed: ${errorText(err)}`,
        {
          cause: err,
        },
      );
    }
  }

  /** A fresh API token from the refresh token (before the current one expires). */
  async refresh(refreshToken: string): Promise<SignedInTokens> {
    const config = await this.config();
    const tokens = await client.refreshTokenGrant(config, refreshToken);
    return this.tokensOf(tokens, refreshToken);
  }

  private tokensOf(
    tokens: { id_token?: string; access_token: string; refresh_token?: string },
    previousRefresh?: string,
  ): SignedInTokens {
    const apiToken = this.oidc.apiToken === 'id_token' ? tokens.id_token : tokens.access_token;
    if (!apiToken) throw new Error(`the issuer gave no ${this.oidc.apiToken}`);
    return {
      apiToken,
      refreshToken: tokens.refresh_token ?? previousRefresh,
      expiresAt: tokenExpiry(apiToken),
    };
  }
}

function errorText(err: unknown): string {
  const e = err as { message?: unknown; error?: unknown; error_description?: unknown };
  const parts = [e?.error, e?.error_description, e?.message].filter((p) => typeof p === 'string');
  return parts.length > 0 ? parts.join(': ') : String(err);
}
