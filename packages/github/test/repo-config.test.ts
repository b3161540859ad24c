import { afterEach, describe, expect, it } from 'vitest';
import type { GitHubStandIn } from '../../../test/support/github-stand-in.js';
import { createIssueLabeler, DEFAULT_REPO_CONFIG, REPO_CONFIG_PATH } from '../src/index.js';
import { clientFor, INSTALLATION, OWNER, seededStandIn } from './support.js';

const REF = { installationId: INSTALLATION, owner: OWNER, repo: 'app' };
const CONTENTS = 'GET /repos/{owner}/{repo}/contents/{path}';

describe('getRepoConfig', () => {
  let standIn: GitHubStandIn;
  let now = 0;
  afterEach(async () => {
    await standIn?.close();
    standIn = undefined as never;
  });

  const setup = async (files: { repo?: string; org?: string }, ttlMs = 60_000) => {
    standIn = await seededStandIn();
    now = 1_000;
    if (files.repo !== undefined) standIn.state.repo('octo-org/app').files.set(REPO_CONFIG_PATH, files.repo);
    if (files.org !== undefined)
      standIn.state.addRepo(INSTALLATION, { name: '.github', files: { [REPO_CONFIG_PATH]: files.org } });
    const { client, log, logger, registry } = clientFor(standIn);
    const labeler = createIssueLabeler({
      client,
      dryRun: false,
      logger,
      registry,
      configTtlMs: ttlMs,
      clock: () => now,
    });
    return { labeler, log, registry };
  };
  const contentReads = () => standIn.requests.filter((r) => r.route === CONTENTS).map((r) => r.path);

  it('reads the repository file and deep-merges it onto the defaults', async () => {
    const { labeler } = await setup({
      repo: "label-alias:\n  bug: 'kind/bug'\n  feature_request: 'kind/feature'\npredicted-labels: [kind/bug]\ncomment: true\nmin-confidence: 0.7\n",
    });
    expect(await labeler.getRepoConfig(REF)).toEqual({
      ...DEFAULT_REPO_CONFIG,
      labelAlias: { bug: 'kind/bug', feature_request: 'kind/feature', feature: 'kind/feature' },
      predictedLabels: ['kind/bug'],
      comment: true,
      minConfidence: 0.7,
    });
  });

  it("falls back to the org's .github repository", async () => {
    const { labeler } = await setup({ org: 'enabled: false\n' });
    expect(await labeler.getRepoConfig(REF)).toEqual({ ...DEFAULT_REPO_CONFIG, enabled: false });
    expect(contentReads()).toEqual([
      `/repos/octo-org/app/contents/${encodeURIComponent(REPO_CONFIG_PATH)}`,
      `/repos/octo-org/.github/contents/${encodeURIComponent(REPO_CONFIG_PATH)}`,
    ]);
  });

  it('uses the defaults when neither file exists', async () => {
    const { labeler, log } = await setup({});
    expect(await labeler.getRepoConfig(REF)).toEqual(DEFAULT_REPO_CONFIG);
    expect(log.find('unusable')).toEqual([]);
  });

  it.each([
    { name: 'empty', text: '', reason: 'empty' },
    { name: 'only comments', text: '# nothing yet\n', reason: 'empty' },
    { name: 'malformed', text: 'label-alias: [bug\n', reason: 'syntax' },
    {
      name: 'hostile (!!js/function)',
      text: 'enabled: !!js/function "function () { process.exit(1) }"\n',
      reason: 'unsafe-tag',
    },
    { name: 'the wrong shape', text: 'enabled: "sometimes"\nmin-confidence: 3\n', reason: 'schema' },
    { name: 'a list', text: '- bug\n', reason: 'schema' },
  ])('a file that is $name gives the defaults, a log line and a metric', async ({ text, reason }) => {
    const { labeler, log, registry } = await setup({ repo: text });
    expect(await labeler.getRepoConfig(REF)).toEqual(DEFAULT_REPO_CONFIG);
    expect(log.find('is unusable')[0]).toMatchObject({
      repo: 'octo-org/app',
      reason,
      using: 'defaults',
      severity: 'WARNING',
    });
    const metric = await registry.getSingleMetricAsString('labelbot_repo_config_errors_total');
    expect(metric).toContain(`labelbot_repo_config_errors_total{reason="${reason}"} 1`);
  });

  it('caches for the TTL on the injected clock, then reads again', async () => {
    const { labeler } = await setup({ repo: 'comment: true\n' }, 60_000);
    expect((await labeler.getRepoConfig(REF)).comment).toBe(true);
    standIn.state.repo('octo-org/app').files.set(REPO_CONFIG_PATH, 'comment: false\n');
    now += 59_000;
    expect((await labeler.getRepoConfig(REF)).comment).toBe(true);
    expect(contentReads()).toHaveLength(1);
    now += 2_000;
    expect((await labeler.getRepoConfig(REF)).comment).toBe(false);
    expect(contentReads()).toHaveLength(2);
  });

  it('keeps the last good config when the file turns bad', async () => {
    const { labeler, log } = await setup({ repo: 'enabled: false\n' }, 1_000);
    expect((await labeler.getRepoConfig(REF)).enabled).toBe(false);
    standIn.state.repo('octo-org/app').files.set(REPO_CONFIG_PATH, 'enabled: [\n');
    now += 5_000;
    expect((await labeler.getRepoConfig(REF)).enabled).toBe(false);
    expect(log.find('is unusable')[0]).toMatchObject({ reason: 'syntax', using: 'last-good' });
  });

  it('serves the cached config while GitHub fails, and fails without one', async () => {
    const { labeler } = await setup({ repo: 'comment: true\n' }, 1_000);
    await labeler.getRepoConfig(REF);
    now += 5_000;
    standIn.inject({ route: CONTENTS, fault: 502, times: 10 });
    expect((await labeler.getRepoConfig(REF)).comment).toBe(true);
    await expect(labeler.getRepoConfig({ ...REF, repo: 'other' })).rejects.toMatchObject({ status: 502 });
  });

  it('coalesces concurrent reads of one repository', async () => {
    const { labeler } = await setup({ repo: 'comment: true\n' });
    await Promise.all([labeler.getRepoConfig(REF), labeler.getRepoConfig(REF), labeler.getRepoConfig(REF)]);
    expect(contentReads()).toHaveLength(1);
  });
});
