/** Fault injection: the next N calls to a route answer like GitHub does when something is wrong. */

export type StandInFault = 500 | 502 | 429 | 'secondary-rate-limit' | 404 | 'network' | 'hang';

export interface FaultRule {
  /** Octokit route notation, e.g. `POST /repos/{owner}/{repo}/issues/{issue_number}/labels`, or `*`. */
  route: string;
  fault: StandInFault;
  /** How many matching calls fail; then the route behaves normally again. Default 1. */
  times?: number;
  /** Seconds in `retry-after` (secondary limit) or until `x-ratelimit-reset` (429). Default 1. */
  retryAfterSeconds?: number;
  /** The call takes effect first and only its answer is the fault (GitHub's edge failing after the write). */
  afterHandling?: boolean;
}

export interface FaultReply {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
  text?: string;
  /** Drop the connection without an answer. */
  destroy?: boolean;
  /** Keep the connection open and never answer (a hung GitHub). */
  hang?: boolean;
  /** Run the route first, then send this reply instead of its answer. */
  afterHandling?: boolean;
}

export class FaultBook {
  private readonly rules: (FaultRule & { left: number })[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, left: rule.times ?? 1 });
  }

  /** Consumes one matching rule, if any, and returns the reply it prescribes. */
  take(routeName: string, nowMs: number): FaultReply | null {
    const rule = this.rules.find((r) => r.left > 0 && (r.route === '*' || r.route === routeName));
    if (!rule) return null;
    rule.left--;
    const reply = this.replyFor(rule, nowMs);
    return rule.afterHandling ? { ...reply, afterHandling: true } : reply;
  }

  private replyFor(rule: FaultRule, nowMs: number): FaultReply {
    const after = rule.retryAfterSeconds ?? 1;
    switch (rule.fault) {
      case 500:
        return { status: 500, headers: {}, body: { message: 'Server Error' } };
      case 502:
        return {
          status: 502,
          headers: { 'content-type': 'text/html' },
          text: '<html><body><h1>502 Bad Gateway</h1></body></html>',
        };
      case 429:
        return {
          status: 429,
          headers: {
            'retry-after': String(after),
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(Math.ceil(nowMs / 1000) + after),
          },
          body: {
            message: 'API rate limit exceeded for installation.',
            documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
          },
        };
      case 'secondary-rate-limit':
        return {
          status: 403,
          headers: { 'retry-after': String(after) },
          body: {
            message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            documentation_url:
              'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
          },
        };
      case 404:
        return {
          status: 404,
          headers: {},
          body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
        };
      case 'network':
        return { status: 0, headers: {}, destroy: true };
      case 'hang':
        return { status: 0, headers: {}, hang: true };
    }
  }

  clear(): void {
    this.rules.length = 0;
  }
}
