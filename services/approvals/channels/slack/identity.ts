import type { WebClient } from '@slack/web-api';
import type { SlackConfig } from '../../config.js';
import type { Reviewer } from '../../types.js';
import { reviewerOf, type ReviewerDirectory } from '../directory.js';

/**
 * Who a Slack user is in Portcullis terms: `slack.users` first, then the
 * directory's `slackUserId`, then the confirmed email `users.info` gives,
 * looked up in the directory. A string is what to tell someone who cannot
 * be mapped.
 */
export async function slackReviewer(
  userId: string,
  config: SlackConfig,
  directory: ReviewerDirectory,
  client: () => WebClient,
): Promise<Reviewer | string> {
  const mapped = config.users[userId];
  if (mapped) {
    const entry = directory.bySub(mapped);
    return entry ? reviewerOf(entry) : { sub: mapped, email: null, groups: [] };
  }
  const known = directory.bySlackUser(userId);
  if (known) return reviewerOf(known);
  let info;
  try {
    info = await client().users.info({ user: userId });
  } catch (err) {
    // Slack's answer for someone it does not know (another workspace, a deleted user).
    if ((err as { data?: { error?: string } }).data?.error === 'user_not_found')
      return 'You are not a known Portcullis reviewer.';
    throw err;
  }
  const email = info.user?.profile?.email;
  if (!email) return 'Portcullis cannot see your Slack email address, so it cannot tell who you are.';
  if (info.user?.is_email_confirmed !== true)
    return 'Your Slack email address is not confirmed, so Portcullis cannot tell who you are.';
  const entry = directory.byEmail(email);
  return entry ? reviewerOf(entry) : 'You are not a known Portcullis reviewer.';
}
