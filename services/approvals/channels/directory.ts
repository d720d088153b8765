import type { DirectoryEntry } from '../config.js';
import { mayReview } from '../eligibility.js';
import type { ApprovalRecord, Reviewer } from '../types.js';

/**
 * The reviewers the channels know (`approvals.directory`): whom to email or
 * message about an approval, and who a Slack user or a link's reviewer is
 * when they act (with the groups the directory gives them then).
 */
export class ReviewerDirectory {
  constructor(private readonly entries: readonly DirectoryEntry[]) {}

  bySub(sub: string): DirectoryEntry | undefined {
    return this.entries.find((e) => e.sub === sub);
  }

  byEmail(email: string): DirectoryEntry | undefined {
    const wanted = email.toLowerCase();
    return this.entries.find((e) => e.email?.toLowerCase() === wanted);
  }

  bySlackUser(id: string): DirectoryEntry | undefined {
    return this.entries.find((e) => e.slackUserId === id);
  }

  /** People who may review this approval now (never its requester). */
  eligible(record: ApprovalRecord): DirectoryEntry[] {
    return this.entries.filter((e) => mayReview(record, reviewerOf(e)) === 'eligible');
  }
}

export function reviewerOf(entry: DirectoryEntry): Reviewer {
  return { sub: entry.sub, email: entry.email ?? null, groups: entry.groups };
}
