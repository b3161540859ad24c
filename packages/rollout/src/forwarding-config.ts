/** The parsed `forwarded_repo.yaml`: probabilities keyed by the names as written in the file. */
export interface ForwardingConfig {
  /** Organisation login → probability that its issues take the forwarded path. */
  readonly orgs: Readonly<Record<string, number>>;
  /** `owner/name` → probability; beats the owner's `orgs` entry. */
  readonly repos: Readonly<Record<string, number>>;
}

/** The configuration in force when there is no file: every issue takes the generic path. */
export function emptyForwardingConfig(): ForwardingConfig {
  return { orgs: {}, repos: {} };
}
