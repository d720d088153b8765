import type { ConnectionConfig } from './config.js';
import { ConnectionCredential } from './forward/credential.js';
import { IdentityForwarder } from './forward/identity-assertion.js';
import { Upstream } from './forward/upstream.js';

/** What the proxy holds per connection while it runs: its pool, credential and identity forwarder. */
export class ConnectionRuntime {
  readonly upstream: Upstream;
  readonly credential: ConnectionCredential | undefined;
  readonly forwarder: IdentityForwarder;
  /** Headers a decision may not set or remove on this connection. */
  readonly protectedHeaders: readonly string[];
  /** Headers never forwarded to the upstream nor shown to the policy: the caller's credentials and this connection's. */
  readonly credentialHeaders: ReadonlySet<string>;

  constructor(
    readonly config: ConnectionConfig,
    callerCredentialHeaders: readonly string[],
  ) {
    this.upstream = new Upstream(config);
    this.credential = config.credential
      ? new ConnectionCredential(config.credential, config.name)
      : undefined;
    this.forwarder = new IdentityForwarder(config);
    this.protectedHeaders = this.credential ? [this.credential.header, 'authorization'] : ['authorization'];
    this.credentialHeaders = new Set([
      ...callerCredentialHeaders,
      ...(this.credential ? [this.credential.header] : []),
    ]);
  }
}
