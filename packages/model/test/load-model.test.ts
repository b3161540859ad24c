import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadModelFromBytes,
  loadModelFromDirectory,
  ModelBundleError,
  serializeManifest,
  trainBundle,
  writeBundle,
} from '../src/index.js';
import { makeIssues } from './support/make-issues.js';

let dir: string;
let onnx: Uint8Array;
let manifest: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'labelbot-model-'));
  const bundle = trainBundle(makeIssues(15), {
    name: 'test',
    task: 'multiclass',
    labels: ['bug', 'feature', 'question'],
    labelMap: { enhancement: 'feature' },
    seed: 1,
    holdoutFraction: 0.2,
    validationFraction: 0.2,
    featurizer: { buckets: 4096 },
    sources: [{ file: 'fixture.jsonl', rows: 90, sha256: '0'.repeat(64) }],
    createdAt: '2026-01-01T00:00:00Z',
  });
  await writeBundle(dir, bundle);
  onnx = new Uint8Array(await readFile(join(dir, 'model.onnx')));
  manifest = await readFile(join(dir, 'manifest.json'), 'utf8');
  expect(manifest).toBe(serializeManifest(bundle.manifest));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function expectRefused(files: { onnx: Uint8Array; manifest: string }, message: RegExp): Promise<void> {
  const error = await loadModelFromBytes(files).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ModelBundleError);
  expect((error as Error).message).toMatch(message);
}

const edit = (change: (m: Record<string, unknown>) => void): string => {
  const m = JSON.parse(manifest) as Record<string, unknown>;
  change(m);
  return JSON.stringify(m);
};

describe('model bundle', () => {
  it('loads from a directory and predicts in input order, odd input included', async () => {
    const model = await loadModelFromDirectory(dir);
    expect(model.manifest.labels).toEqual(['bug', 'feature', 'question']);
    expect(model.bytes).toBe(onnx.byteLength);
    const issues = [
      { title: 'Crash when opening the editor', body: 'Error: cannot read\n    at save (src/app.js:10:5)' },
      { title: 'How do I use themes?', body: 'Can someone explain? Thanks!' },
      { title: '', body: '' },
      { title: '💥', body: `${'x'.repeat(2_000_000)}\u0000\ud800` },
    ];
    const predictions = await model.predict(issues);
    expect(predictions).toHaveLength(4);
    expect(predictions[0]?.labels).toEqual(['bug']);
    expect(predictions[1]?.labels).toEqual(['question']);
    for (const p of predictions) {
      const total = Object.values(p.scores).reduce((a, b) => a + b, 0);
      expect(total).toBeCloseTo(1, 5);
    }
    const strict = await model.predict(issues.slice(0, 1), { minConfidence: 1.01 });
    expect(strict[0]?.labels).toEqual([]);
    expect(await model.predict([])).toEqual([]);
    await model.release();
  });

  it('scores a mixed-length batch as one issue at a time (to float rounding), in input order', async () => {
    const model = await loadModelFromDirectory(dir);
    const issues = makeIssues(20).map((issue, i) => ({ title: issue.title, body: issue.body.repeat(1 + (i % 7) * 9) }));
    const batch = await model.predict(issues);
    for (const [i, issue] of issues.entries()) {
      const [single] = await model.predict([issue]);
      expect(batch[i]?.labels).toEqual(single?.labels);
      for (const [label, score] of Object.entries(single?.scores ?? {})) {
        expect(Math.abs((batch[i]?.scores[label] as number) - score)).toBeLessThan(1e-6);
      }
    }
    await model.release();
  });

  it('refuses a tampered model.onnx', async () => {
    const tampered = onnx.slice();
    tampered[tampered.length - 10] = (tampered[tampered.length - 10] as number) ^ 0xff;
    await expectRefused({ onnx: tampered, manifest }, /sha256 .* does not match manifest/);
  });

  it('refuses an incompatible or malformed manifest, saying what is wrong', async () => {
    await expectRefused({ onnx, manifest: '{"schemaVersion":' }, /not valid JSON/);
    await expectRefused(
      {
        onnx,
        manifest: edit((m) => {
          (m.featurizer as { version: number }).version = 99;
        }),
      },
      /featurizer .*v99.* is not what this build runs/,
    );
    await expectRefused({ onnx, manifest: edit((m) => (m.schemaVersion = 2)) }, /schemaVersion/);
    await expectRefused({ onnx, manifest: edit((m) => (m.labels = [])) }, /labels/);
    await expectRefused(
      { onnx, manifest: edit((m) => (m.thresholds = { bug: 2, feature: 0, question: 0 })) },
      /threshold of "bug"/,
    );
    await expectRefused(
      { onnx, manifest: edit((m) => ((m.thresholds as Record<string, number>).docs = 0.5)) },
      /thresholds names "docs", which is not in labels/,
    );
    await expectRefused(
      { onnx, manifest: edit((m) => ((m.featurizer as { params: { stem: boolean } }).params.stem = true)) },
      /featurizer.params has "stem", which this build does not know/,
    );
    await expectRefused({ onnx, manifest: edit((m) => delete m.training) }, /training must be a JSON object/);
    await expectRefused({ onnx, manifest: edit((m) => (m.metrics = null)) }, /metrics must be a JSON object/);
    await expectRefused(
      { onnx, manifest: edit((m) => ((m.training as { labelMap: unknown }).labelMap = ['feature'])) },
      /training.labelMap must map label names to label names/,
    );
    await expectRefused(
      { onnx, manifest: edit((m) => ((m.featurizer as { params: { titleWeight: number } }).params.titleWeight = 0)) },
      /featurizer.params/,
    );
  });

  it('refuses a manifest whose label count or buckets (more or fewer) do not fit model.onnx, with trial predictions', async () => {
    await expectRefused(
      {
        onnx,
        manifest: edit((m) => {
          m.labels = ['bug', 'feature', 'question', 'docs'];
          m.thresholds = { bug: 0.5, feature: 0.5, question: 0.5, docs: 0.5 };
        }),
      },
      /does not fit manifest.json \(4 labels, 4096 featurizer buckets\): trial prediction failed: .*expected \[1, 4\]/,
    );
    await expectRefused(
      {
        onnx,
        manifest: edit((m) => {
          (m.featurizer as { params: { buckets: number } }).params.buckets = 8192;
        }),
      },
      /does not fit manifest.json \(3 labels, 8192 featurizer buckets\): trial prediction failed/,
    );
    // Fewer buckets than the graph's rows would run, with every feature hashed into the wrong row.
    await expectRefused(
      {
        onnx,
        manifest: edit((m) => {
          (m.featurizer as { params: { buckets: number } }).params.buckets = 1000;
        }),
      },
      /does not fit manifest.json \(3 labels, 1000 featurizer buckets\): the graph has more than 1000 embedding rows/,
    );
  });

  it('refuses bytes that are not an ONNX model, and a missing file', async () => {
    const junk = new TextEncoder().encode('not a model');
    const { createHash } = await import('node:crypto');
    const sha256 = createHash('sha256').update(junk).digest('hex');
    await expectRefused({ onnx: junk, manifest: edit((m) => (m.sha256 = sha256)) }, /model.onnx cannot be loaded/);
    const empty = await mkdtemp(join(tmpdir(), 'labelbot-empty-'));
    await writeFile(join(empty, 'manifest.json'), manifest);
    const error = await loadModelFromDirectory(empty).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelBundleError);
    expect((error as Error).message).toMatch(/cannot read model.onnx/);
    // Both missing: both named, in a fixed order (not whichever read failed first).
    await rm(join(empty, 'manifest.json'));
    const both = await loadModelFromDirectory(empty).catch((e: unknown) => e);
    expect(both).toBeInstanceOf(ModelBundleError);
    expect((both as Error).message).toBe(
      `cannot read manifest.json in ${empty}: ENOENT; cannot read model.onnx in ${empty}: ENOENT`,
    );
    await rm(empty, { recursive: true, force: true });
  });
});
