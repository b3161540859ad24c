/** The featurizer's name and version, recorded in every manifest and checked on every load. */
export const FEATURIZER_NAME = 'labelbot-hashed-ngrams';
export const FEATURIZER_VERSION = 1;

/** Parameters of the featurizer; the manifest stores them so serving featurizes as training did. */
export interface FeaturizerParams {
  /** Size of the hashed id space (ids are `fnv1a32(token) % buckets`). */
  buckets: number;
  /** Characters of the title / body read; the rest is ignored (bounds time and memory per issue). */
  maxTitleChars: number;
  maxBodyChars: number;
  /** Word bigrams on top of unigrams. */
  wordBigrams: boolean;
  /** Character n-gram lengths over `<word>` (fastText subwords); `[0, 0]` turns them off. */
  charNgrams: [number, number];
  /** Weight of one character n-gram relative to one word. */
  charNgramWeight: number;
  /** Weight of title features relative to body features. */
  titleWeight: number;
}

/** The one place for the featurizer's defaults. */
export const DEFAULT_FEATURIZER_PARAMS: FeaturizerParams = {
  buckets: 1 << 16,
  maxTitleChars: 1024,
  maxBodyChars: 4096,
  wordBigrams: true,
  charNgrams: [3, 5],
  charNgramWeight: 0.25,
  titleWeight: 2,
};
