import { appJson, labelJson, repoJson } from './github-stand-in-json.js';
import { HttpFailure, notFound, type Route, type RouteEnv, type RouteKit } from './github-stand-in-route-kit.js';

/** App, installation, repository, contents and label routes. */
export function appAndRepoRoutes(env: RouteEnv, kit: RouteKit): Route[] {
  const { state, writes, base, repoOf, installationOf, installationJson, paginate, route } = kit;
  return [
    route('GET /app', () => ({ status: 200, body: appJson(env.appId, env.slug) })),
    route('GET /app/installations/{installation_id}', (req) => ({
      status: 200,
      body: installationJson(Number(req.params.installation_id)),
    })),
    route('POST /app/installations/{installation_id}/access_tokens', (req) => {
      const installation = installationOf(Number(req.params.installation_id));
      if (installation.suspended) throw new HttpFailure(403, 'This installation has been suspended');
      const token = env.issueToken(installation.id);
      const permissions = { issues: 'write', contents: 'read', metadata: 'read' };
      const body = {
        token: token.token,
        expires_at: new Date(token.expiresAtMs).toISOString(),
        permissions,
        repository_selection: 'selected',
      };
      return { status: 201, body };
    }),
    route('GET /repos/{owner}/{repo}/installation', (req) => ({
      status: 200,
      body: installationJson(repoOf(req).installationId),
    })),
    route('GET /installation/repositories', (req) => {
      const repos = [...state.repos.values()].filter((r) => r.installationId === req.installationId);
      const reply = paginate(
        repos.map((r) => repoJson(base(), r)),
        req,
        '/installation/repositories',
      );
      return { ...reply, body: { total_count: repos.length, repositories: reply.body } };
    }),
    route('GET /repos/{owner}/{repo}', (req) => ({ status: 200, body: repoJson(base(), repoOf(req)) })),
    route('GET /repos/{owner}/{repo}/contents/{path}', (req) => {
      const repo = repoOf(req);
      const ref = req.query.get('ref');
      if (ref && ref !== repo.defaultBranch) throw new HttpFailure(404, `No commit found for the ref ${ref}`);
      const text = repo.files.get(req.params.path ?? '');
      if (text === undefined) throw notFound();
      if (/vnd\.github(\.v3)?\.raw/.test(req.accept)) return { status: 200, text };
      const content = (
        Buffer.from(text)
          .toString('base64')
          .match(/.{1,60}/g) ?? []
      ).join('\n');
      const path = req.params.path ?? '';
      const body = {
        type: 'file',
        encoding: 'base64',
        size: Buffer.byteLength(text),
        name: path.split('/').pop(),
        path,
        content,
        sha: `sha-${text.length}`,
      };
      return { status: 200, body };
    }),
    route('GET /repos/{owner}/{repo}/labels', (req) => {
      const repo = repoOf(req);
      return paginate(
        [...repo.labels.values()].map((l) => labelJson(base(), repo, l)),
        req,
        `/repos/${repo.owner}/${repo.name}/labels`,
      );
    }),
    route('GET /repos/{owner}/{repo}/labels/{name}', (req) => {
      const repo = repoOf(req);
      const label = repo.labels.get((req.params.name ?? '').toLowerCase());
      if (!label) throw notFound();
      return { status: 200, body: labelJson(base(), repo, label) };
    }),
    route('POST /repos/{owner}/{repo}/labels', (req) => {
      const repo = repoOf(req, true);
      const {
        name,
        color = 'ededed',
        description = null,
      } = (req.body ?? {}) as { name?: unknown; color?: string; description?: string | null };
      if (typeof name !== 'string' || !name)
        throw new HttpFailure(422, 'Validation Failed', {
          errors: [{ resource: 'Label', code: 'missing_field', field: 'name' }],
        });
      if (repo.labels.has(name.toLowerCase()))
        throw new HttpFailure(422, 'Validation Failed', {
          errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
        });
      const label = state.createLabel(repo, name, color.replace(/^#/, ''), description);
      writes.push({
        kind: 'label-created',
        repo: `${repo.owner}/${repo.name}`,
        name,
        color: label.color,
        deliveryId: req.deliveryId,
      });
      return { status: 201, body: labelJson(base(), repo, label) };
    }),
  ];
}
