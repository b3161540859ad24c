import type { LabelbotOctokit } from './labelbot-octokit.js';
import { hasLabelComment, postLabelComment } from './post-label-comment.js';

/** Posts of the comment tried when GitHub's answer is lost (5xx, network); each one first looks for the marker. */
export const COMMENT_POST_ATTEMPTS = 3;

interface IssueAt {
  owner: string;
  repo: string;
  issueNumber: number;
}

/** A lost answer: GitHub may or may not have created the comment (5xx, a network error or a timeout). */
const isLostAnswer = (error: unknown): boolean => {
  const status = (error as { status?: unknown }).status;
  return typeof status !== 'number' || status >= 500;
};

/**
 * Posts the bot's comment unless the issue already carries it, and returns whether this call posted it.
 * Creating a comment is not idempotent: a 502 can come back for a comment GitHub did create, so the client never
 * repeats that POST by itself (`postLabelComment`), and a lost answer is followed by a fresh look for the marker
 * before the next attempt. Once `stopWrites` is aborted no further attempt starts and no POST is sent.
 */
export async function ensureLabelComment(
  octokit: LabelbotOctokit,
  issue: IssueAt,
  botLogin: string,
  body: string,
  headers: Record<string, string>,
  stopWrites?: AbortSignal,
): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    stopWrites?.throwIfAborted();
    if (await hasLabelComment(octokit, issue, botLogin, headers)) return false;
    try {
      await postLabelComment(octokit, issue, body, headers, stopWrites);
      return true;
    } catch (error) {
      if (attempt >= COMMENT_POST_ATTEMPTS || !isLostAnswer(error)) throw error;
    }
  }
}
