import { commentJson, eventJson, issueJson, timelineJson } from './github-stand-in-json.js';
import { HttpFailure, type Route, type RouteEnv, type RouteKit } from './github-stand-in-route-kit.js';

/** Issue, issue label, event, timeline and comment routes. */
export function issueRoutes(env: RouteEnv, kit: RouteKit): Route[] {
  const { state, writes, base, repoOf, issueOf, paginate, stringList, issuePath, route } = kit;
  return [
    route('GET /repos/{owner}/{repo}/issues', (req) => {
      const repo = repoOf(req);
      return paginate(
        [...repo.issues.values()].map((i) => issueJson(base(), repo, i)),
        req,
        `/repos/${repo.owner}/${repo.name}/issues`,
      );
    }),
    route('GET /repos/{owner}/{repo}/issues/{issue_number}', (req) => {
      const repo = repoOf(req);
      return { status: 200, body: issueJson(base(), repo, issueOf(repo, req)) };
    }),
    route('GET /repos/{owner}/{repo}/issues/{issue_number}/labels', (req) => {
      const repo = repoOf(req);
      const issue = issueOf(repo, req);
      return paginate(issueJson(base(), repo, issue).labels, req, `${issuePath(repo, issue)}/labels`);
    }),
    route('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', (req) => {
      const repo = repoOf(req, true);
      const issue = issueOf(repo, req);
      const labels = stringList(req.body);
      const created: string[] = [];
      for (const name of labels) {
        // Like GitHub: a label the repository lacks is created on the fly (labelbot must not rely on this).
        let label = repo.labels.get(name.toLowerCase());
        if (!label) {
          label = state.createLabel(repo, name);
          created.push(name);
        }
        if (issue.labels.some((l) => l.toLowerCase() === label.name.toLowerCase())) continue;
        issue.labels.push(label.name);
        state.appendEvent(repo, issue, 'labeled', label.name, state.bot(), true);
      }
      writes.push({
        kind: 'labels-added',
        repo: `${repo.owner}/${repo.name}`,
        issueNumber: issue.number,
        labels,
        created,
        deliveryId: req.deliveryId,
      });
      return { status: 200, body: issueJson(base(), repo, issue).labels };
    }),
    route('GET /repos/{owner}/{repo}/issues/{issue_number}/events', (req) => {
      const repo = repoOf(req);
      const issue = issueOf(repo, req);
      const events = issue.events
        .filter((e) => e.event !== 'commented')
        .map((e) => eventJson(base(), e, env.appId, env.slug));
      return paginate(events, req, `${issuePath(repo, issue)}/events`);
    }),
    route('GET /repos/{owner}/{repo}/issues/{issue_number}/timeline', (req) => {
      const repo = repoOf(req);
      const issue = issueOf(repo, req);
      const items = issue.events.map((e) => timelineJson(base(), repo, issue, e, env.appId, env.slug));
      return paginate(items, req, `${issuePath(repo, issue)}/timeline`);
    }),
    route('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', (req) => {
      const repo = repoOf(req);
      const issue = issueOf(repo, req);
      return paginate(
        issue.comments.map((c) => commentJson(base(), repo, c)),
        req,
        `${issuePath(repo, issue)}/comments`,
      );
    }),
    route('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', (req) => {
      const repo = repoOf(req, true);
      const issue = issueOf(repo, req);
      const body = (req.body as { body?: unknown } | null)?.body;
      if (typeof body !== 'string' || !body)
        throw new HttpFailure(422, 'Validation Failed', {
          errors: [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }],
        });
      const comment = state.addComment(issue, body, state.bot());
      writes.push({
        kind: 'comment',
        repo: `${repo.owner}/${repo.name}`,
        issueNumber: issue.number,
        body,
        deliveryId: req.deliveryId,
      });
      return { status: 201, body: commentJson(base(), repo, comment) };
    }),
  ];
}
