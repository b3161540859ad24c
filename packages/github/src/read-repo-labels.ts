import type { LabelbotOctokit } from './labelbot-octokit.js';

/** The repository's labels, lower-cased name → exact name (GitHub matches label names case-insensitively). */
export async function readRepoLabels(
  octokit: LabelbotOctokit,
  repo: { owner: string; repo: string },
  headers: Record<string, string>,
): Promise<Map<string, string>> {
  const labels = (await octokit.paginate('GET /repos/{owner}/{repo}/labels', {
    owner: repo.owner,
    repo: repo.repo,
    per_page: 100,
    // headers ride along at run time; paginate's parameter type omits them.
    headers,
  } as { owner: string; repo: string; per_page: number })) as { name: string }[];
  return new Map(labels.map((l) => [l.name.toLowerCase(), l.name]));
}

/** Creates a label; one that appeared meanwhile (422 already_exists) is fine. */
export async function createRepoLabel(
  octokit: LabelbotOctokit,
  repo: { owner: string; repo: string },
  name: string,
  headers: Record<string, string>,
  stopWrites?: AbortSignal,
): Promise<void> {
  try {
    await octokit.request('POST /repos/{owner}/{repo}/labels', {
      owner: repo.owner,
      repo: repo.repo,
      name,
      color: 'ededed',
      headers,
      request: { stopWrites },
    });
  } catch (error) {
    const errors = (error as { status?: number; response?: { data?: { errors?: { code?: string }[] } } }).response?.data
      ?.errors;
    if ((error as { status?: number }).status === 422 && errors?.some((e) => e.code === 'already_exists')) return;
    throw error;
  }
}
