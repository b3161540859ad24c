import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './render-variant.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test' || name === 'dist' ? [] : sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * Every `labelbot_…` metric name written as a string literal in the apps' and packages' sources,
 * with the label names declared right after it (`labelNames: [...]` or a positional array).
 */
export function exportedMetrics(): Map<string, Set<string>> {
  const metrics = new Map<string, Set<string>>();
  for (const top of ['apps', 'packages']) {
    for (const pkg of readdirSync(join(repoRoot, top))) {
      const src = join(repoRoot, top, pkg, 'src');
      if (!statSync(join(repoRoot, top, pkg)).isDirectory()) continue;
      let files: string[] = [];
      try {
        files = sourceFiles(src);
      } catch {
        continue;
      }
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        for (const match of text.matchAll(/['"`](labelbot_[a-z0-9_]+)['"`]/g)) {
          const after = text.slice(match.index + match[0].length, match.index + match[0].length + 400);
          const ownDeclaration = after.split(/name:\s*'labelbot_/)[0] ?? '';
          const list = /^[^[]*?\[((?:\s*'[a-z_]+',?)*\s*)\]/.exec(ownDeclaration);
          const labels = metrics.get(match[1]!) ?? new Set<string>();
          for (const [, label] of (list?.[1] ?? '').matchAll(/'([a-z_]+)'/g)) labels.add(label!);
          metrics.set(match[1]!, labels);
        }
      }
    }
  }
  return metrics;
}

/**
 * The metric names a PromQL expression reads: plain `labelbot_…` names, and each alternative of a
 * `{__name__=~"labelbot_(a|b)_x"}` matcher (as a group: one of them must exist). Histogram series
 * suffixes are mapped to the histogram's name.
 */
export function metricNamesIn(expr: string): string[][] {
  const groups: string[][] = [];
  const regexMatchers = [...expr.matchAll(/__name__=~"([^"]+)"/g)];
  for (const [, pattern] of regexMatchers) {
    const alternation = /^(.*)\(([^)]+)\)(.*)$/.exec(pattern!);
    groups.push(
      alternation ? alternation[2]!.split('|').map((a) => `${alternation[1]}${a}${alternation[3]}`) : [pattern!],
    );
  }
  const plain = expr.replace(/__name__=~"[^"]+"/g, '');
  for (const [name] of plain.matchAll(/\blabelbot_[a-z0-9_]+/g))
    groups.push([name.replace(/_(bucket|sum|count)$/, '')]);
  return groups;
}
