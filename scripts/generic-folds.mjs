// The splits of nlbse24-train that the generic model's checks share (scripts/cv-generic.mjs,
// scripts/fasttext-baseline.mjs): the held-out 20 % that `npm run train:generic` sets aside
// (stratified by repo and label, seed 1), and 5 folds of the rest, dealt round-robin within each stratum.
import { stratifiedSplit } from '@labelbot/model';

export const stratum = (issue) => `${issue.repo}|${issue.gold.join(',')}`;

/** `{ heldOut, rest }`: the same outer split as train:generic. */
export function heldOutSplit(issues) {
  const { part, rest } = stratifiedSplit(issues, stratum, 0.2, 1);
  return { heldOut: part, rest };
}

/** Fold number (0–4) of each issue of `rest`; `foldSeed` shuffles before dealing (another partition). */
export function assignFolds(rest, foldSeed) {
  const ordered = foldSeed ? shuffled(rest, foldSeed) : rest;
  const fold = new Map();
  const seen = new Map();
  for (const issue of ordered) {
    const k = seen.get(stratum(issue)) ?? 0;
    seen.set(stratum(issue), k + 1);
    fold.set(issue, k % 5);
  }
  return fold;
}

/** A seeded Fisher-Yates shuffle (mulberry32). */
function shuffled(items, foldSeed) {
  let state = Math.imul(foldSeed, 2654435761) >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
