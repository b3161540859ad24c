/** A `forwarded_repo.yaml` that cannot be used; `problems` names each offending key. */
export class ForwardingConfigError extends Error {
  override readonly name = 'ForwardingConfigError';

  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source}: ${problems.join('; ')}`);
  }
}
