import { importPKCS8, SignJWT, type CryptoKey } from 'jose';
import type { ConnectionConfig } from '../config.js';
import type { Identity } from '../identity/identity.js';
import { SecretReader } from './secrets.js';

/** A surrogate without its pair (JSON allows one in a string; UTF-8 cannot write it). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A claim as one header value the upstream reads back unchanged: `%`, `,`
 * (groups are a comma-separated list, so a group named `x,admin` must not
 * read as two) and anything but printable ASCII are percent-encoded as
 * UTF-8. Raw, a control character would be refused by the HTTP client and
 * a non-Latin-1 character mangled.
 */
export function headerValue(claim: string): string {
  const wellFormed = claim.replace(LONE_SURROGATE, '\ufffd');
  return wellFormed.replace(/[%,]|[^\x20-\x7e]/gu, (ch) => encodeURIComponent(ch));
}

/**
 * Passes the verified caller on to the upstream, as plain headers or as a
 * JWT assertion signed by the proxy (audience: the connection name).
 */
export class IdentityForwarder {
  private readonly reader: SecretReader | undefined;
  private key: { pem: string; key: CryptoKey } | undefined;

  constructor(private readonly connection: ConnectionConfig) {
    const { signingKey } = connection.forwardIdentity;
    this.reader = signingKey
      ? new SecretReader(signingKey, `connection ${connection.name} signing key`)
      : undefined;
  }

  async headers(identity: Identity): Promise<Record<string, string>> {
    const options = this.connection.forwardIdentity;
    if (options.mode === 'none') return {};
    if (options.mode === 'headers') {
      const headers: Record<string, string> = {
        'x-portcullis-subject': headerValue(identity.sub),
        'x-portcullis-identity-type': identity.type,
        'x-portcullis-groups': identity.groups.map(headerValue).join(','),
      };
      if (identity.email) headers['x-portcullis-email'] = headerValue(identity.email);
      return headers;
    }
    const pem = this.reader!.read();
    if (this.key?.pem !== pem) this.key = { pem, key: await importPKCS8(pem, options.algorithm) };
    const assertion = await new SignJWT({
      email: identity.email,
      groups: identity.groups,
      typ: identity.type,
    })
      .setProtectedHeader({ alg: options.algorithm, typ: 'JWT' })
      .setIssuer(options.issuer)
      .setSubject(identity.sub)
      .setAudience(this.connection.name)
      .setIssuedAt()
      .setExpirationTime(`${options.ttlSeconds}s`)
      .sign(this.key.key);
    return { [options.header.toLowerCase()]: assertion };
  }
}
