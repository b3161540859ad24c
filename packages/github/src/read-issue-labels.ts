import type { LabelbotOctokit } from './labelbot-octokit.js';

/** The labels on the issue now, as GitHub has them (all pages). */
export async function readIssueLabels(
  octokit: LabelbotOctokit,
  issue: { owner: string; repo: string; issueNumber: number },
  headers: Record<string, string>,
): Promise<string[]> {
  const labels = (await octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/labels', {
    owner: issue.owner,
    repo: issue.repo,
    issue_number: issue.issueNumber,
    per_page: 100,
    // headers ride along at run time; paginate's parameter type omits them.
    headers,
  } as { owner: string; repo: string; issue_number: number; per_page: number })) as { name?: string }[];
  return labels.flatMap((label) => (label.name ? [label.name] : []));
}
