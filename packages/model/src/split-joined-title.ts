import type { DatasetIssue } from './read-dataset.js';

/**
 * Some datasets joined each issue's title and body into the body and left the title empty
 * (ticket-tagger's). Read such an issue's first `words` words as its title and the rest of the
 * body, formatting kept, as its body, so its words train the title features a real issue's title
 * uses. An issue with a title, or `words` <= 0, is returned unchanged.
 */
export function splitJoinedTitle(issue: DatasetIssue, words: number): DatasetIssue {
  if (!(words > 0) || issue.title.trim() !== '') return issue;
  const head = new RegExp(`^\\s*(?:\\S+\\s+){0,${Math.floor(words) - 1}}\\S+`).exec(issue.body);
  if (!head) return issue;
  return { ...issue, title: head[0].trim().replace(/\s+/g, ' '), body: issue.body.slice(head[0].length).trimStart() };
}
