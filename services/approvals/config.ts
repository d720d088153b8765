import { z } from 'zod';

/**
 * Configuration of the approval domain: `approvals:` in portcullis.yaml
 * (read by the workers: API, channels, queues) and `proxy.approvals` (where
 * the proxy finds the store). Every field is documented with its default.
 */

/** Where a secret comes from: an environment variable or a file (re-read on use). */
export const secretSourceSchema = z.union([
  z.object({ env: z.string().min(1) }).strict(),
  z.object({ file: z.string().min(1) }).strict(),
]);
export type SecretSourceConfig = z.infer<typeof secretSourceSchema>;

/** Settings both the proxy and the workers apply. */
const settings = {
  /** How long an approved one-shot approval may wait for its request. @defaultValue 3600 */
  executeWindowSeconds: z
    .number()
    .int()
    .positive()
    .max(7 * 24 * 3600)
    .default(3600),
  /** How long settled approvals and grants stay readable. @defaultValue 7 */
  retentionDays: z.number().positive().max(366).default(7),
  /** Longest reason (caller's, reviewer's) accepted, in characters. @defaultValue 1000 */
  maxReasonLength: z.number().int().positive().max(10_000).default(1000),
  /**
   * Base URL of the workers' API as callers and reviewers reach it (links in
   * messages, `Location` of 202 answers). @defaultValue none: relative paths
   */
  publicUrl: z.string().url().optional(),
};

/** `proxy.approvals`: the proxy's view of the store. */
export const approvalStoreConfigSchema = z
  .object({
    /** Redis holding approvals and grants. */
    redisUrl: z.string().min(1),
    /** @defaultValue portcullis */
    prefix: z.string().min(1).default('portcullis'),
    /** Longest a Redis command may take before the request fails closed (503). @defaultValue 1000 */
    commandTimeoutMs: z.number().int().positive().default(1000),
    /** How long the proxy may trust a cached grant lookup (pub/sub drops it sooner). @defaultValue 1000 */
    grantCacheMs: z.number().int().nonnegative().max(1000).default(1000),
    ...settings,
  })
  .strict();
export type ApprovalStoreConfig = z.infer<typeof approvalStoreConfigSchema>;

/** A person the notification channels know: who to email or message, and their groups. */
const directoryEntrySchema = z
  .object({
    sub: z.string().min(1),
    email: z.string().email().optional(),
    groups: z.array(z.string()).default([]),
    /** Slack user id (`U…`), for direct messages and mapping clicks. */
    slackUserId: z.string().optional(),
  })
  .strict();
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;

export const slackConfigSchema = z
  .object({
    /** Bot token (`xoxb-…`). */
    token: secretSourceSchema,
    /** Signing secret of the Slack app: every interaction is checked against it. */
    signingSecret: secretSourceSchema,
    /** Slack's Web API base; tests point it at a local server. @defaultValue https://slack.com/api/ */
    slackApiUrl: z.string().url().default('https://slack.com/api/'),
    /** Channels every approval is posted to (ids, or names the bot may post to). @defaultValue [] */
    channels: z.array(z.string().min(1)).default([]),
    /** Also message each eligible reviewer that has a `slackUserId` in the directory. @defaultValue false */
    directMessages: z.boolean().default(false),
    /** Slack user id → Portcullis subject, checked before the email lookup. @defaultValue {} */
    users: z.record(z.string(), z.string()).default({}),
    /**
     * What a click on Approve or Deny does: `modal` opens a form for the reviewer's optional reason
     * and decides when it is submitted; `direct` decides at once, without a reason. @defaultValue modal
     */
    buttons: z.enum(['modal', 'direct']).default('modal'),
    /** Accept interactions signed at most this long ago. @defaultValue 300 */
    maxSkewSeconds: z.number().int().positive().max(3600).default(300),
  })
  .strict();
export type SlackConfig = z.infer<typeof slackConfigSchema>;

export const emailConfigSchema = z
  .object({
    smtp: z
      .object({
        host: z.string().min(1),
        port: z.number().int().min(1).max(65535).default(587),
        /** TLS from the start (port 465); otherwise STARTTLS when offered. @defaultValue false */
        secure: z.boolean().default(false),
        user: z.string().optional(),
        password: secretSourceSchema.optional(),
      })
      .strict(),
    /** The From header. */
    from: z.string().min(1),
    /** Key that signs review links (at least 32 bytes). */
    linkSecret: secretSourceSchema,
    /** Longest a link lives (never past the approval's expiry). @defaultValue 86400 */
    linkTtlSeconds: z.number().int().positive().default(86400),
  })
  .strict();
export type EmailConfig = z.infer<typeof emailConfigSchema>;

/** `approvals:` in portcullis.yaml. */
export const approvalsConfigSchema = z
  .object({
    ...settings,
    /** Members of these groups may see, cancel and revoke every approval. @defaultValue [] */
    adminGroups: z.array(z.string()).default([]),
    /** Reviewers the channels can reach (email, Slack) and their groups. @defaultValue [] */
    directory: z.array(directoryEntrySchema).default([]),
    slack: slackConfigSchema.optional(),
    email: emailConfigSchema.optional(),
    notify: z
      .object({
        /** Tries per notification job. @defaultValue 5 */
        attempts: z.number().int().positive().max(50).default(5),
        /** First retry delay, doubled each time. @defaultValue 1000 */
        backoffMs: z.number().int().positive().default(1000),
        /** Notification jobs run at once. @defaultValue 4 */
        concurrency: z.number().int().positive().max(64).default(4),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type ApprovalsConfig = z.infer<typeof approvalsConfigSchema>;
export type ApprovalsConfigInput = z.input<typeof approvalsConfigSchema>;
