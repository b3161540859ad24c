/** Share of issues whose predicted label set equals the gold set (both restricted to `labels`). */
export function labelSetAccuracy(labels: readonly string[], gold: string[][], predicted: string[][]): number {
  if (gold.length === 0) return 0;
  const known = new Set(labels);
  const key = (set: string[]) => [...new Set(set.filter((l) => known.has(l)))].sort().join('\n');
  let same = 0;
  gold.forEach((g, i) => {
    if (key(g) === key(predicted[i] ?? [])) same += 1;
  });
  return same / gold.length;
}
