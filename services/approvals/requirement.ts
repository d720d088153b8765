import { z } from 'zod';
import type { ApprovalRequirement } from './types.js';

/** Reasons, policy or caller, are cut at this length before they are stored. */
export const MAX_POLICY_TEXT = 2000;

const grantSchema = z
  .object({
    duration_seconds: z
      .number()
      .int()
      .positive()
      .max(30 * 24 * 3600),
    methods: z.array(z.string().min(1)).min(1),
    paths: z.array(z.string().min(1)).min(1),
    max_uses: z.number().int().positive().nullable().default(null),
  })
  .strict();

/**
 * The decision's `require_approval` (docs/POLICY.md,
 * docs/schemas/decision.schema.json). Strict: a misspelt key is a policy bug
 * that would otherwise weaken the approval silently.
 */
export const requirementSchema = z
  .object({
    reason: z.string().max(MAX_POLICY_TEXT).default(''),
    reviewers: z
      .object({
        groups: z.array(z.string().min(1)).default([]),
        users: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .refine((r) => r.groups.length + r.users.length > 0, 'names no reviewer (groups or users)'),
    min_approvals: z.number().int().positive().max(20).default(1),
    ttl_seconds: z
      .number()
      .int()
      .positive()
      .max(30 * 24 * 3600)
      .default(3600),
    reason_required: z.boolean().default(false),
    grant: grantSchema.nullable().default(null),
    break_glass: z.boolean().default(false),
    notify: z
      .object({ slack_channels: z.array(z.string().min(1)).default([]) })
      .strict()
      .prefault({}),
  })
  .strict() satisfies z.ZodType<ApprovalRequirement, unknown>;
