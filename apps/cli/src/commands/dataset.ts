import { parseArgs } from 'node:util';
import { type ApiChoice, buildDataset } from '../dataset/build-dataset.js';
import { createGitHubClient } from '../dataset/create-github-client.js';
import { createProgressBar } from '../dataset/progress-bar.js';
import { realWaiter } from '../dataset/with-rate-limit.js';

const USAGE = `usage: labelbot dataset build --repo owner/name --out FILE [--since DATE] [--token T] [--api auto|graphql|rest]

Downloads the repository's issues (not pull requests) as dataset JSONL. Credentials: --token or
GITHUB_TOKEN, else the App (GITHUB_APP_ID + GITHUB_PRIVATE_KEY or GITHUB_PRIVATE_KEY_PATH).
GITHUB_API_URL points at GHES or a test server. An interrupted build resumes when rerun.
`;

/** `labelbot dataset build`: download a repository's issues into a dataset file. */
export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'build') {
    process.stderr.write(USAGE);
    return 2;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        repo: { type: 'string' },
        out: { type: 'string' },
        since: { type: 'string' },
        token: { type: 'string' },
        api: { type: 'string', default: 'auto' },
        'page-size': { type: 'string', default: '100' },
      },
    }));
  } catch (error) {
    process.stderr.write(`labelbot dataset build: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { repo, out } = values as { repo?: string; out?: string };
  const api = values.api as ApiChoice;
  const pageSize = Number(values['page-size']);
  const since = typeof values.since === 'string' ? Date.parse(values.since) : null;
  const problem =
    !repo || !out
      ? '--repo and --out are required'
      : !['auto', 'graphql', 'rest'].includes(api)
        ? `--api must be auto, graphql or rest, got '${api}'`
        : since !== null && Number.isNaN(since)
          ? `--since must be a date (e.g. 2024-01-31), got '${values.since}'`
          : !(pageSize >= 1 && pageSize <= 100)
            ? '--page-size must be between 1 and 100'
            : null;
  if (problem) {
    process.stderr.write(`labelbot dataset build: ${problem}\n${USAGE}`);
    return 2;
  }
  const bar = createProgressBar(process.stderr, repo!);
  try {
    const { octokit, baseUrl } = await createGitHubClient({
      repo: repo!,
      env: process.env,
      token: values.token as string | undefined,
    });
    const result = await buildDataset({
      octokit,
      baseUrl,
      repo: repo!,
      out: out!,
      since: since === null ? null : new Date(since).toISOString().replace('.000Z', 'Z'),
      api,
      pageSize,
      waiter: realWaiter,
      progress: bar.update,
      notice: (message) => {
        bar.done();
        process.stderr.write(`labelbot dataset build: ${message}\n`);
      },
    });
    bar.done();
    process.stdout.write(`${JSON.stringify({ repo, out, ...result })}\n`);
    return 0;
  } catch (error) {
    bar.done();
    process.stderr.write(`labelbot dataset build: ${(error as Error).message}\n(rerun the same command to resume)\n`);
    return 1;
  }
}
