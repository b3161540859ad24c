import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as evaluate } from '../src/commands/evaluate.js';
import { run as train } from '../src/commands/train.js';
import { toDatasetLine } from '../src/dataset/dataset-issue.js';
import { syntheticIssues } from './support/synthetic-issues.js';

function capture() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) } },
  };
}

describe('labelbot train --task multilabel and evaluate --card', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'multilabel-'));
    await writeFile(join(dir, 'train.jsonl'), syntheticIssues(300).map(toDatasetLine).join(''));
    await writeFile(join(dir, 'test.jsonl'), syntheticIssues(360).slice(300).map(toDatasetLine).join(''));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('trains a repository model with label selection, a card and the held-out issues', async () => {
    const { io, out } = capture();
    const args = [
      '--task',
      'multilabel',
      '--input',
      join(dir, 'train.jsonl'),
      '--out',
      join(dir, 'model'),
      '--name',
      'acme/widgets',
    ];
    expect(
      await train([...args, '--min-count', '10', '--buckets', '4096', '--created-at', '2026-04-01T00:00:00Z'], io),
    ).toBe(0);
    const summary = JSON.parse(out.stdout) as {
      labels: string[];
      neverPredicted: string[];
      heldOut: { count: number };
    };
    expect([...summary.labels].sort()).toEqual(['area/ui', 'kind/bug']);
    expect(summary.neverPredicted).toEqual(
      expect.arrayContaining(['stale: workflow label', 'triaged: workflow label']),
    );
    // Issues with only workflow labels (`triaged`, `stale`) were never labelled for content: left out.
    const triaged = syntheticIssues(300).filter((i) => i.labels.some((l) => l === 'area/ui' || l === 'kind/bug'));
    expect(triaged.length).toBeLessThan(300);
    expect(summary.heldOut.count).toBe(Math.round(triaged.length * 0.2));
    const card = await readFile(join(dir, 'model', 'README.md'), 'utf8');
    expect(card).toContain('# Model card: acme/widgets 20260401T000000Z');
    expect(card).toContain(`${300 - triaged.length} issues without a label other than workflow labels left out`);
    const manifest = JSON.parse(await readFile(join(dir, 'model', 'manifest.json'), 'utf8'));
    expect(manifest.training.thresholdOptions).toMatchObject({ precisionTarget: 0.8, shareDrop: 2, slices: 2 });
    const holdout = (await readFile(join(dir, 'model', 'holdout.jsonl'), 'utf8')).trim().split('\n');
    expect(holdout).toHaveLength(summary.heldOut.count);
    for (const line of holdout)
      expect(JSON.parse(line).labels.some((l: string) => l !== 'triaged' && l !== 'stale')).toBe(true);
  });

  it('rejects a bad --min-count, --share-drop, --precision-target and flags of multiclass training', async () => {
    const { io, out } = capture();
    const args = [
      '--task',
      'multilabel',
      '--input',
      join(dir, 'train.jsonl'),
      '--out',
      join(dir, 'x'),
      '--min-count',
      'many',
    ];
    expect(await train(args, io)).toBe(2);
    expect(out.stderr).toMatch(/--min-count must be a whole number/);
    expect(existsSync(join(dir, 'x'))).toBe(false);
    const bad = capture();
    expect(await train([...args.slice(0, 6), '--share-drop', '0.5'], bad.io)).toBe(2);
    expect(bad.out.stderr).toMatch(/--share-drop must be a number >= 1/);
    expect(existsSync(join(dir, 'x'))).toBe(false);
    const multiclassFlags = capture();
    expect(
      await train([...args.slice(0, 6), '--train-on-held-out', '--joined-title-words', '12'], multiclassFlags.io),
    ).toBe(2);
    expect(multiclassFlags.out.stderr).toMatch(/--train-on-held-out, --joined-title-words apply to --task multiclass/);
    // Repository models would train without bagging: refused rather than dropped.
    const bagging = capture();
    expect(await train([...args.slice(0, 6), '--bagging'], bagging.io)).toBe(2);
    expect(bagging.out.stderr).toContain('--bagging apply to --task multiclass only');
    expect(existsSync(join(dir, 'x'))).toBe(false);
    for (const target of ['7', '0', '-0.5', 'high']) {
      const badTarget = capture();
      expect(await train([...args.slice(0, 6), `--precision-target=${target}`], badTarget.io)).toBe(2);
      expect(badTarget.out.stderr).toContain(`--precision-target must be a number with 0 < p <= 1, got "${target}"`);
    }
    for (const [flags, message] of [
      [['--holdout=1'], '--holdout must be a number with 0 <= f < 1, got "1"'],
      [['--validation=-0.1'], '--validation must be a number with 0 <= f < 1, got "-0.1"'],
      [['--holdout=0.6', '--validation=0.5'], '--holdout and --validation together must leave issues to train on'],
      [['--holdout='], '--holdout must be a number with 0 <= f < 1, got ""'],
      [['--validation', ' '], '--validation must be a number with 0 <= f < 1, got " "'],
      [['--precision-target='], '--precision-target must be a number with 0 < p <= 1, got ""'],
    ] as const) {
      const badFraction = capture();
      expect(await train([...args.slice(0, 6), ...flags], badFraction.io)).toBe(2);
      expect(badFraction.out.stderr).toContain(message);
    }
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  it('refuses flags of multilabel training without --task multilabel, before reading any input', async () => {
    // The input does not exist: reading it first would fail with exit 1 instead.
    const args = ['--input', join(dir, 'missing.jsonl'), '--out', join(dir, 'multiclass')];
    for (const flags of [['--min-count', '10'], ['--share-drop', '2'], ['--exclude', 'stale'], ['--keep-unlabelled']]) {
      const { io, out } = capture();
      expect(await train([...args, ...flags], io)).toBe(2);
      expect(out.stderr).toContain(`${flags[0]} needs --task multilabel`);
    }
    const { io, out } = capture();
    expect(await train([...args, '--task', 'multiclass', '--min-count', '10', '--exclude', ''], io)).toBe(2);
    expect(out.stderr).toContain('--min-count, --exclude need --task multilabel');
    expect(existsSync(join(dir, 'multiclass'))).toBe(false);
  });

  it('evaluates multi-label at the thresholds, with label-set accuracy and a card for the test file', async () => {
    const { io, out } = capture();
    const card = join(dir, 'card.md');
    expect(
      await evaluate(['--model', join(dir, 'model'), '--input', join(dir, 'test.jsonl'), '--card', card], io),
    ).toBe(0);
    const report = JSON.parse(out.stdout) as {
      count: number;
      labelSetAccuracy: number;
      perLabel: Record<string, { precision: number }>;
    };
    expect(report.count).toBe(60);
    expect(report.labelSetAccuracy).toBeGreaterThanOrEqual(0);
    expect(report.labelSetAccuracy).toBeLessThanOrEqual(1);
    expect(Object.keys(report.perLabel).sort()).toEqual(['area/ui', 'kind/bug']);
    const text = await readFile(card, 'utf8');
    expect(text).toContain(`Evaluated on ${join(dir, 'test.jsonl')} (60 issues).`);
    expect(text).toContain(`label-set accuracy ${report.labelSetAccuracy.toFixed(3)}`);
  });
});
