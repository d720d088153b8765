import type { CredentialConfig } from '../config.js';
import { SecretReader } from './secrets.js';

export interface InjectedCredential {
  /** Lowercase header name. */
  header: string;
  value: string;
  /**
   * The secret and the values it is sent in: the scrubber derives every
   * encoded form from these (mask/secret-forms.ts), so they must never reach
   * the caller.
   */
  readonly literals: readonly string[];
}

/** The credential a connection injects into upstream requests; the caller never sees it. */
export class ConnectionCredential {
  private readonly reader: SecretReader;
  private last: { secret: string; credential: InjectedCredential } | undefined;

  constructor(
    private readonly config: CredentialConfig,
    connectionName: string,
  ) {
    this.reader = new SecretReader(config.value, `connection ${connectionName} credential`);
  }

  /** The header this credential occupies (protected from the policy's header changes). */
  get header(): string {
    return this.config.type === 'header' ? this.config.header.toLowerCase() : 'authorization';
  }

  /** The credential as of now: the same object while the secret is unchanged. */
  current(): InjectedCredential {
    const secret = this.reader.read();
    if (this.last?.secret !== secret) this.last = { secret, credential: this.build(secret) };
    return this.last.credential;
  }

  private build(secret: string): InjectedCredential {
    switch (this.config.type) {
      case 'bearer':
        return { header: this.header, value: `Bearer ${secret}`, literals: [secret, `Bearer ${secret}`] };
      case 'basic': {
        // `user:password`: the password is the secret; the pair's base64 is the header value.
        const encoded = Buffer.from(secret, 'utf8').toString('base64');
        const password = secret.slice(secret.indexOf(':') + 1);
        return { header: this.header, value: `Basic ${encoded}`, literals: [secret, password] };
      }
      case 'header':
        return { header: this.header, value: secret, literals: [secret] };
    }
  }
}
