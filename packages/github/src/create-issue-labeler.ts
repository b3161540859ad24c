import type { Logger, Registry } from '@labelbot/telemetry';
import type { GitHubClient } from './create-github-client.js';
import { createKeySerialiser } from './create-key-serialiser.js';
import { createRepoConfigReader, DEFAULT_CONFIG_TTL_MS, MAX_CACHED_REPOS } from './create-repo-config-reader.js';
import { decideLabels } from './decide-labels.js';
import { ensureLabelComment } from './ensure-label-comment.js';
import { getCounter } from './get-metric.js';
import { isFreshUnlabelledIssue } from './is-fresh-unlabelled-issue.js';
import { formatLabelComment, hasLabelComment } from './post-label-comment.js';
import { readIssueLabels } from './read-issue-labels.js';
import { labelHistoryOf, readLabelHistory } from './read-label-history.js';
import { createRepoLabel, readRepoLabels } from './read-repo-labels.js';
import type { IssueLabeler, LabelOutcome, LabelRequest } from './types.js';
import { wasClassifiedMeanwhile } from './was-classified-meanwhile.js';

export interface IssueLabelerOptions {
  /** null = no App credentials: always a dry run, decided from the event alone. */
  client: GitHubClient | null;
  /** Decide and record, write nothing to GitHub (LABELBOT_DRY_RUN). */
  dryRun: boolean;
  logger: Logger;
  registry?: Registry;
  /** Repo config and repo label cache lifetime; default DEFAULT_CONFIG_TTL_MS. */
  configTtlMs?: number;
  clock?: () => number;
  /** The bot's login; defaults to the client's `GET /app` answer (`slug[bot]`). */
  botLogin?: string;
  /** Repositories whose label list is cached at most; default {@link MAX_CACHED_REPOS}. */
  maxCachedRepos?: number;
}

/** The one implementation of the label rules, shared by the front's generic path and the worker. */
export function createIssueLabeler(options: IssueLabelerOptions): IssueLabeler {
  const { client, logger } = options;
  const dryRun = options.dryRun || !client;
  const clock = options.clock ?? Date.now;
  const ttlMs = options.configTtlMs;
  const getRepoConfig = createRepoConfigReader({
    client,
    logger,
    clock,
    ...(options.registry ? { registry: options.registry } : {}),
    ...(ttlMs === undefined ? {} : { ttlMs }),
  });
  // Bounded like the config cache: a front or worker process serves every repository the App is installed on.
  const repoLabelCache = new Map<string, { labels: Map<string, string>; expiresAt: number }>();
  const maxCachedRepos = options.maxCachedRepos ?? MAX_CACHED_REPOS;
  const outcomes = options.registry
    ? getCounter(
        options.registry,
        'labelbot_labeler_labels_total',
        'Label decisions by path and result (applied or the skip reason)',
        ['path', 'result', 'dry_run'],
      )
    : null;
  const comments = options.registry
    ? getCounter(options.registry, 'labelbot_labeler_comments_total', 'Bot comments posted, by path', [
        'path',
        'dry_run',
      ])
    : null;
  const botLogin = async () => options.botLogin ?? (client ? client.botLogin() : 'labelbot[bot]');

  const repoLabels = async (
    octokit: Awaited<ReturnType<GitHubClient['installation']>>,
    request: LabelRequest,
    headers: Record<string, string>,
  ) => {
    const key = `${request.issue.owner}/${request.issue.repo}`.toLowerCase();
    const cached = repoLabelCache.get(key);
    if (cached && cached.expiresAt > clock()) return cached.labels;
    const labels = await readRepoLabels(octokit, request.issue, headers);
    if (repoLabelCache.size >= maxCachedRepos && !repoLabelCache.has(key))
      repoLabelCache.delete(repoLabelCache.keys().next().value as string);
    repoLabelCache.set(key, { labels, expiresAt: clock() + (ttlMs ?? DEFAULT_CONFIG_TTL_MS) });
    return labels;
  };

  // Two deliveries about one issue (an `edited` racing its `opened`) read and write it one after the other.
  const perIssue = createKeySerialiser();

  const labelIssue = async (request: LabelRequest): Promise<LabelOutcome> => {
    const { issue, config } = request;
    const log = logger.child({
      deliveryId: request.deliveryId,
      repo: `${issue.owner}/${issue.repo}`,
      issue: issue.issueNumber,
      path: request.path,
      model: `${request.model.name}@${request.model.version}`,
    });
    const headers = { 'x-github-delivery': request.deliveryId };
    const octokit = client && config.enabled ? await client.installation(issue.installationId) : null;
    const bot = await botLogin();
    // A just-opened issue without labels has no history yet: one request fewer per delivery (see the rule's file).
    const fresh = isFreshUnlabelledIssue(request, clock());
    const history = octokit && !fresh ? await readLabelHistory(octokit, issue, headers) : labelHistoryOf([]);
    const known = octokit && request.labels.length > 0 ? await repoLabels(octokit, request, headers) : null;
    // Read last, right before writing: what another delivery or a person did since the event counts. Not for
    // the `opened` event of a fresh issue handled as it arrives (the common case, one request fewer): the
    // deliveries that race it (`edited`) come later and re-read, and in this process they wait for it.
    const reread = !fresh || request.queued === true;
    const current =
      octokit && request.labels.length > 0 && reread ? await readIssueLabels(octokit, issue, headers) : null;
    const decision = decideLabels({
      labels: request.labels,
      config,
      present: current ? new Set(current.map((l) => l.toLowerCase())) : history.present(request.currentLabels),
      classifiedMeanwhile: wasClassifiedMeanwhile({
        classes: request.singleClass,
        labelAlias: config.labelAlias,
        eventLabels: request.currentLabels,
        currentLabels: current ?? [],
      }),
      removedByOthers: history.removedByOthers(bot),
      repoLabels: known,
    });
    const earlier = [...history.appliedByBot(bot)];
    let commented = false;
    if (octokit && !dryRun) {
      request.signal?.throwIfAborted();
      for (const name of decision.create) {
        await createRepoLabel(octokit, issue, name, headers, request.signal);
        known?.set(name.toLowerCase(), name);
      }
      if (decision.apply.length > 0) {
        await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', {
          owner: issue.owner,
          repo: issue.repo,
          issue_number: issue.issueNumber,
          labels: decision.apply,
          headers,
          request: { stopWrites: request.signal },
        });
      }
    }
    // The comment follows the bot's labels, earlier ones included, so a redelivery after a failed comment still posts it once.
    const botLabels = [...decision.apply, ...earlier.filter((l) => !decision.apply.some((a) => a.toLowerCase() === l))];
    if (config.enabled && config.comment && botLabels.length > 0) {
      const body = formatLabelComment(
        botLabels.map((label) => ({ label, score: request.scores[decision.predictedAs.get(label) ?? label] })),
      );
      if (octokit && !dryRun) {
        request.signal?.throwIfAborted();
        commented = await ensureLabelComment(octokit, issue, bot, body, headers, request.signal);
      } else commented = !(octokit && (await hasLabelComment(octokit, issue, bot, headers)));
      if (commented) comments?.inc({ path: request.path, dry_run: String(dryRun) });
    }
    const outcome: LabelOutcome = { applied: decision.apply, skipped: decision.skipped, commented, dryRun };
    if (outcome.applied.length > 0)
      outcomes?.inc({ path: request.path, result: 'applied', dry_run: String(dryRun) }, outcome.applied.length);
    for (const { reason } of outcome.skipped)
      outcomes?.inc({ path: request.path, result: reason, dry_run: String(dryRun) });
    log.info(
      {
        modelVersion: request.model.version,
        scores: request.scores,
        predicted: request.labels,
        applied: outcome.applied,
        skipped: outcome.skipped,
        commented,
        dryRun,
      },
      dryRun ? 'label decision (dry run: nothing written)' : 'label decision',
    );
    return outcome;
  };

  return {
    getRepoConfig,
    labelIssue: (request) =>
      perIssue.run(`${request.issue.owner}/${request.issue.repo}#${request.issue.issueNumber}`.toLowerCase(), () =>
        labelIssue(request),
      ),
  };
}
