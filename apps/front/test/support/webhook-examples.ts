import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// biome-ignore lint/suspicious/noExplicitAny: tests patch real payloads field by field
export type Payload = Record<string, any>;
const examples = require('@octokit/webhooks-examples') as { name: string; examples: Record<string, unknown>[] }[];

/** A deep copy of a real payload from @octokit/webhooks-examples (first of its event and action). */
export function exampleOf(event: string, action?: string): Payload {
  const group = examples.find((entry) => entry.name === event);
  const found = group?.examples.find((example) => action === undefined || example.action === action);
  if (!found) throw new Error(`no ${event}${action ? `.${action}` : ''} example in @octokit/webhooks-examples`);
  return structuredClone(found) as Payload;
}

export interface IssueAt {
  owner: string;
  repo: string;
  number: number;
  installationId: number;
  title?: string;
  body?: string;
  labels?: string[];
  private?: boolean;
  sender?: { login: string; type: 'User' | 'Bot' };
}

/** A real `issues.<action>` example moved onto a repository and issue the GitHub stand-in knows. */
export function issuesPayload(action: string, at: IssueAt): Payload {
  const payload = exampleOf('issues', action);
  payload.repository.name = at.repo;
  payload.repository.full_name = `${at.owner}/${at.repo}`;
  payload.repository.owner.login = at.owner;
  payload.repository.private = at.private ?? false;
  payload.issue.number = at.number;
  if (at.title !== undefined) payload.issue.title = at.title;
  if (at.body !== undefined) payload.issue.body = at.body;
  payload.issue.labels = (at.labels ?? []).map((name, id) => ({ id, name, color: 'ededed', default: false }));
  payload.installation = { id: at.installationId, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u' };
  if (at.sender) payload.sender = { ...payload.sender, ...at.sender };
  return payload;
}
