import type { DatasetIssue } from '@labelbot/model';

const WORDS = {
  ui: ['button', 'layout', 'css', 'render', 'dialog', 'theme', 'click', 'scroll'],
  bug: ['crash', 'error', 'exception', 'broken', 'fails', 'stacktrace', 'regression', 'panic'],
  other: ['the', 'when', 'please', 'version', 'using', 'project', 'docs', 'support', 'maybe', 'with'],
};

/** Seeded synthetic issues of `acme/widgets`: `area/ui` and `kind/bug` follow their words; `stale` and `triaged` are noise. */
export function syntheticIssues(count: number): (DatasetIssue & { created_at: string })[] {
  let state = 7;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pick = (list: string[], n: number) =>
    Array.from({ length: n }, () => list[Math.floor(next() * list.length)]).join(' ');
  return Array.from({ length: count }, (_, i) => {
    const ui = next() < 0.4;
    const bug = next() < 0.4;
    const text = [ui ? pick(WORDS.ui, 3) : '', bug ? pick(WORDS.bug, 3) : '', pick(WORDS.other, 8)].join(' ');
    const labels = [
      ...(ui ? ['area/ui'] : []),
      ...(bug ? ['kind/bug'] : []),
      ...(i % 9 === 0 ? ['stale'] : []),
      'triaged',
    ];
    const created_at = new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString().replace('.000Z', 'Z');
    return { repo: 'acme/widgets', number: i + 1, title: text.slice(0, 40), body: text, labels, created_at };
  });
}
