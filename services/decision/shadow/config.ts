import { z } from 'zod';

/** `decision.shadow` (and `proxy.decision.shadow` for embedded decisions): docs/POLICY.md, Shadow bundles. */
export const shadowConfigSchema = z
  .object({
    /** The shadow bundle: a .tar.gz file, a bundle directory or an http(s) bundle-server URL. */
    bundle: z.string().min(1),
    /** Share of decisions also evaluated against the shadow, 0 to 1. @defaultValue 1 */
    sampleRate: z.number().min(0).max(1).default(1),
    /** Most shadow evaluations waiting at once; past it decisions are not shadowed (counted as dropped). @defaultValue 1000 */
    queueBound: z.number().int().nonnegative().default(1000),
  })
  .strict();
