import { createRandom, shuffleInPlace } from './create-random.js';

/**
 * Splits items so each group (e.g. `repo|label`) contributes `fraction` of its members to `part`
 * (rounded, at least one when the group has two or more). Seeded: same input, same split.
 */
export function stratifiedSplit<T>(
  items: T[],
  groupOf: (item: T) => string,
  fraction: number,
  seed: number,
): { rest: T[]; part: T[] } {
  const groups = new Map<string, number[]>();
  items.forEach((item, i) => {
    const key = groupOf(item);
    const members = groups.get(key);
    if (members) members.push(i);
    else groups.set(key, [i]);
  });
  const random = createRandom(seed);
  const inPart = new Set<number>();
  for (const key of [...groups.keys()].sort()) {
    const members = shuffleInPlace(groups.get(key) as number[], random);
    const take = fraction <= 0 ? 0 : members.length < 2 ? 0 : Math.max(1, Math.round(members.length * fraction));
    for (const i of members.slice(0, take)) inPart.add(i);
  }
  return { rest: items.filter((_, i) => !inPart.has(i)), part: items.filter((_, i) => inPart.has(i)) };
}
