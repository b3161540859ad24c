import type { LabelbotOctokit } from './labelbot-octokit.js';

/** Hidden in the rendered comment; finds the bot's comment again so a redelivery never posts a second one. */
export const COMMENT_MARKER = '<!-- labelbot:label-comment -->';

interface IssueAt {
  owner: string;
  repo: string;
  issueNumber: number;
}

/** Whether the bot already commented on the issue (its own comment carrying the marker). */
export async function hasLabelComment(
  octokit: LabelbotOctokit,
  issue: IssueAt,
  botLogin: string,
  headers: Record<string, string>,
): Promise<boolean> {
  const comments = (await octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
    owner: issue.owner,
    repo: issue.repo,
    issue_number: issue.issueNumber,
    per_page: 100,
    // headers ride along at run time; paginate's parameter type omits them.
    headers,
  } as { owner: string; repo: string; issue_number: number; per_page: number })) as {
    body?: string;
    user?: { login?: string } | null;
  }[];
  return comments.some(
    (c) => c.body?.includes(COMMENT_MARKER) && c.user?.login?.toLowerCase() === botLogin.toLowerCase(),
  );
}

/** The comment text: which labels, with which confidence, and how to give feedback. */
export function formatLabelComment(labels: { label: string; score: number | undefined }[]): string {
  const list = labels
    .map(({ label, score }) => (score === undefined ? `\`${label}\`` : `\`${label}\` (confidence ${score.toFixed(2)})`))
    .join(', ');
  return [
    COMMENT_MARKER,
    `labelbot applied ${list} to this issue.`,
    '',
    'If a label is wrong, remove it: labelbot will not add it again, and the removal counts as feedback on the model.',
  ].join('\n');
}

/**
 * One POST of the comment, never repeated by the client's retry plugin: a 5xx can answer a comment GitHub did
 * create, and a blind repeat would post it twice (`ensureLabelComment` looks for the marker before trying again).
 */
export async function postLabelComment(
  octokit: LabelbotOctokit,
  issue: IssueAt,
  body: string,
  headers: Record<string, string>,
  stopWrites?: AbortSignal,
): Promise<void> {
  await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
    owner: issue.owner,
    repo: issue.repo,
    issue_number: issue.issueNumber,
    body,
    headers,
    request: { retries: 0, stopWrites },
  });
}
