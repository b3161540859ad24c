import { FeatureAccumulator } from './feature-accumulator.js';
import type { FeaturizerParams } from './featurizer-params.js';
import { hashToken } from './hash-token.js';
import { tokenizeMarkdown } from './tokenize-markdown.js';
import type { IssueText } from './types.js';

/** An issue as a sparse bag of hashed feature ids with weights (L2-normalised). */
export interface Features {
  ids: Int32Array;
  weights: Float32Array;
}

/**
 * Featurizes an issue: title and body tokens in separate namespaces (`t`, `b`), word unigrams and
 * bigrams, character n-grams of words (shared namespace `c`). Each feature's weight is
 * `(1 + ln count) * fieldWeight`, then the vector is scaled to unit length.
 * Never throws on odd text (empty, huge, emoji, lone surrogates, control characters).
 */
export function featurize(issue: IssueText, params: FeaturizerParams): Features {
  const acc = accumulatorFor(params.buckets);
  const title = typeof issue.title === 'string' ? issue.title : '';
  const body = typeof issue.body === 'string' ? issue.body : '';
  addField(tokenizeMarkdown(title, params.maxTitleChars), TITLE, params.titleWeight, params, acc);
  addField(tokenizeMarkdown(body, params.maxBodyChars), BODY, 1, params, acc);
  if (acc.count === 0) acc.add(hashToken('#empty'), 1);

  const { ids, sums } = acc.drain();
  const weights = new Float32Array(ids.length);
  let norm = 0;
  for (let i = 0; i < sums.length; i++) {
    const count = sums[i] as number;
    const w = count > 1 ? 1 + Math.log(count) : count;
    sums[i] = w;
    norm += w * w;
  }
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < weights.length; i++) weights[i] = (sums[i] as number) * scale;
  return { ids, weights };
}

let shared: FeatureAccumulator | undefined;
function accumulatorFor(buckets: number): FeatureAccumulator {
  if (shared?.buckets !== buckets) shared = new FeatureAccumulator(buckets);
  return shared;
}

/** Character n-gram hashes per word, per n-gram range: the vocabulary repeats, so most words are hashed once. */
const gramCaches = new Map<string, Map<string, Uint32Array>>();
const GRAM_CACHE_LIMIT = 200_000;

function gramCacheFor(minN: number, maxN: number): Map<string, Uint32Array> {
  const range = `${minN},${maxN}`;
  let cache = gramCaches.get(range);
  if (!cache) {
    cache = new Map();
    gramCaches.set(range, cache);
  }
  return cache;
}

function charGramHashes(cache: Map<string, Uint32Array>, word: string, minN: number, maxN: number): Uint32Array {
  const cached = cache.get(word);
  if (cached) return cached;
  const padded = `<${word}>`;
  const out: number[] = [];
  for (let n = minN; n <= maxN; n++) {
    for (let start = 0; start + n <= padded.length; start++) out.push(hashToken(padded, CHARS, start, start + n));
  }
  const hashes = Uint32Array.from(out);
  if (cache.size >= GRAM_CACHE_LIMIT) cache.clear();
  cache.set(word, hashes);
  return hashes;
}

// Namespace prefixes, hashed once: a feature is hash(`${ns} ${token}`), hash(`${ns} ${a} ${b}`), hash(`c ${gram}`).
const TITLE = hashToken('t ');
const BODY = hashToken('b ');
const CHARS = hashToken('c ');
const SPACE = ' ';

// Reused across calls (featurizing is synchronous): no Map allocated per issue.
const wordCounts = new Map<string, number>();

function addField(
  tokens: string[],
  ns: number,
  fieldWeight: number,
  params: FeaturizerParams,
  acc: FeatureAccumulator,
): void {
  wordCounts.clear();
  let previous = -1;
  for (const token of tokens) {
    const unigram = hashToken(token, ns);
    acc.add(unigram, fieldWeight);
    if (params.wordBigrams && previous >= 0) acc.add(hashToken(token, hashToken(SPACE, previous)), fieldWeight);
    previous = unigram;
    if (token.charCodeAt(0) !== 35 /* # */) wordCounts.set(token, (wordCounts.get(token) ?? 0) + 1);
  }
  const [minN, maxN] = params.charNgrams;
  if (minN <= 0) return;
  const cache = gramCacheFor(minN, maxN);
  for (const [word, count] of wordCounts) {
    const weight = count * fieldWeight * params.charNgramWeight;
    const hashes = charGramHashes(cache, word, minN, maxN);
    for (let i = 0; i < hashes.length; i++) acc.add(hashes[i] as number, weight);
  }
}
