/** A GraphQL request failed for a reason other than a rate limit (so REST may still work, and a retry may too). */
export class GraphqlFailedError extends Error {
  override name = 'GraphqlFailedError';
}
