import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURIZER_PARAMS, type FeaturizerParams, featurize, hashToken } from '../src/index.js';
import { tokenizeMarkdown } from '../src/tokenize-markdown.js';

const params = DEFAULT_FEATURIZER_PARAMS;

function referenceFnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash >>> 0;
}

/** The featurizer as its documentation defines it, written plainly: strings built, hashed, summed in a Map. */
function referenceFeaturize(issue: { title: string; body: string }, p: FeaturizerParams) {
  const sums = new Map<number, number>();
  const add = (feature: string, weight: number) => {
    const id = referenceFnv1a(feature) % p.buckets;
    sums.set(id, (sums.get(id) ?? 0) + weight);
  };
  const field = (text: string, ns: string, maxChars: number, fieldWeight: number) => {
    const tokens = tokenizeMarkdown(text, maxChars);
    const counts = new Map<string, number>();
    tokens.forEach((token, i) => {
      add(`${ns} ${token}`, fieldWeight);
      if (p.wordBigrams && i > 0) add(`${ns} ${tokens[i - 1]} ${token}`, fieldWeight);
      if (!token.startsWith('#')) counts.set(token, (counts.get(token) ?? 0) + 1);
    });
    const [minN, maxN] = p.charNgrams;
    if (minN <= 0) return;
    for (const [word, count] of counts) {
      const padded = `<${word}>`;
      for (let n = minN; n <= maxN; n++) {
        for (let start = 0; start + n <= padded.length; start++) {
          add(`c ${padded.slice(start, start + n)}`, count * fieldWeight * p.charNgramWeight);
        }
      }
    }
  };
  field(issue.title, 't', p.maxTitleChars, p.titleWeight);
  field(issue.body, 'b', p.maxBodyChars, 1);
  if (sums.size === 0) add('#empty', 1);
  const logged = [...sums.values()].map((c) => (c > 1 ? 1 + Math.log(c) : c));
  const norm = Math.sqrt(logged.reduce((a, w) => a + w * w, 0));
  return { ids: [...sums.keys()], weights: Array.from(Float32Array.from(logged, (w) => w * (1 / norm))) };
}

function expectValid(features: { ids: Int32Array; weights: Float32Array }): void {
  expect(features.ids.length).toBeGreaterThan(0);
  expect(features.ids.length).toBe(features.weights.length);
  for (const id of features.ids) expect(id >= 0 && id < params.buckets).toBe(true);
  let norm = 0;
  for (const w of features.weights) {
    expect(Number.isFinite(w) && w > 0).toBe(true);
    norm += w * w;
  }
  expect(norm).toBeCloseTo(1, 5);
}

describe('hashToken', () => {
  it('is FNV-1a 32 over UTF-8, including the published test vectors', () => {
    expect(hashToken('')).toBe(0x811c9dc5);
    expect(hashToken('a')).toBe(0xe40c292c);
    expect(hashToken('foobar')).toBe(0xbf9cf968);
    for (const text of ['héllo', '日本語', 'emoji 😀', 'lone \ud800 high', 'lone \udc00 low', 'end \ud83d']) {
      expect(hashToken(text)).toBe(referenceFnv1a(text));
    }
  });

  it('continues from a state and hashes a range as if it were sliced', () => {
    expect(hashToken('bar', hashToken('foo'))).toBe(hashToken('foobar'));
    expect(hashToken('xx😀yy', undefined, 2, 3)).toBe(referenceFnv1a('xx😀yy'.slice(2, 3)));
  });
});

describe('tokenizeMarkdown', () => {
  it('turns markdown structure into special tokens', () => {
    const body = [
      '### Steps to reproduce',
      'See https://github.com/acme/app/issues/12 and ![shot](https://x.io/a.png)',
      '```python',
      'Traceback (most recent call last):',
      '  File "a.py", line 3, in <module>',
      'ValueError: bad',
      '```',
      '    at render (src/app.js:10:5)',
      '- [x] I searched existing issues',
      'Version 1.2.3 fails 42 times with `npm ci`? 🎉',
    ].join('\n');
    const tokens = tokenizeMarkdown(body, 10_000);
    for (const special of [
      '#h:steps_to_reproduce',
      '#url',
      '#url:github.com',
      '#img',
      '#code',
      '#code:python',
      '#trace',
      '#code-error',
      '#checkbox',
      '#version',
      '#num',
      '#icode',
      '#emoji',
      '?',
    ]) {
      expect(tokens).toContain(special);
    }
    expect(tokens).toContain('steps');
    expect(tokens).not.toContain('traceback');
  });
});

describe('featurize', () => {
  it('equals the plain definition (strings hashed one by one), whatever the parameters', () => {
    const issues = [
      { title: 'Crash on start crash', body: 'It crashes.\n```\nError: x\n```\nit crashes again, again? see #12' },
      { title: 'Ünïcödé straße 日本語', body: 'naïve café 😀 a😀b 𝔘𝔫𝔦 lone \ud800 x \udc00 end \ud83d' },
      { title: '', body: `${'supercalifragilistic '.repeat(3)}${'x'.repeat(300)} a b a b` },
      { title: '', body: '' },
    ];
    const variants: Partial<FeaturizerParams>[] = [
      {},
      { buckets: 1009, wordBigrams: false },
      { charNgrams: [1, 7], titleWeight: 1, charNgramWeight: 0.5 },
      { charNgrams: [0, 0], maxBodyChars: 20 },
    ];
    for (const variant of variants) {
      const p = { ...params, ...variant };
      for (const issue of issues) {
        const got = featurize(issue, p);
        const want = referenceFeaturize(issue, p);
        expect(Array.from(got.ids)).toEqual(want.ids);
        expect(Array.from(got.weights)).toEqual(want.weights);
      }
    }
  });

  it('gives identical output for identical input', () => {
    const issue = { title: 'Crash on start', body: 'It crashes.\n```\nError: x\n```' };
    const a = featurize(issue, params);
    const b = featurize({ ...issue }, params);
    expect(Array.from(a.ids)).toEqual(Array.from(b.ids));
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
  });

  it('keeps title and body in separate namespaces', () => {
    const inTitle = featurize({ title: 'crash', body: '' }, params);
    const inBody = featurize({ title: '', body: 'crash' }, params);
    const wordIds = (f: { ids: Int32Array }) => new Set(f.ids);
    const shared = [...wordIds(inTitle)].filter((id) => wordIds(inBody).has(id));
    expect(shared.length).toBeGreaterThan(0); // character n-grams are shared
    expect(shared.length).toBeLessThan(inTitle.ids.length); // words are not
  });

  it('handles empty, huge, emoji, invalid UTF-8 and control characters without throwing', () => {
    const invalidUtf8 = new TextDecoder().decode(new Uint8Array([0x66, 0xff, 0xfe, 0xc3, 0x28, 0x80, 0x6f]));
    const inputs = [
      { title: '', body: '' },
      { title: 'big', body: 'word '.repeat(400_000) },
      { title: '🔥🔥 broken 👍🏽', body: '👨‍👩‍👧 family emoji 🇩🇪' },
      { title: invalidUtf8, body: `x\ud800y\udfffz` },
      { title: '\u0000\u0001\u0007', body: 'a\u0000b\u001b[31mred\u007f\r\nline\uE000' },
      { title: null, body: undefined } as unknown as { title: string; body: string },
    ];
    for (const input of inputs) expectValid(featurize(input, params));
    const huge = featurize(inputs[1] as { title: string; body: string }, params);
    const capped = featurize({ title: 'big', body: 'word '.repeat(Math.ceil(params.maxBodyChars / 5)) }, params);
    expect(Array.from(huge.ids)).toEqual(Array.from(capped.ids));
  });
});
