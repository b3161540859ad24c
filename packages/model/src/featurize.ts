import { FeatureAccumulator } from './feature-accumulator.js';
import type { FeaturizerParams } from './featurizer-params.js';
import { FieldWords } from './field-words.js';
import { hashToken } from './hash-token.js';
import { tokenizeMarkdown } from './tokenize-markdown.js';
import type { IssueText } from './types.js';
import { afterSpace, BODY, gramHashes, hashFrom, TITLE } from './word-features.js';

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
  if (acc.count === 0) acc.add(EMPTY, 1);

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

const EMPTY = hashToken('#empty');

let shared: FeatureAccumulator | undefined;
function accumulatorFor(buckets: number): FeatureAccumulator {
  if (shared?.buckets !== buckets) shared = new FeatureAccumulator(buckets);
  return shared;
}

// Reused across calls (featurizing is synchronous): no allocation per word.
const fieldWords = new FieldWords();

function addField(
  tokens: string[],
  ns: number,
  fieldWeight: number,
  params: FeaturizerParams,
  acc: FeatureAccumulator,
): void {
  fieldWords.reset(tokens.length);
  let previous = 0;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t] as string;
    const unigram = hashFrom(token, ns);
    acc.add(unigram, fieldWeight);
    if (params.wordBigrams && t > 0) acc.add(hashFrom(token, afterSpace(previous)), fieldWeight);
    previous = unigram;
    if (token.charCodeAt(0) !== 35 /* # */) fieldWords.add(token, unigram);
  }
  const [minN, maxN] = params.charNgrams;
  if (minN <= 0) return;
  const { words, counts } = fieldWords;
  for (let w = 0; w < words.length; w++) {
    const weight = (counts[w] as number) * fieldWeight * params.charNgramWeight;
    const { hashes, count } = gramHashes(words[w] as string, minN, maxN);
    for (let i = 0; i < count; i++) acc.add(hashes[i] as number, weight);
  }
}
