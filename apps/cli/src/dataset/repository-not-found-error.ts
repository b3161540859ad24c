/** GitHub says the repository does not exist (or the credentials cannot see it): no retry or fallback helps. */
export class RepositoryNotFoundError extends Error {
  override name = 'RepositoryNotFoundError';
  constructor(repo: string) {
    super(`${repo}: repository not found, or not visible with these credentials`);
  }
}
