import { type ApiChoice, buildDataset, DEFAULT_PAGE_SIZE } from '../dataset/build-dataset.js';
import { createGitHubClient } from '../dataset/create-github-client.js';
import { isTransientError } from '../dataset/is-transient-error.js';
import { repoProblem } from '../dataset/issue-page.js';
import { createProgressBar } from '../dataset/progress-bar.js';
import { realWaiter } from '../dataset/with-rate-limit.js';
import { parseCommandArgs } from './parse-command-args.js';
import type { CommandIo } from './write-output.js';

const USAGE = `usage: labelbot dataset build --repo owner/name --out FILE [--since DATE] [--token T] [--api auto|graphql|rest]
                              [--page-size N]

Downloads the repository's issues (not pull requests) as dataset JSONL. Credentials: --token or
GITHUB_TOKEN, else the App (GITHUB_APP_ID + GITHUB_PRIVATE_KEY or GITHUB_PRIVATE_KEY_PATH).
GITHUB_API_URL points at GHES or a test server. --page-size: issues per request, 1-100
(default ${DEFAULT_PAGE_SIZE}; smaller pages help when GitHub times out). An interrupted build resumes
when rerun, with the page size and --api it started with.
`;

/** `labelbot dataset build`: download a repository's issues into a dataset file. */
export async function run(args: string[], io: CommandIo & { env?: NodeJS.ProcessEnv } = process): Promise<number> {
  const env = io.env ?? {};
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (sub !== 'build') {
    io.stderr.write(USAGE);
    return 2;
  }
  const parsed = parseCommandArgs('dataset build', USAGE, io, {
    args: rest,
    options: {
      repo: { type: 'string' },
      out: { type: 'string' },
      since: { type: 'string' },
      token: { type: 'string' },
      api: { type: 'string', default: 'auto' },
      'page-size': { type: 'string' },
    },
  });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const { repo, out } = values as { repo?: string; out?: string };
  const api = values.api as ApiChoice;
  const pageSize = values['page-size'] === undefined ? undefined : Number(values['page-size']);
  const since = typeof values.since === 'string' ? Date.parse(values.since) : null;
  const problem =
    !repo || !out
      ? '--repo and --out are required'
      : repoProblem(repo)
        ? repoProblem(repo)
        : !['auto', 'graphql', 'rest'].includes(api)
          ? `--api must be auto, graphql or rest, got '${api}'`
          : since !== null && Number.isNaN(since)
            ? `--since must be a date (e.g. 2024-01-31), got '${values.since}'`
            : pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 100)
              ? `--page-size must be a whole number from 1 to 100, got '${values['page-size']}'`
              : null;
  if (problem) {
    io.stderr.write(`labelbot dataset build: ${problem}\n${USAGE}`);
    return 2;
  }
  const bar = createProgressBar(io.stderr, repo!);
  try {
    const { octokit, baseUrl } = await createGitHubClient({
      repo: repo!,
      env,
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
        io.stderr.write(`labelbot dataset build: ${message}\n`);
      },
    });
    bar.done();
    io.stdout.write(`${JSON.stringify({ repo, out, ...result })}\n`);
    return 0;
  } catch (error) {
    bar.done();
    // Only a failure that may pass (GitHub 5xx, a dropped connection) is worth rerunning as is.
    const hint = isTransientError(error) ? '(rerun the same command to resume)\n' : '';
    io.stderr.write(`labelbot dataset build: ${(error as Error).message}\n${hint}`);
    return 1;
  }
}
