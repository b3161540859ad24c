/** The org-wide model lives under `{owner}/_org/`, beside the repositories' models. */
export const ORG_MODEL = '_org';

/** Whose model: a repository (`repo` = its name) or an org (`repo` = ORG_MODEL). */
export interface ModelTarget {
  owner: string;
  repo: string;
}

const SEGMENT = /^[A-Za-z0-9_.-]+$/;

/** Whether `segment` can name an owner, repository or version in a store path (no `/`, spaces, `.` or `..`). */
export function isPathSegment(segment: string): boolean {
  return SEGMENT.test(segment) && segment !== '.' && segment !== '..';
}

function checked(segment: string, what: string): string {
  if (!isPathSegment(segment)) {
    throw new Error(`invalid ${what} '${segment}' in a model store path`);
  }
  return segment;
}

/**
 * `{owner}/{repo}/`, lower-cased: GitHub names are case-insensitive, so `PowerShell/PowerShell` in an event and
 * `powershell/powershell` in a publish command must name the same models (as they do in forwarded_repo.yaml).
 */
export function targetPrefix(target: ModelTarget): string {
  return `${checked(target.owner, 'owner')}/${checked(target.repo, 'repository')}/`.toLowerCase();
}

/** `{owner}/{repo}/LATEST` */
export function latestPath(target: ModelTarget): string {
  return `${targetPrefix(target)}LATEST`;
}

/** `{owner}/{repo}/PREVIOUS`: the version `LATEST` named before its last move (a fallback for new processes). */
export function previousPath(target: ModelTarget): string {
  return `${targetPrefix(target)}PREVIOUS`;
}

/** `{owner}/{repo}/{version}/{file}` */
export function bundlePath(target: ModelTarget, version: string, file: 'model.onnx' | 'manifest.json'): string {
  return `${targetPrefix(target)}${checked(version, 'version')}/${file}`;
}

/** `owner/repo` or `owner/_org`, the key metrics and logs use. */
export function targetName(target: ModelTarget): string {
  return `${target.owner}/${target.repo}`;
}
