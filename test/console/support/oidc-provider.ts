import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { listen } from '../../proxy/support/servers.js';

/** The person the provider signs in next (it asks nothing: the test decides who). */
export interface ProviderUser {
  sub: string;
  email?: string;
  groups?: string[];
}

export interface TokenRequest {
  params: Record<string, string>;
  /** Whether the code verifier hashed (S256) to the challenge the authorization request carried. */
  pkceMatched: boolean;
}

async function form(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString()));
}

/**
 * An OpenID Connect provider on loopback, enough for the authorization
 * code flow with PKCE: discovery, `/authorize` (signs in `user` at once and
 * redirects back with a code), `/token` (checks the client, the redirect
 * URI and the PKCE verifier; answers an RS256 ID token with the nonce) and
 * the JWKS. Records every authorization and token request.
 */
export async function startOidcProvider(client: { id: string; secret: string; redirectUris: string[] }) {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'oidc-1', alg: 'RS256', use: 'sig' };
  const codes = new Map<
    string,
    { user: ProviderUser; nonce: string; challenge: string; redirectUri: string; clientId: string }
  >();
  const refreshTokens = new Map<string, ProviderUser>();
  const state = {
    user: { sub: 'olivia', email: 'olivia@example.com', groups: ['crm-owners'] } as ProviderUser,
    idTokenSeconds: 3600,
    authorizations: [] as Record<string, string>[],
    tokenRequests: [] as TokenRequest[],
  };

  const idToken = (user: ProviderUser, nonce: string | undefined, audience: string, key: CryptoKey) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      email: user.email,
      groups: user.groups ?? [],
      ...(nonce ? { nonce } : {}),
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'oidc-1' })
      .setIssuer(server.url)
      .setSubject(user.sub)
      .setAudience(audience)
      .setIssuedAt(now)
      .setExpirationTime(now + state.idTokenSeconds)
      .sign(key);
  };

  const server = await listen(async (req, res) => {
    const url = new URL(req.url!, server.url);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: server.url,
        authorization_endpoint: `${server.url}/authorize`,
        token_endpoint: `${server.url}/token`,
        jwks_uri: `${server.url}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_post'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const params = Object.fromEntries(url.searchParams);
      state.authorizations.push(params);
      if (params.client_id !== client.id || !client.redirectUris.includes(params.redirect_uri))
        return json(400, { error: 'invalid_request', error_description: 'unknown client or redirect_uri' });
      if (params.code_challenge_method !== 'S256' || !params.code_challenge)
        return json(400, { error: 'invalid_request', error_description: 'PKCE S256 required' });
      const code = randomBytes(16).toString('hex');
      codes.set(code, {
        user: state.user,
        nonce: params.nonce,
        challenge: params.code_challenge,
        redirectUri: params.redirect_uri,
        clientId: params.client_id,
      });
      const back = new URL(params.redirect_uri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', params.state);
      res.writeHead(302, { location: back.href }).end();
      return;
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      const params = await form(req);
      if (params.client_id !== client.id || params.client_secret !== client.secret)
        return json(401, { error: 'invalid_client' });
      if (params.grant_type === 'refresh_token') {
        const user = refreshTokens.get(params.refresh_token);
        state.tokenRequests.push({ params, pkceMatched: false });
        if (!user) return json(400, { error: 'invalid_grant' });
        return json(200, {
          access_token: randomBytes(16).toString('hex'),
          token_type: 'Bearer',
          expires_in: state.idTokenSeconds,
          id_token: await idToken(user, undefined, client.id, privateKey),
        });
      }
      const grant = codes.get(params.code);
      codes.delete(params.code);
      const verifier = params.code_verifier ?? '';
      const pkceMatched =
        grant !== undefined && createHash('sha256').update(verifier).digest('base64url') === grant.challenge;
      state.tokenRequests.push({ params, pkceMatched });
      if (!grant || grant.redirectUri !== params.redirect_uri || !pkceMatched)
        return json(400, { error: 'invalid_grant' });
      const refreshToken = randomBytes(16).toString('hex');
      refreshTokens.set(refreshToken, grant.user);
      return json(200, {
        access_token: randomBytes(16).toString('hex'),
        token_type: 'Bearer',
        expires_in: state.idTokenSeconds,
        refresh_token: refreshToken,
        id_token: await idToken(grant.user, grant.nonce, client.id, privateKey),
      });
    }
    json(404, { error: 'not_found' });
  });
  return Object.assign(server, { state });
}
