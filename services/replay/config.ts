import { z } from 'zod';
import { secretSourceSchema } from '../common/secret-source.js';

/**
 * `replay:` in portcullis.yaml: decision replay (docs/POLICY.md). The
 * workers' `POST /v1/replay` reads recorded decisions from the audit store
 * and has a decision service evaluate them against a candidate bundle in
 * its live pool; both sides share `token`.
 */
export const replayConfigSchema = z
  .object({
    /**
     * Shared secret of the decision services' candidate API: the decision
     * service accepts candidate bundles only with it, the workers send it.
     * Replay is off without it.
     */
    token: secretSourceSchema.optional(),
    /** The decision service that evaluates candidates. @defaultValue proxy.decisionUrl, else decision.host:port */
    decisionUrl: z.string().url().optional(),
    /** Callers must be in this group: a replay reads recorded inputs. @defaultValue audit.api.auditorGroup */
    group: z.string().min(1).optional(),
    /** Most decisions one replay re-evaluates. @defaultValue 100000 */
    maxDecisions: z.number().int().positive().max(10_000_000).default(100_000),
    /** Decisions sent to the decision service per request. @defaultValue 500 */
    chunkSize: z.number().int().positive().max(2000).default(500),
    /** Largest candidate bundle accepted. @defaultValue 32 MiB */
    maxBundleBytes: z
      .number()
      .int()
      .positive()
      .default(32 * 1024 * 1024),
  })
  .strict();

export type ReplayConfigInput = z.input<typeof replayConfigSchema>;
export type ReplayConfig = z.output<typeof replayConfigSchema>;
