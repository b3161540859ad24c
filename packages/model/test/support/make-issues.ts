import type { DatasetIssue } from '../../src/index.js';

const TEMPLATES: Record<string, { titles: string[]; bodies: string[] }> = {
  bug: {
    titles: ['Crash when opening {x}', '{x} throws an error on save', 'Regression: {x} fails after upgrade'],
    bodies: [
      '### Steps to reproduce\n1. open {x}\n2. click save\n\n```\nError: cannot read {x}\n    at save (src/app.js:10:5)\n```',
      'Since version 1.2.3 the {x} panel crashes with an exception. Expected it to work.',
    ],
  },
  feature: {
    titles: ['Add support for {x}', 'Feature request: {x} export', 'Allow configuring {x}'],
    bodies: [
      '### Proposal\nIt would be nice to have {x}. This would let users customise the workflow.',
      'Please add an option for {x}; many tools offer it and it would improve usability.',
    ],
  },
  question: {
    titles: ['How do I use {x}?', 'Question about {x}', 'Is it possible to configure {x}?'],
    bodies: [
      'I am trying to understand how {x} works. Can someone explain? Thanks!',
      'What is the recommended way to set up {x}? I could not find it in the docs.',
    ],
  },
};
const NOUNS = ['the editor', 'plugins', 'dark mode', 'the cache', 'tabs', 'markdown', 'proxies', 'themes', 'logging'];

/** Deterministic synthetic issues (written for the tests; no dataset text): `perLabel` of each label per repo. */
export function makeIssues(perLabel: number, repos = ['acme/app', 'acme/lib']): DatasetIssue[] {
  const issues: DatasetIssue[] = [];
  let number = 1;
  for (const repo of repos) {
    for (const [label, { titles, bodies }] of Object.entries(TEMPLATES)) {
      for (let i = 0; i < perLabel; i++) {
        const x = NOUNS[(i * 7 + number) % NOUNS.length] as string;
        issues.push({
          repo,
          number: number++,
          title: (titles[i % titles.length] as string).replace('{x}', x),
          body: (bodies[(i >> 1) % bodies.length] as string).replaceAll('{x}', x),
          labels: [label === 'feature' && i % 3 === 0 ? 'enhancement' : label],
          created_at: `2024-01-${String((i % 28) + 1).padStart(2, '0')}T00:00:00Z`,
        });
      }
    }
  }
  return issues;
}

/** JSONL text of issues, one per line. */
export function toJsonl(issues: unknown[]): string {
  return issues.map((issue) => JSON.stringify(issue)).join('\n') + '\n';
}
