/** `owner/name#number`, lower-cased: the key of an issue in the front's memories. */
export function issueKey(owner: string, repo: string, number: number): string {
  return `${owner}/${repo}#${number}`.toLowerCase();
}
