import type { ConnectionConfig } from './config.js';
import { ConnectionCredential } from './forward/credential.js';
import { IdentityForwarder } from './forward/identity-assertion.js';
import { Upstream } from './forward/upstream.js';

/** What the proxy holds per connection while it runs: its pool, credential and identity forwarder. */
export class ConnectionRuntime {
  readonly upstream: Upstream;
  readonly credential: ConnectionCredential | undefined;
  readonly forwarder: IdentityForwarder;

  constructor(readonly config: ConnectionConfig) {
    this.upstream = new Upstream(config);
    this.credential = config.credential
      ? new ConnectionCredential(config.credential, config.name)
      : undefined;
    this.forwarder = new IdentityForwarder(config);
  }

  /** Headers a decision may not set or remove on this connection. */
  get protectedHeaders(): string[] {
    return this.credential ? [this.credential.header, 'authorization'] : ['authorization'];
  }
}
