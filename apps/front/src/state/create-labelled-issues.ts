import { LRUCache } from 'lru-cache';

/** Recent issues this process labelled and with what (gates `issues.edited`, spots human removals). */
export interface LabelledIssues {
  record(key: string, labels: readonly string[]): void;
  has(key: string): boolean;
  hasLabel(key: string, label: string): boolean;
}

export function createLabelledIssues(max: number): LabelledIssues {
  const issues = new LRUCache<string, Set<string>>({ max });
  return {
    record(key, labels) {
      const known = issues.get(key) ?? new Set<string>();
      for (const label of labels) known.add(label.toLowerCase());
      issues.set(key, known);
    },
    has: (key) => issues.has(key),
    hasLabel: (key, label) => issues.get(key)?.has(label.toLowerCase()) ?? false,
  };
}
