import { type Static, Type } from 'typebox';

/**
 * A GitHub login: letters, digits and inner hyphens, at most 39 characters. Older accounts may
 * hold consecutive hyphens, so those are accepted.
 */
export const ORG_NAME_PATTERN = '^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$';

/** `owner/name`: a login, a slash, and a repository name of letters, digits, `.`, `_`, `-` (not `.` or `..`). */
export const REPO_NAME_PATTERN = '^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?/(?!\\.{1,2}$)[A-Za-z0-9._-]{1,100}$';

const Probability = Type.Number({ minimum: 0, maximum: 1 });

/** The schema of `forwarded_repo.yaml` once empty sections (`orgs:` with no entries) are read as `{}`. */
export const ForwardingFileSchema = Type.Object(
  {
    orgs: Type.Optional(Type.Record(Type.String(), Probability, { propertyNames: { pattern: ORG_NAME_PATTERN } })),
    repos: Type.Optional(Type.Record(Type.String(), Probability, { propertyNames: { pattern: REPO_NAME_PATTERN } })),
  },
  { additionalProperties: false },
);

export type ForwardingFile = Static<typeof ForwardingFileSchema>;
