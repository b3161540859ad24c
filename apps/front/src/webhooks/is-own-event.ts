import type { IssuesPayload } from './issues-payload-schema.js';

/** True when the App itself caused the event (its label writes come back as `issues.labeled` etc.). */
export function isOwnEvent(payload: IssuesPayload, app: { botLogin: string; appId: number | null }): boolean {
  if (payload.sender.type !== 'Bot') return false;
  if (payload.sender.login.toLowerCase() === app.botLogin.toLowerCase()) return true;
  return app.appId !== null && payload.issue.performed_via_github_app?.id === app.appId;
}
