/** Who is calling, as the decision input shows it (input.identity). */
export interface Identity {
  sub: string;
  email: string | null;
  groups: string[];
  /** `user` (a person's token) or `service` (CI, agents, API keys). */
  type: 'user' | 'service';
  /** How the caller proved it: a verified JWT or an API key. */
  method: 'jwt' | 'api_key';
  /** The token's `iss`, or `api-key` for API keys. */
  issuer: string;
  /** Verified JWT claims (empty for API keys). */
  claims: Record<string, unknown>;
}
